package macserver.config;

import macserver.cli.Plane;

/** Who made a change and through which plane; carried to change listeners and events. */
public record Origin(String user, Plane plane) {
    /** Changes the firmware makes by itself (expiry, dynamic entries). */
    public static final Origin SYSTEM = new Origin("system", null);
}
