package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import macserver.system.peers.Netns;
import macserver.system.peers.ProcessRun;
import macserver.system.support.SshRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged firmware's SSH server in a network namespace, with the clients operators run:
 * OpenSSH (sshpass for passwords, keys), netmiko ({@code mikrotik_routeros}) and Ansible's
 * community.routeros over network_cli, all from the client namespace.
 */
class SshSystemTest {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    @TempDir
    Path dir;

    @Test
    void openSshExecShellKeysAndAHostKeyThatSurvivesARestart() throws Exception {
        Path flash = dir.resolve("flash.img");
        Path knownHosts = dir.resolve("known_hosts");
        try (Netns net = Netns.create()) {
            String fingerprint;
            try (SshRouter router = SshRouter.start(net, flash, knownHosts)) {
                ProcessRun added = router.ssh("/ip mac-server add name=my-mac-server");
                assertEquals(0, added.exitStatus(), added.describe());
                ProcessRun print = router.ssh("/ip mac-server print");
                assertEquals(0, print.exitStatus(), print.describe());
                assertTrue(print.output().lines().anyMatch(l -> l.matches("0\\s+my-mac-server\\s+all\\s+local\\s+0\\s+0\\s+0")),
                        print.output());
                ProcessRun export = router.ssh("/export show-sensitive");
                assertEquals(0, export.exitStatus(), export.describe());
                assertTrue(export.output().contains("/ip mac-server\nadd name=my-mac-server"), export.output());
                ProcessRun bad = router.ssh("/ip mac-server add name=x2\n/ip nonsense");
                assertEquals(1, bad.exitStatus(), bad.describe());
                assertTrue(bad.output().contains("bad command name nonsense"), bad.output());

                shellTypesTheSeedsCommands(net, router);
                keysLogIn(net, router);
                wrongPasswordsAndUnknownUsersAreRefusedAlike(router);

                fingerprint = shownFingerprint(router);
                String seen = ProcessRun.check(SshRouter.LIMIT, "ssh-keygen", "-l", "-f", knownHosts.toString());
                assertTrue(seen.contains(fingerprint), seen + " vs " + fingerprint);
            }
            try (SshRouter again = SshRouter.start(net, flash, knownHosts)) {
                // Strict checking against the known_hosts of the first run: a new key would be refused.
                List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", SshRouter.PASSWORD, "ssh"));
                cmd.addAll(again.sshOptions("yes"));
                cmd.addAll(List.of("admin@" + Netns.ROUTER_IPV4, "/ip mac-server print"));
                ProcessRun strict = ProcessRun.run(SshRouter.LIMIT, net.inClient(cmd));
                assertEquals(0, strict.exitStatus(), strict.describe());
                assertTrue(strict.output().contains("my-mac-server"), strict.output());
                assertEquals(fingerprint, shownFingerprint(again));
            }
        }
    }

    private static String shownFingerprint(SshRouter router) {
        ProcessRun shown = router.ssh("/ip ssh print");
        Matcher m = FINGERPRINT.matcher(shown.output());
        assertTrue(shown.output().contains("host-key-type: ed25519") && m.find(), shown.describe());
        return m.group();
    }

    /** An interactive session with a pty (ssh -tt) that types the seed's commands, then /quit. */
    private void shellTypesTheSeedsCommands(Netns net, SshRouter router) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", SshRouter.PASSWORD, "ssh", "-tt"));
        cmd.addAll(router.sshOptions("yes"));
        cmd.add("admin@" + Netns.ROUTER_IPV4);
        Process p = new ProcessBuilder(net.inClient(cmd)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("shell.out").toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("""
                    /ip mac-server
                    binding
                    add mac-address=00:01:02:03:04:05 server=my-mac-server
                    /ip mac-server
                    set my-mac-server default
                    print
                    binding print
                    /quit
                    """.replace("\n", "\r").getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(p.waitFor(SshRouter.LIMIT.toSeconds(), TimeUnit.SECONDS), "the shell did not end at /quit");
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("shell.out")).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]|\u001b[=>]", "");
        assertTrue(out.contains("[admin@MikroTik] /ip/mac-server>"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("0 \\* my-mac-server\\s+all\\s+local\\s+0\\s+0\\s+0\\s*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("0\\s+00:01:02:03:04:05\\s+my-mac-server\\s+allow\\s*")), out);
    }

    /** ed25519 and ECDSA keys from ssh-keygen, added with /user ssh-keys add key="...". */
    private void keysLogIn(Netns net, SshRouter router) throws IOException {
        for (String type : List.of("ed25519", "ecdsa")) {
            Path key = dir.resolve("id_" + type);
            ProcessRun.check(SshRouter.LIMIT, "ssh-keygen", "-q", "-t", type, "-N", "", "-C", "ops@" + type, "-f", key.toString());
            String pub = Files.readString(Path.of(key + ".pub")).strip();
            List<String> cmd = new ArrayList<>(List.of("ssh", "-i", key.toString(), "-o", "IdentitiesOnly=yes",
                    "-o", "PasswordAuthentication=no", "-o", "BatchMode=yes"));
            cmd.addAll(router.sshOptions("yes"));
            cmd.addAll(List.of("admin@" + Netns.ROUTER_IPV4, "/system identity print"));
            ProcessRun before = ProcessRun.run(SshRouter.LIMIT, net.inClient(cmd));
            assertNotEquals(0, before.exitStatus(), "a key that is not added must not log in: " + before.describe());
            ProcessRun add = router.ssh("/user ssh-keys add user=admin key=\"" + pub + "\"");
            assertEquals(0, add.exitStatus(), add.describe());
            ProcessRun with = ProcessRun.run(SshRouter.LIMIT, net.inClient(cmd));
            assertEquals(0, with.exitStatus(), with.describe());
            assertTrue(with.output().contains("name: MikroTik"), with.output());
        }
        ProcessRun keys = router.ssh("/user ssh-keys print");
        assertTrue(keys.output().contains("ops@ed25519") && keys.output().contains("ops@ecdsa"), keys.output());
        ProcessRun export = router.ssh("/export");
        assertTrue(!export.output().contains("ssh-keys"), export.output());
    }

    private static void wrongPasswordsAndUnknownUsersAreRefusedAlike(SshRouter router) throws IOException {
        ProcessRun wrong = router.ssh("admin", "wrong", "/system identity print");
        ProcessRun unknown = router.ssh("nobody", SshRouter.PASSWORD, "/system identity print");
        for (ProcessRun r : List.of(wrong, unknown)) {
            assertNotEquals(0, r.exitStatus(), r.describe());
            assertTrue(!r.output().contains("name: MikroTik"), r.output());
        }
        assertEquals(wrong.exitStatus(), unknown.exitStatus());
        router.console().send("/user add name=fresh group=full");
        ProcessRun emptyFactory = router.ssh("fresh", "", "/system identity print");
        assertNotEquals(0, emptyFactory.exitStatus(), emptyFactory.describe());
    }

    @Test
    void netmikoReadsAndChangesTheConfiguration() throws Exception {
        Path script = dir.resolve("netmiko_session.py");
        Files.writeString(script, """
                import sys
                from netmiko import ConnectHandler
                device = ConnectHandler(device_type="mikrotik_routeros", host=sys.argv[1], username="admin",
                                        password=sys.argv[2], global_delay_factor=2)
                print("PROMPT " + device.find_prompt())
                device.send_config_set(["/ip mac-server add name=from-netmiko"])
                print("PRINT<<" + device.send_command("/ip mac-server print") + ">>")
                device.disconnect()
                """);
        try (Netns net = Netns.create(); SshRouter router = SshRouter.start(net, dir.resolve("flash.img"),
                dir.resolve("known_hosts"))) {
            ProcessRun run = ProcessRun.run(SshRouter.LIMIT, net.inClient("/usr/bin/python3", script.toString(),
                    Netns.ROUTER_IPV4, SshRouter.PASSWORD));
            assertEquals(0, run.exitStatus(), run.describe());
            assertTrue(run.output().contains("PROMPT [admin@MikroTik] >"), run.output());
            String printed = run.output().substring(run.output().indexOf("PRINT<<"));
            assertTrue(printed.contains("Columns: NAME, ALLOWED-INTERFACE-LIST"), printed);
            assertTrue(printed.lines().anyMatch(l -> l.matches("0\\s+from-netmiko\\s+all\\s+local\\s+0\\s+0\\s+0")), printed);
            router.console().send("/ip mac-server print count-only");
            router.console().awaitLine("1", 60);
        }
    }

    @Test
    void ansibleRouterOsCommandAndFactsOverNetworkCli() throws Exception {
        Files.writeString(dir.resolve("inventory.ini"), """
                [routers]
                router ansible_host=%s

                [routers:vars]
                ansible_connection=ansible.netcommon.network_cli
                ansible_network_os=community.routeros.routeros
                ansible_user=admin+cet1024w
                ansible_password=%s
                """.formatted(Netns.ROUTER_IPV4, SshRouter.PASSWORD));
        Files.writeString(dir.resolve("play.yml"), """
                - hosts: routers
                  gather_facts: false
                  tasks:
                    - name: commands
                      community.routeros.command:
                        commands:
                          - /ip mac-server print
                          - /system identity print
                      register: out
                    - debug:
                        msg: "IDENTITY={{ out.stdout[1] }}"
                    - name: facts
                      community.routeros.facts:
                        gather_subset: [default, hardware]
                    - debug:
                        msg: "FACTS model={{ ansible_net_model }} version={{ ansible_net_version }} host={{ ansible_net_hostname }}"
                """);
        try (Netns net = Netns.create(); SshRouter router = SshRouter.start(net, dir.resolve("flash.img"),
                dir.resolve("known_hosts"))) {
            ProcessRun run = ProcessRun.run(SshRouter.LIMIT.multipliedBy(2), net.inClient("env",
                    "ANSIBLE_HOST_KEY_CHECKING=False", "HOME=" + dir, "ANSIBLE_LOCAL_TEMP=" + dir.resolve("ansible-tmp"),
                    "ansible-playbook", "-i", dir.resolve("inventory.ini").toString(), dir.resolve("play.yml").toString()));
            assertEquals(0, run.exitStatus(), run.describe());
            assertTrue(run.output().contains("IDENTITY=name: MikroTik"), run.output());
            assertTrue(run.output().matches("(?s).*FACTS model=x86-64 host \\(development\\) version=7\\.\\d+\\.\\d+ \\(stable\\) host=MikroTik.*"),
                    run.output());
            assertTrue(run.output().contains("failed=0"), run.output());
        }
    }
}
