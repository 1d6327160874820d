package macserver.config;

import java.util.Set;

/**
 * Who made a change and through which plane; carried to change listeners and events. A change a
 * user asked for carries that user's {@code policies} (their group's rights, or the RADIUS
 * group's), so that rules can refuse what needs more than the menu's write right; the firmware's
 * own changes carry null: they are not limited. A change a remote request made (MQTT) names the
 * request in {@code request}: {@code user} is then whose rights it ran with (the agent's user),
 * and the request id is what leads back to whoever sent it.
 */
public record Origin(String user, Plane plane, Set<String> policies, String request) {
    /** Changes the firmware makes by itself (expiry, dynamic entries). */
    public static final Origin SYSTEM = new Origin("system", null);

    public Origin {
        policies = policies == null ? null : Set.copyOf(policies);
    }

    /** A change made by the firmware on its own behalf, or on behalf of {@code user} without their rights mattering. */
    public Origin(String user, Plane plane) {
        this(user, plane, null, null);
    }

    /** A change a user made through {@code plane}, checked against {@code policies}. */
    public Origin(String user, Plane plane, Set<String> policies) {
        this(user, plane, policies, null);
    }

    /** Whether the change may do what needs the {@code policy} right (user management, who remote planes act as). */
    public boolean hasPolicyRight() {
        return policies == null || policies.contains("policy");
    }
}
