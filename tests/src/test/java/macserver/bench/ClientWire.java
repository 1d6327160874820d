package macserver.bench;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import macserver.datapath.FrameSender;
import macserver.mactelnet.Direction;
import macserver.mactelnet.MtDecodeResult;
import macserver.mactelnet.MtHeader;
import macserver.mactelnet.MtPacketDecoder;
import macserver.mactelnet.MtPacketType;

/**
 * The data path as the benchmark's clients see it, without sockets: one interface, and what the
 * server sends is decoded on the spot. Packets to the one client that is logging in are kept for
 * it; packets to every other client (keepalive echoes, resends, ENDs) are only counted, so a
 * thousand idle sessions cost the benchmark nothing on the heap it measures. A DATA to another
 * client goes to the {@link #acknowledgeOthers} callback on a thread of its own, as a real client
 * acknowledges terminal output (never on the sending thread: that one holds the server's lock).
 */
final class ClientWire implements FrameSender {

    /** One server packet to the listening client, payload copied. */
    record Packet(int type, int counter, byte[] payload) {
        /** The counter an ACK of this DATA carries. */
        int end() {
            return counter + payload.length;
        }
    }

    private final int ifIndex;
    private final long serverMac;
    private final ArrayDeque<Packet> inbox = new ArrayDeque<>();
    private long listening = -1;
    private final AtomicLong toOthers = new AtomicLong();
    private final AtomicLong ends = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile DataSeen othersData;
    private ExecutorService acker;

    /** What a client does with a server DATA: acknowledge everything up to {@code end}. */
    interface DataSeen {
        void seen(long clientMac, int end);
    }

    /** From now on each DATA to a client that is not listening is handed to {@code callback}. */
    synchronized void acknowledgeOthers(DataSeen callback) {
        if (acker == null) {
            acker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("bench-acker").factory());
        }
        othersData = callback;
    }

    ClientWire(int ifIndex, long serverMac) {
        this.ifIndex = ifIndex;
        this.serverMac = serverMac;
    }

    /** From now on packets to {@code clientMac} are kept for {@link #await}; the inbox starts empty. */
    synchronized void listen(long clientMac) {
        listening = clientMac;
        inbox.clear();
    }

    synchronized void stopListening() {
        listening = -1;
        inbox.clear();
    }

    /**
     * The first kept packet that matches, waiting up to {@code timeoutMillis} for it (resends come
     * from the server's timer thread). Packets before it are dropped, as a client skips duplicates.
     */
    synchronized Packet await(Predicate<Packet> match, long timeoutMillis) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            for (Iterator<Packet> it = inbox.iterator(); it.hasNext();) {
                Packet p = it.next();
                it.remove();
                if (match.test(p)) {
                    return p;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no matching packet from the server within " + timeoutMillis + " ms");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** A kept packet that is already here and matches, or null; nothing waits. */
    synchronized Packet poll(Predicate<Packet> match) {
        for (Packet p : inbox) {
            if (match.test(p)) {
                return p;
            }
        }
        return null;
    }

    /** Packets sent to clients that were not listening. */
    long packetsToOthers() {
        return toOthers.get();
    }

    /** END packets the server sent, to anyone. */
    long ends() {
        return ends.get();
    }

    /** Packets the server sent that did not decode as MAC-Telnet (should stay 0). */
    long undecodable() {
        return undecodable.get();
    }

    @Override
    public void send(int ifIndex, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, ByteBuffer payload) {
        // Sends come from the receive, timer and terminal threads: a header of our own per call.
        MtHeader h = new MtHeader();
        if (MtPacketDecoder.decode(payload, Direction.SERVER_TO_CLIENT, h) != MtDecodeResult.OK) {
            undecodable.incrementAndGet();
            return;
        }
        if (h.type == MtPacketType.END) {
            ends.incrementAndGet();
        }
        synchronized (this) {
            if (ethDst == listening && h.receiverMac == listening) {
                byte[] body = new byte[h.payloadLength];
                payload.get(h.payloadOffset, body);
                inbox.add(new Packet(h.type, h.counter, body));
                notifyAll();
                return;
            }
        }
        toOthers.incrementAndGet();
        DataSeen callback = othersData;
        if (callback != null && h.type == MtPacketType.DATA) {
            long mac = h.receiverMac;
            int end = h.counter + h.payloadLength;
            acker.execute(() -> callback.seen(mac, end));
        }
    }

    @Override
    public long macOf(int ifIndex) {
        return ifIndex == this.ifIndex ? serverMac : -1;
    }

    @Override
    public int ipv4Of(int ifIndex) {
        return ifIndex == this.ifIndex ? 0x0A090902 : 0;
    }
}
