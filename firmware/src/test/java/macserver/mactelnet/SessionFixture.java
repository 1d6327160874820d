package macserver.mactelnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import macserver.auth.EcSrp5TestClient;
import macserver.auth.InvalidPointException;
import macserver.mactelnet.ClientSim.Packet;
import macserver.mactelnet.ClientSim.Payload;
import macserver.mactelnet.testsupport.FakeClock;
import macserver.mactelnet.testsupport.FakeFrameSender;
import macserver.mactelnet.testsupport.FakeMacServerHost;

/** A server on a fake clock and fake data path, with the steps of a client login. */
final class SessionFixture {

    static final long CLIENT_MAC = 0x02_00_00_00_00_01L;

    final FakeClock clock = new FakeClock(1_000_000);
    final FakeFrameSender net = new FakeFrameSender().addInterface(ClientSim.IF_INDEX, ClientSim.SERVER_MAC, 0x0A090902);
    final FakeMacServerHost host = new FakeMacServerHost().user("admin", "secret", true);
    final MacServer server;

    SessionFixture() {
        this(MacServerConfig.DEFAULTS, new SecureRandom());
    }

    SessionFixture(MacServerConfig config, SecureRandom random) {
        server = new MacServer(host, config, clock, random, Thread.ofVirtual().name("test-terminal-", 1).factory());
        server.attach(net);
    }

    ClientSim client() {
        return client(CLIENT_MAC, 0x1234);
    }

    ClientSim client(long mac, int key) {
        return new ClientSim(server, net, mac, key, 1500);
    }

    static byte[] clientSalt(String user, byte[] key) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[name.length + 1 + key.length];
        System.arraycopy(name, 0, v, 0, name.length);
        System.arraycopy(key, 0, v, name.length + 1, key.length);
        return v;
    }

    /** SESSIONSTART and the first auth DATA; returns the server's 49-byte PASSSALT value. */
    static byte[] keyExchange(ClientSim c, String user, EcSrp5TestClient srp) {
        c.fresh();
        c.start();
        c.data(new Payload().empty(ControlType.BEGINAUTH)
                .block(ControlType.PASSSALT, clientSalt(user, srp.publicKey())).bytes());
        Packet salt = c.fresh().stream().filter(p -> p.type() == MtPacketType.DATA && p.counter() == 0).findFirst()
                .orElseThrow(() -> new AssertionError("no server PASSSALT"));
        byte[] value = java.util.Arrays.copyOfRange(salt.payload(), 9, salt.payload().length);
        c.ack(salt.end());
        return value;
    }

    /** The second auth DATA: PASSWORD, USERNAME and the terminal blocks. */
    static void sendLogin(ClientSim c, String user, byte[] password) {
        c.data(new Payload().block(ControlType.PASSWORD, password)
                .block(ControlType.USERNAME, user.getBytes(StandardCharsets.UTF_8))
                .block(ControlType.TERM_TYPE, "xterm".getBytes(StandardCharsets.US_ASCII))
                .u16(ControlType.TERM_WIDTH, 80).u16(ControlType.TERM_HEIGHT, 24).bytes());
    }

    /** A whole EC-SRP5 login; returns once the welcome text came and was ACKed. */
    ClientSim loggedIn(String user, String password) throws InterruptedException, InvalidPointException {
        ClientSim c = client();
        EcSrp5TestClient srp = new EcSrp5TestClient(user, password.toCharArray(), new SecureRandom());
        byte[] serverKey = keyExchange(c, user, srp);
        sendLogin(c, user, srp.proof(serverKey));
        String text = c.readUntil("Welcome", 58);
        assertEquals(true, text.contains("Welcome " + user.split("\\+")[0]));
        return c;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
