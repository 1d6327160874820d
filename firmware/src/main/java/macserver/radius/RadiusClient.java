package macserver.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks a list of RADIUS servers in order until one answers. Each attempt at a server uses its own
 * socket on an ephemeral port, so identifiers never collide between concurrent requests; a resend
 * repeats the same packet (same identifier and authenticator), as RFC 2865 requires. Answers that
 * fail {@link RadiusCodec#decodeResponse} are counted as bad replies and ignored, and the client keeps
 * waiting for a good one until the attempt times out. Blocking: call it off the data path (a
 * virtual thread is enough).
 */
public final class RadiusClient implements AccessRequester {
    private static final Logger LOG = Logger.getLogger(RadiusClient.class.getName());

    private final List<RadiusServer> servers;
    private final List<RadiusStatistics> statistics;
    private final int sends;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param sends how often each server gets the request (1 means no resend)
     */
    public RadiusClient(List<RadiusServer> servers, int sends) {
        this(servers, servers.stream().map(s -> new RadiusStatistics()).toList(), sends);
    }

    /**
     * @param statistics where each server's counters go (one per server, kept by the caller so
     *     that they outlive this client: {@code /radius monitor} shows them)
     */
    public RadiusClient(List<RadiusServer> servers, List<RadiusStatistics> statistics, int sends) {
        if (sends < 1) {
            throw new IllegalArgumentException("sends must be at least 1");
        }
        if (statistics.size() != servers.size()) {
            throw new IllegalArgumentException("one statistics object per server");
        }
        this.servers = List.copyOf(servers);
        this.statistics = List.copyOf(statistics);
        this.sends = sends;
    }

    public List<RadiusServer> servers() {
        return servers;
    }

    public RadiusStatistics statistics(int server) {
        return statistics.get(server);
    }

    /** The first verified answer, or empty when no server gave one. */
    @Override
    public Optional<RadiusResponse> authenticate(AccessRequest request) {
        for (int i = 0; i < servers.size(); i++) {
            Optional<RadiusResponse> answer = ask(servers.get(i), statistics.get(i), request);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Optional<RadiusResponse> ask(RadiusServer server, RadiusStatistics stats, AccessRequest request) {
        byte[] authenticator = new byte[16];
        int identifier;
        synchronized (random) {
            random.nextBytes(authenticator);
            identifier = random.nextInt(256);
        }
        byte[] secret = server.secret();
        byte[] packet = RadiusCodec.encodeRequest(request, identifier, authenticator, secret);
        InetSocketAddress local = new InetSocketAddress(server.source(), 0);
        stats.pending.incrementAndGet();
        try (DatagramSocket socket = new DatagramSocket(local)) {
            socket.connect(server.address());
            byte[] buffer = new byte[RadiusCodec.MAX_PACKET + 1];
            stats.requests.incrementAndGet();
            long started = System.nanoTime();
            for (int send = 0; send < sends; send++) {
                if (send > 0) {
                    stats.resends.incrementAndGet();
                }
                socket.send(new DatagramPacket(packet, packet.length));
                long deadline = System.nanoTime() + server.timeout().toNanos();
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, left));
                    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    try {
                        RadiusResponse response = RadiusCodec.decodeResponse(buffer, in.getLength(), identifier,
                                authenticator, secret, server.requireMessageAuthenticator());
                        stats.lastRttMicros.set((System.nanoTime() - started) / 1000);
                        (response.accepted() ? stats.accepts : stats.rejects).incrementAndGet();
                        return Optional.of(response);
                    } catch (RadiusException e) {
                        stats.badReplies.incrementAndGet();
                        LOG.log(Level.FINE, "dropped an answer from {0}: {1}", new Object[] {server.address(), e.getMessage()});
                    }
                }
            }
            stats.timeouts.incrementAndGet();
        } catch (IOException e) {
            // An unreachable port shows up as an ICMP error on a connected socket: the server is down.
            stats.timeouts.incrementAndGet();
            LOG.log(Level.FINE, "RADIUS server {0} unreachable: {1}", new Object[] {server.address(), e.getMessage()});
        } finally {
            stats.pending.decrementAndGet();
        }
        return Optional.empty();
    }
}
