package macserver.mqtt;

import java.util.List;

/**
 * What the MQTT service runs on its broker link while the agent names a fleet group: the fleet's
 * shared bindings. The service starts and stops it as the settings change; what it is comes from
 * the firmware's wiring ({@link Joiner}), so this package does not depend on the fleet's.
 */
public interface FleetMembership extends AutoCloseable {
    /** The row of {@code /ip mac-server fleet status}. */
    List<Object[]> statusRows();

    @Override
    void close();

    /** Joins {@code group} under the topic prefix {@code prefix} on {@code link}, as client {@code clientId}. */
    @FunctionalInterface
    interface Joiner {
        FleetMembership join(MqttLink link, String prefix, String group, String clientId);
    }
}
