package macserver.system.support;

import java.io.IOException;
import java.nio.file.Path;

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
        StdioFirmware fw = StdioFirmware.start(flash);
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
