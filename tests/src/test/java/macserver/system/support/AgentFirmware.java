package macserver.system.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The packaged firmware (console on stdio) with its MQTT agent enabled towards a test broker:
 * user {@code ops} in the write group gets the remote requests, topics under {@code rtr/v1/<name>}.
 */
public final class AgentFirmware implements AutoCloseable {
    private final StdioFirmware firmware;
    private final String prefix;

    private AgentFirmware(StdioFirmware firmware, String prefix) {
        this.firmware = firmware;
        this.prefix = prefix;
    }

    /** Starts the firmware on {@code flash} and, when {@code brokerArgs} is not null, points its agent at the broker. */
    public static AgentFirmware start(Path flash, String name, String brokerArgs) throws IOException, InterruptedException {
        return start(flash, name, brokerArgs, List.of());
    }

    /** The same, with {@code jvmOptions} for the firmware's JVM. */
    public static AgentFirmware start(Path flash, String name, String brokerArgs, List<String> jvmOptions)
            throws IOException, InterruptedException {
        StdioFirmware fw = StdioFirmware.startIn(null, jvmOptions, flash);
        String prefix = "rtr/v1/" + name;
        if (brokerArgs != null) {
            fw.send("/user set admin password=secret");
            fw.send("/user add name=ops group=write password=ops-pw");
            fw.send("/iot mqtt brokers add name=b " + brokerArgs);
            fw.send("/iot mqtt agent set enabled=yes broker=b user=ops topic-prefix=" + prefix);
        }
        fw.send("/system identity print");
        fw.await("name: MikroTik", 60);
        return new AgentFirmware(fw, prefix);
    }

    /** Waits until the router's retained status on {@code broker} says online (it connected). */
    public void awaitOnline(Mosquitto broker) throws IOException, InterruptedException {
        String status = "";
        for (int i = 0; i < 30 && !status.contains("\"online\""); i++) {
            status = broker.retained(statusTopic(), 2);
        }
        if (!status.contains("\"state\":\"online\"")) {
            throw new AssertionError("not online: " + status + "\n" + firmware.transcript());
        }
    }

    /** Joins fleet group {@code group} under {@code prefix}, with a server {@code guests} for its bindings. */
    public AgentFirmware joinFleet(String group, String prefix) throws IOException, InterruptedException {
        firmware.send("/ip mac-server add name=guests");
        firmware.send("/iot mqtt agent set fleet-group=" + group + " fleet-prefix=" + prefix);
        firmware.send("/system identity print");
        firmware.await("name: MikroTik", 60);
        return this;
    }

    public StdioFirmware console() {
        return firmware;
    }

    public String prefix() {
        return prefix;
    }

    public String requestTopic() {
        return prefix + "/request";
    }

    public String statusTopic() {
        return prefix + "/status";
    }

    /** Runs a console line and waits for an output line that is exactly {@code expect}. */
    public String consoleLine(String line, String expect) throws IOException, InterruptedException {
        firmware.send(line);
        return firmware.awaitLine(expect, 60);
    }

    public void kill9() throws InterruptedException {
        firmware.kill9();
    }

    @Override
    public void close() throws InterruptedException {
        firmware.close();
    }
}
