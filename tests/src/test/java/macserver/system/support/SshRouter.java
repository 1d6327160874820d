package macserver.system.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import macserver.system.peers.Netns;
import macserver.system.peers.ProcessRun;

/**
 * The packaged firmware in the router namespace of a {@link Netns} pair, its SSH server on
 * port 22 there, admin's password set to {@link #PASSWORD}; OpenSSH's {@code ssh} (with
 * {@code sshpass} for the password) runs in the client namespace and keeps its known hosts in
 * the test's folder.
 */
public final class SshRouter implements AutoCloseable {
    public static final String PASSWORD = "secret";
    public static final Duration LIMIT = Duration.ofSeconds(120);

    private final Netns net;
    private final StdioFirmware firmware;
    private final Path knownHosts;

    private SshRouter(Netns net, StdioFirmware firmware, Path knownHosts) {
        this.net = net;
        this.firmware = firmware;
        this.knownHosts = knownHosts;
    }

    /** Starts the firmware on {@code flash} and waits until SSH listens. */
    public static SshRouter start(Netns net, Path flash, Path knownHosts) throws IOException, InterruptedException {
        StdioFirmware fw = StdioFirmware.startIn(net.routerNamespace(), flash,
                "--rest-listen=0.0.0.0", "--rest-port-shift=0");
        try {
            fw.await("ssh listening on ", 180);
            fw.send("/user set admin password=" + PASSWORD);
            fw.send("/system identity print");
            fw.await("name: ", 60);
        } catch (AssertionError | IOException | InterruptedException e) {
            fw.close();
            throw e;
        }
        return new SshRouter(net, fw, knownHosts);
    }

    public StdioFirmware console() {
        return firmware;
    }

    /** Options for every ssh run: the test's known hosts, no keys or agent of this machine's. */
    public List<String> sshOptions(String hostKeyChecking) {
        return List.of("-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=" + hostKeyChecking,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=60",
                "-o", "NumberOfPasswordPrompts=1", "-o", "LogLevel=ERROR");
    }

    /** {@code sshpass -p <password> ssh <options> admin@router <command>}; the host key is taken on first sight. */
    public ProcessRun ssh(String user, String password, String command) {
        List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "ssh"));
        cmd.addAll(sshOptions("accept-new"));
        cmd.addAll(List.of("-o", "PubkeyAuthentication=no", user + "@" + Netns.ROUTER_IPV4, command));
        return ProcessRun.run(LIMIT, net.inClient(cmd));
    }

    /** As admin with the right password. */
    public ProcessRun ssh(String command) {
        return ssh("admin", PASSWORD, command);
    }

    @Override
    public void close() throws InterruptedException {
        firmware.close();
    }
}
