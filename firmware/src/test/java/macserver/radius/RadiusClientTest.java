package macserver.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The client against small scripted servers on loopback. */
class RadiusClientTest {
    private static final byte[] SECRET = "client-test-secret".getBytes(StandardCharsets.US_ASCII);
    private static final AccessRequest REQUEST = new AccessRequest(
            List.of(RadiusAttribute.text(RadiusAttribute.USER_NAME, "AA-BB-CC-DD-EE-FF")), "x".getBytes());

    /** Answers each request with what {@code reply} makes of it (null: stay silent); records what it got. */
    private static final class ScriptedServer implements AutoCloseable {
        final DatagramSocket socket;
        final List<byte[]> received = new ArrayList<>();
        final Thread thread;

        ScriptedServer(Function<byte[], List<byte[]>> reply) throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[4096];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                        socket.receive(in);
                        byte[] request = Arrays.copyOf(buffer, in.getLength());
                        synchronized (received) {
                            received.add(request);
                        }
                        for (byte[] out : reply.apply(request)) {
                            socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        RadiusServer asServer(byte[] secret) {
            // Long enough that a busy machine cannot make the scripted server look silent.
            return new RadiusServer((InetSocketAddress) socket.getLocalSocketAddress(), secret, Duration.ofMillis(1000), null, true);
        }

        int count() {
            synchronized (received) {
                return received.size();
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static byte[] answer(byte[] request, int code, boolean withMessageAuthenticator) {
        return RadiusCodec.encodeResponse(code, request[1] & 0xff, Arrays.copyOfRange(request, 4, 20), SECRET,
                List.of(RadiusAttribute.integer(RadiusAttribute.SESSION_TIMEOUT, 60)), withMessageAuthenticator);
    }

    @Test
    void acceptIsReturned() throws Exception {
        try (ScriptedServer s = new ScriptedServer(r -> List.of(answer(r, 2, true)))) {
            RadiusClient client = new RadiusClient(List.of(s.asServer(SECRET)), 3);
            Optional<RadiusResponse> r = client.authenticate(REQUEST);
            assertTrue(r.orElseThrow().accepted());
            assertEquals(1, client.statistics(0).accepts());
        }
    }

    @Test
    void resendRepeatsTheSamePacket() throws Exception {
        int[] seen = {0};
        try (ScriptedServer s = new ScriptedServer(r -> ++seen[0] < 3 ? List.of() : List.of(answer(r, 3, true)))) {
            RadiusClient client = new RadiusClient(List.of(s.asServer(SECRET)), 3);
            assertEquals(3, client.authenticate(REQUEST).orElseThrow().code());
            assertEquals(3, s.count());
            assertArrayEquals(s.received.get(0), s.received.get(2), "same identifier and authenticator");
            assertEquals(2, client.statistics(0).resends());
        }
    }

    @Test
    void forgedAndWrongAnswersAreIgnoredAndTheGoodOneTaken() throws Exception {
        try (ScriptedServer s = new ScriptedServer(r -> {
            byte[] wrongId = answer(r, 2, true);
            wrongId[1]++;
            return List.of(answer(r, 2, false), wrongId, answer(r, 3, true));
        })) {
            RadiusClient client = new RadiusClient(List.of(s.asServer(SECRET)), 1);
            assertEquals(3, client.authenticate(REQUEST).orElseThrow().code());
            assertEquals(2, client.statistics(0).badReplies());
        }
    }

    @Test
    void wrongSecretGivesNoAnswerAndTheNextServerIsAsked() throws Exception {
        try (ScriptedServer first = new ScriptedServer(r -> List.of(answer(r, 2, true)));
                ScriptedServer second = new ScriptedServer(r -> List.of(answer(r, 3, true)))) {
            RadiusClient client = new RadiusClient(List.of(first.asServer("not-the-secret".getBytes()),
                    second.asServer(SECRET)), 2);
            assertEquals(3, client.authenticate(REQUEST).orElseThrow().code());
            assertTrue(client.statistics(0).badReplies() >= 2);
            assertEquals(1, client.statistics(0).timeouts());
        }
    }

    @Test
    void noServerAnsweringGivesEmpty() throws Exception {
        try (ScriptedServer silent = new ScriptedServer(r -> List.of())) {
            RadiusClient client = new RadiusClient(List.of(silent.asServer(SECRET)), 2);
            assertTrue(client.authenticate(REQUEST).isEmpty());
            assertEquals(2, silent.count());
            assertEquals(1, client.statistics(0).timeouts());
        }
    }
}
