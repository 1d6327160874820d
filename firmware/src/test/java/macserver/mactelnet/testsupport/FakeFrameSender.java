package macserver.mactelnet.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import macserver.datapath.FrameSender;

/** A data path that keeps every frame sent, for tests; interfaces are added with {@link #addInterface}. */
public final class FakeFrameSender implements FrameSender {

    /** One sent frame, payload copied. */
    public record Sent(int ifIndex, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, byte[] payload) {
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(payload);
        }
    }

    private final Map<Integer, Long> macs = new HashMap<>();
    private final Map<Integer, Integer> ips = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    private volatile boolean failing;

    public synchronized FakeFrameSender addInterface(int ifIndex, long mac, int ipv4) {
        macs.put(ifIndex, mac);
        ips.put(ifIndex, ipv4);
        return this;
    }

    /** Makes every send fail with an IOException, as a link that went down. */
    public void failSends(boolean fail) {
        failing = fail;
    }

    @Override
    public void send(int ifIndex, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, ByteBuffer payload)
            throws IOException {
        if (failing) {
            throw new IOException("link down");
        }
        byte[] copy = new byte[payload.remaining()];
        payload.get(payload.position(), copy);
        synchronized (this) {
            sent.add(new Sent(ifIndex, ethDst, ipSrc, ipDst, srcPort, dstPort, copy));
            notifyAll();
        }
    }

    @Override
    public synchronized long macOf(int ifIndex) {
        return macs.getOrDefault(ifIndex, -1L);
    }

    @Override
    public synchronized int ipv4Of(int ifIndex) {
        return ips.getOrDefault(ifIndex, 0);
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized void clear() {
        sent.clear();
    }

    /** Waits (up to 10 s, for frames sent by terminal threads) until a sent frame matches. */
    public synchronized Sent await(Predicate<Sent> match) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int seen = 0;
        while (true) {
            for (; seen < sent.size(); seen++) {
                if (match.test(sent.get(seen))) {
                    return sent.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching frame was sent; sent: " + sent.size());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
