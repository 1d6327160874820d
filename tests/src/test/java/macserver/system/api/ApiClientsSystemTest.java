package macserver.system.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import macserver.system.peers.ProcessRun;
import macserver.system.support.ApiFirmware;
import me.legrange.mikrotik.ApiConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RouterOS API clients operators use, each against the packaged firmware in a network
 * namespace (router end), run from the client end: librouteros (Debian python3-librouteros),
 * Ansible's community.routeros (Debian ansible), node-routeros (npm, in tests/npm) and
 * me.legrange:mikrotik over api-ssl. Each works on its own server and MACs, so they share one
 * firmware.
 */
class ApiClientsSystemTest {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    private static ApiFirmware firmware;

    @BeforeAll
    static void start() throws Exception {
        firmware = ApiFirmware.start(dir.resolve("flash.img"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (firmware != null) {
            firmware.close();
        }
    }

    private static String script(String name) throws URISyntaxException {
        return Path.of(ApiClientsSystemTest.class.getResource("/api/" + name).toURI()).toString();
    }

    /** The client's output, after checking it ran to its end and printed each of {@code lines}. */
    private static String succeeded(ProcessRun run, String... lines) {
        assertTrue(run.succeeded(), run.describe());
        String out = run.output();
        for (String line : lines) {
            assertTrue(out.contains(line + "\n"), "no line '" + line + "' in:\n" + out);
        }
        return out;
    }

    @Test
    void librouterosAddsPrintsQueriesSetsAndRemoves() throws Exception {
        succeeded(firmware.runClient(LIMIT, List.of(), "/usr/bin/python3", script("librouteros_session.py"),
                        firmware.host(), String.valueOf(ApiFirmware.API), ApiFirmware.PASSWORD),
                "login refused: invalid user name or password (6)", "server added: True", "bindings added: True",
                "printed: ['00:01:02:03:04:05', '00:01:02:03:04:06']",
                "where mac-address: [(True, '00:01:02:03:04:06')]",
                "where disabled: ({'mac-address': '00:01:02:03:04:06'},)",
                "where not disabled: ({'mac-address': '00:01:02:03:04:05'},)",
                "after set: ({'action': 'deny', 'comment': 'desk 4'},)",
                "trap: input does not match any value of server", "after remove: ()",
                "server after set: ({'comment': 'lab bench', 'max-sessions': 5},)", "server after remove: ()", "done");
    }

    @Test
    void nodeRouterosTaggedCommandsInFlightTogether() throws Exception {
        Path modules = Path.of(System.getProperty("macserver.root", ".."), "tests", "npm", "node_modules").toAbsolutePath();
        succeeded(firmware.runClient(LIMIT, List.of("NODE_PATH=" + modules), "node", script("node_routeros_session.js"),
                        firmware.host(), String.valueOf(ApiFirmware.API), ApiFirmware.PASSWORD),
                "concurrent adds: 50 ids, concurrent prints: 50", "concurrent queries: each answered its own",
                "trap: failure: already have such entry", "count-only: [{\"ret\":\"50\"}]", "done");
    }

    @Test
    void mikrotikJavaLogsInOverTlsAndPrintsWithWhere() throws Exception {
        String classPath = String.join(":", codeSource(MikrotikJavaSession.class), codeSource(ApiConnection.class));
        String java = ProcessHandle.current().info().command().orElse("java");
        String out = succeeded(firmware.runClient(LIMIT, List.of(), java, "-cp", classPath,
                        MikrotikJavaSession.class.getName(), firmware.host(), String.valueOf(ApiFirmware.API_SSL),
                        ApiFirmware.PASSWORD),
                "login refused: invalid user name or password (6)", "logged in over TLS", "done");
        assertTrue(out.contains("data={mac-address=00:0A:00:00:00:02, comment=second}"), out);
    }

    private static String codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void ansiblePlaybookWithApiApiFactsAndApiModify() throws Exception {
        String out = succeeded(firmware.runClient(LIMIT, List.of("ANSIBLE_NOCOLOR=1", "ANSIBLE_LOCALHOST_WARNING=0",
                        "ANSIBLE_INVENTORY_UNPARSED_WARNING=0"), "ansible-playbook", "-i", "localhost,", "-c", "local",
                script("ansible_playbook.yml"), "-e", "host=" + firmware.host(), "-e", "password=" + ApiFirmware.PASSWORD));
        assertTrue(out.matches("(?s).*localhost\\s+: ok=11\\s+changed=3\\s+unreachable=0\\s+failed=0\\s+skipped=0\\s+"
                + "rescued=0\\s+ignored=1.*"), out);
        assertEquals(1, out.split("The first run changed the identity, the second did not", -1).length - 1, out);
        firmware.console().send("/system identity print");
        firmware.console().await("name: ansible-router", 30);
    }
}
