package macserver.policy;

import java.util.BitSet;
import java.util.List;

/**
 * One MAC server instance's settings as the data path needs them, read from the model when it
 * changes and never modified after: safe to read from any thread. {@code allowedInterfaces}
 * null means every interface (the list {@code all}).
 */
public record ServerPolicy(int id, String name, boolean disabled, boolean macTelnet, boolean macPing,
                           BitSet allowedInterfaces, int maxSessions, long idleTimeoutSeconds, int loginRetry,
                           long lockoutSeconds, List<String> authentication, boolean radiusMacAuth,
                           ServerCounters counters) {

    boolean allowsInterface(int ifIndex) {
        return allowedInterfaces == null || (ifIndex >= 0 && allowedInterfaces.get(ifIndex));
    }
}
