package macserver.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.config.menus.ServiceMenus;
import macserver.testsupport.TestModels;
import macserver.users.UserLoginService;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSH server on loopback, driven by MINA's own client. */
class SshServiceTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final TestModels.Clocked t = TestModels.fresh();
    private final ModelCliSessions cli = new ModelCliSessions(t.model, "test");
    private final CliSession console = cli.open("admin", Plane.STDIO);
    private SshService service;
    private SshClient client;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        setSsh("port", (long) port);
        console.execute("/user set admin password=secret");
        service = new SshService(t.model, cli, new UserLoginService(t.model),
                new SshService.Options("127.0.0.1", 0, 2, Duration.ofSeconds(30)));
        service.start();
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    @AfterEach
    void tearDown() throws IOException {
        client.stop();
        service.close();
    }

    private void setSsh(String property, Object value) throws Exception {
        Menu services = t.model.schema().menu("ip service");
        t.model.write(Origin.SYSTEM, tx -> {
            tx.set(services, ServiceMenus.SSH_ID, java.util.Map.of(services.property(property), value));
            return null;
        });
    }

    private ClientSession login(String user, String password) throws IOException {
        return authenticated(user, s -> s.addPasswordIdentity(password));
    }

    private ClientSession keyLogin(String user, KeyPair key) throws IOException {
        return authenticated(user, s -> s.addPublicKeyIdentity(key));
    }

    private ClientSession authenticated(String user, java.util.function.Consumer<ClientSession> identity) throws IOException {
        ClientSession s = client.connect(user, "127.0.0.1", port).verify(LIMIT).getSession();
        identity.accept(s);
        try {
            s.auth().verify(LIMIT);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** What an exec channel printed, and its exit status. */
    private record Run(String output, Integer status) {}

    private static Run exec(ClientSession s, String command) throws IOException {
        try (ChannelExec ch = s.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ch.setOut(out);
            ch.setErr(out);
            ch.open().verify(LIMIT);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), LIMIT);
            ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), LIMIT);
            return new Run(out.toString(StandardCharsets.UTF_8), ch.getExitStatus());
        }
    }

    @Test
    void execRunsTheLinesOnTheCliAndExitsNonZeroAtAnError() throws Exception {
        try (ClientSession s = login("admin", "secret")) {
            Run ok = exec(s, "/ip mac-server add name=s1\n/ip mac-server print");
            assertEquals(0, ok.status(), ok.output());
            assertTrue(ok.output().contains("s1"), ok.output());
            Run bad = exec(s, "/ip mac-server add name=s2\n/ip nonsense\n/ip mac-server add name=s3");
            assertEquals(1, bad.status());
            assertTrue(bad.output().endsWith("bad command name nonsense (line 1 column 5)\n"), bad.output());
            String names = console.execute("/ip mac-server print terse");
            assertTrue(names.contains("name=s2") && !names.contains("name=s3"), names);
        }
    }

    @Test
    void aClientThatDoesNotReadHoldsBackOutputWithinItsWindow() throws Exception {
        long window = 8192;
        CoreModuleProperties.WINDOW_SIZE.set(client, window);
        console.execute("/ip mac-server add name=s1");
        String lines = "/ip mac-server print\n".repeat(300);
        int expected = console.execute("/ip mac-server print").length() * 300;
        try (ClientSession s = login("admin", "secret"); ChannelExec ch = s.createExecChannel(lines)) {
            ch.open().verify(LIMIT);
            java.io.InputStream out = ch.getInvertedOut();
            await(() -> available(out) >= window / 2);
            // The server now waits for window space; watch that nothing more arrives for a while.
            for (int i = 0; i < 20; i++) {
                Thread.sleep(25);
                assertTrue(available(out) <= window, "output beyond the client's window: " + available(out));
            }
            assertTrue(ch.getExitStatus() == null, "the command cannot have finished");
            byte[] all = out.readAllBytes();
            assertEquals(expected, all.length);
            ch.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS), LIMIT);
            assertEquals(0, ch.getExitStatus());
        }
    }

    private static int available(java.io.InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void loginOptionsInTheNameAreAcceptedAndTheUserIsTheNameBeforeThem() throws Exception {
        try (ClientSession s = login("admin+ct80w", "secret")) {
            Run who = exec(s, "/ip mac-server add name=x comment=y");
            assertEquals(0, who.status(), who.output());
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersFailAlikeAndLockTheAddressOut() throws Exception {
        assertThrows(IOException.class, () -> login("admin", "wrong").close());
        assertThrows(IOException.class, () -> login("nobody", "secret").close());
        for (int i = 2; i < SshLogins.LOGIN_RETRY; i++) {
            assertThrows(IOException.class, () -> login("admin", "guess").close());
        }
        // Locked out now: even the right password is refused, until the lockout time has passed.
        assertThrows(IOException.class, () -> login("admin", "secret").close());
        t.seconds.addAndGet(SshLogins.LOCKOUT_SECONDS + 1);
        login("admin", "secret").close();
    }

    @Test
    void aGroupWithoutTheSshPolicyCannotLogIn() throws Exception {
        console.execute("/user group add name=noshell policy=read,local");
        console.execute("/user add name=carol group=noshell password=pw");
        assertThrows(IOException.class, () -> login("carol", "pw").close());
        console.execute("/user group set noshell policy=read,ssh");
        login("carol", "pw").close();
    }

    @Test
    void publicKeysOfUserSshKeysLogIn() throws Exception {
        KeyPair ed = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair ec = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        assertEquals("", console.execute("/user ssh-keys add user=admin key=\""
                + PublicKeyEntry.toString(ed.getPublic()) + " ops@laptop\""));
        assertEquals("", console.execute("/user ssh-keys add user=admin key=\"" + PublicKeyEntry.toString(ec.getPublic()) + "\""));
        String list = console.execute("/user ssh-keys print");
        assertTrue(list.contains("ssh-ed25519") && list.contains("ops@laptop") && list.contains("ecdsa-sha2-nistp256"), list);
        assertTrue(!list.contains(PublicKeyEntry.toString(ed.getPublic()).substring(12)), "the key itself is write-only");
        for (KeyPair k : List.of(ed, ec)) {
            try (ClientSession s = keyLogin("admin", k)) {
                assertEquals(0, exec(s, "/system identity print").status());
            }
        }
        assertThrows(IOException.class, () -> keyLogin("admin", other).close());
        assertTrue(console.execute("/user add name=root group=full password=r").isEmpty());
        assertEquals("", console.execute("/user disable admin"));
        assertThrows(IOException.class, () -> keyLogin("admin", ed).close());
    }

    @Test
    void aUsersKeysGoWithTheUser() throws Exception {
        KeyPair k = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        console.execute("/user add name=bob group=read password=pw");
        assertEquals("", console.execute("/user ssh-keys add user=bob key=\"" + PublicKeyEntry.toString(k.getPublic()) + "\""));
        keyLogin("bob", k).close();
        assertEquals("", console.execute("/user remove bob"));
        assertEquals("0", console.execute("/user ssh-keys print count-only").strip());
        console.execute("/user add name=bob group=read password=pw");
        assertThrows(IOException.class, () -> keyLogin("bob", k).close());
    }

    @Test
    void keysOfOtherTypesOrBrokenOnesAreRefusedWithAClearError() {
        String rsa = console.execute("/user ssh-keys add user=admin key=\"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ x\"");
        assertTrue(rsa.contains("unsupported key type ssh-rsa"), rsa);
        String junk = console.execute("/user ssh-keys add user=admin key=\"ssh-ed25519 AAAA!!\"");
        assertTrue(junk.startsWith("failure:"), junk);
        assertTrue(console.execute("/user ssh-keys print count-only").strip().equals("0"));
    }

    @Test
    void theHostKeyIsKeptAndShown() throws Exception {
        String shown = console.execute("/ip ssh print");
        assertTrue(shown.contains("host-key-type: ed25519"), shown);
        assertTrue(shown.contains("host-key-fingerprint: " + service.hostKeyFingerprint()), shown);
        assertEquals(service.hostKeyFingerprint(), SshHostKey.loadOrCreate(t.model).fingerprint());
        try (ClientSession s = login("admin", "secret")) {
            assertEquals(service.hostKeyFingerprint(), KeyUtils.getFingerPrint(s.getServerKey()));
        }
        String export = console.execute("/export");
        assertTrue(!export.contains("host-key") && !export.contains("/ip ssh"), export);
    }

    @Test
    void aClientOfferingOnlyCbcCannotConnect() throws Exception {
        client.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.aes128cbc, BuiltinCiphers.aes256cbc));
        assertThrows(IOException.class, () -> login("admin", "secret").close());
        for (var c : SshAlgorithms.CIPHERS) {
            assertTrue(!c.getName().contains("cbc"), c.getName());
        }
        for (var m : SshAlgorithms.MACS) {
            assertTrue(!m.getName().contains("sha1") && !m.getName().contains("md5"), m.getName());
        }
    }

    @Test
    void connectionsThatNeverLogInAreBounded() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                silent.add(socket);
            }
            await(() -> service.unauthenticatedConnections() == 2);
            assertThrows(IOException.class, () -> login("admin", "secret").close());
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
        await(() -> service.unauthenticatedConnections() == 0);
        login("admin", "secret").close();
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeIsClosed() throws Exception {
        service.close();
        service = new SshService(t.model, cli, new UserLoginService(t.model),
                new SshService.Options("127.0.0.1", 0, 2, Duration.ofSeconds(2)));
        service.start();
        try (Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", port));
            silent.setSoTimeout((int) LIMIT.toMillis());
            long start = System.nanoTime();
            // The server's identification line comes first; then nothing, until it gives up on us.
            while (silent.getInputStream().read() >= 0) {
                assertTrue(System.nanoTime() - start < LIMIT.toNanos(), "still open");
            }
            assertTrue(System.nanoTime() - start >= Duration.ofSeconds(1).toNanos(), "closed before the login time");
        }
        await(() -> service.unauthenticatedConnections() == 0);
    }

    @Test
    void theServiceListensWhileEnabledAndMovesWithItsPort() throws Exception {
        assertEquals(port, service.address().getPort());
        setSsh("disabled", true);
        await(() -> service.address() == null);
        int next;
        try (ServerSocket s = new ServerSocket(0)) {
            next = s.getLocalPort();
        }
        setSsh("port", (long) next);
        setSsh("disabled", false);
        await(() -> service.address() != null && service.address().getPort() == next);
        port = next;
        login("admin", "secret").close();
    }

    @Test
    void addressListRefusesOtherClients() throws Exception {
        setSsh("address", List.of("192.0.2.0/24"));
        assertThrows(IOException.class, () -> login("admin", "secret").close());
        setSsh("address", List.of("127.0.0.0/8"));
        login("admin", "secret").close();
    }

    @Test
    void aShellWithAPtyIsTheConsolesCli() throws Exception {
        try (ClientSession s = login("admin", "secret"); ChannelShell shell = s.createShellChannel()) {
            shell.setPtyType("xterm");
            shell.setPtyColumns(120);
            shell.setPtyLines(40);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            shell.setOut(out);
            shell.setErr(out);
            shell.open().verify(LIMIT);
            await(() -> out.toString(StandardCharsets.UTF_8).contains("[admin@MikroTik] >"));
            OutputStream in = shell.getInvertedIn();
            in.write("/system identity print\r".getBytes(StandardCharsets.UTF_8));
            in.flush();
            await(() -> out.toString(StandardCharsets.UTF_8).contains("name: MikroTik"));
            in.write("/quit\r".getBytes(StandardCharsets.UTF_8));
            in.flush();
            shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), LIMIT);
            assertTrue(shell.isClosed() || shell.isClosing());
        }
    }

    @Test
    void theDumbTerminalOptionRepaintsTheLineThenAnswersInOneGo() throws Exception {
        try (ClientSession s = login("admin+cetw511h4098", "secret"); ChannelShell shell = s.createShellChannel()) {
            shell.setPtyType("vt100");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            shell.setOut(out);
            shell.open().verify(LIMIT);
            await(() -> out.toString(StandardCharsets.UTF_8).endsWith("[admin@MikroTik] > "));
            OutputStream in = shell.getInvertedIn();
            in.write("/system identity print\r\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String expected = "[admin@MikroTik] > /system identity print\r\n[admin@MikroTik] > /system identity print"
                    + "\r\n\r\n  name: MikroTik\r\n[admin@MikroTik] > ";
            await(() -> out.toString(StandardCharsets.UTF_8).endsWith(expected));
            assertTrue(!out.toString(StandardCharsets.UTF_8).contains("\u001b"), "no escape sequences");
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + LIMIT);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void noListenerWhenTheServiceStartsDisabled() throws Exception {
        service.close();
        setSsh("disabled", true);
        service = new SshService(t.model, cli, new UserLoginService(t.model),
                SshService.Options.defaults("127.0.0.1", 0));
        service.start();
        assertNull(service.address());
        setSsh("disabled", false);
        await(() -> service.address() != null);
        assertNotNull(service.address());
    }
}
