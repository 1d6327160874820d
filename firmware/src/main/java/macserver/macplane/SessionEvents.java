package macserver.macplane;

import macserver.config.Plane;
import macserver.mac.MacAddress;
import macserver.mqtt.ManagementEvents;
import macserver.policy.MacPolicy;
import macserver.policy.ServerPolicy;

/** What the MAC server's logins and sessions tell the management event stream (MQTT), once it is set. */
final class SessionEvents {
    private final MacPolicy policy;
    private volatile ManagementEvents events;

    SessionEvents(MacPolicy policy) {
        this.policy = policy;
    }

    void reportTo(ManagementEvents events) {
        this.events = events;
    }

    void loginFailed(long clientMac, int serverId, boolean lockedOut) {
        ManagementEvents e = events;
        if (e != null) {
            e.loginFailed(Plane.MAC_TELNET, MacAddress.format(clientMac), serverName(serverId), lockedOut);
        }
    }

    void sessionOpened(String user, long clientMac, int serverId) {
        ManagementEvents e = events;
        if (e != null) {
            e.sessionOpened(Plane.MAC_TELNET, user, MacAddress.format(clientMac), serverName(serverId));
        }
    }

    void sessionClosed(String user, long clientMac, int serverId) {
        ManagementEvents e = events;
        if (e != null) {
            e.sessionClosed(Plane.MAC_TELNET, user, MacAddress.format(clientMac), serverName(serverId));
        }
    }

    private String serverName(int serverId) {
        ServerPolicy p = policy.server(serverId);
        return p == null ? null : p.name();
    }
}
