package macserver.system.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import macserver.system.peers.Netns;
import macserver.system.peers.ProcessRun;

/**
 * The packaged firmware in the router end of a fresh namespace pair, listening on the real API
 * ports there ({@code api} 8728 switched on, {@code api-ssl} 8729), with admin's password
 * {@link #PASSWORD} and a {@code reader} user (password {@code readpw}) in the read group. Clients
 * run in the client end and reach it at {@link Netns#ROUTER_IPV4}.
 */
public record ApiFirmware(Netns netns, StdioFirmware console) implements AutoCloseable {
    public static final String PASSWORD = "secret";
    public static final int API = 8728;
    public static final int API_SSL = 8729;

    public static ApiFirmware start(Path flash) throws IOException, InterruptedException {
        Netns netns = Netns.create();
        try {
            StdioFirmware fw = StdioFirmware.startIn(netns.routerNamespace(), flash,
                    "--rest-listen=0.0.0.0", "--rest-port-shift=0");
            fw.await("api-ssl (RouterOS API) listening on", 120);
            fw.send("/user set admin password=" + PASSWORD);
            fw.send("/user add name=reader group=read password=readpw");
            fw.send("/ip service set api disabled=no");
            fw.await("api (RouterOS API) listening on", 60);
            return new ApiFirmware(netns, fw);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            netns.close();
            throw e;
        }
    }

    public String host() {
        return Netns.ROUTER_IPV4;
    }

    /** Runs a client in the client namespace, with {@code env} ({@code NAME=value}) set. */
    public ProcessRun runClient(Duration limit, List<String> env, String... command) {
        List<String> full = new ArrayList<>(List.of("env"));
        full.addAll(env);
        full.addAll(List.of(command));
        return ProcessRun.run(limit, netns.inClient(full));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            console.close();
        } finally {
            netns.close();
        }
    }
}
