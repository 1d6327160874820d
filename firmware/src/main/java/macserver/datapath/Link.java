package macserver.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.vm.JitCompiler;

/**
 * One interface of the data path: its port, the receive thread with its buffer and decoder, and
 * the send buffer with its encoder. The receive thread owns the port and closes it when it ends,
 * so a descriptor is never closed under a running receive.
 */
final class Link {
    private static final Logger LOG = Logger.getLogger(Link.class.getName());
    /**
     * Frames one receive call can bring. Under a flood this makes the system call cost per frame
     * a sixteenth; an idle link still wakes for its first frame as soon as it is queued, because
     * the call waits for one frame only. 16 slots of 2 KiB are 32 KiB of native memory per link.
     */
    static final int BATCH_FRAMES = 16;
    /**
     * Rounds of warm-up before the first receive. HotSpot compiles a method fully after some
     * thousands of calls; a MAC-Ping exchange runs this path a hundred times in a minute, so
     * without it every ping pays for interpreted decoding, checksums and method-handle calls.
     */
    static final int WARM_UP_ROUNDS = 12_000;
    /** A MAC-Ping's payload: its 18-byte header and 38 bytes, as the reference client sends it. */
    private static final int WARM_UP_PAYLOAD = 56;
    /** Pause after a failed receive, so a link that is gone does not spin a core. */
    private static final long ERROR_PAUSE_MILLIS = 100;

    final LinkInfo info;
    private final PacketPort port;
    private final ReceiveBatch batch = new ReceiveBatch(BATCH_FRAMES);
    /** One decoder per batch slot, each over its own slot: decoding is in place. */
    private final FrameDecoder[] decoders = new FrameDecoder[BATCH_FRAMES];
    private final MemorySegment txSegment;
    private final FrameEncoder encoder;
    private volatile boolean running = true;
    private Thread thread;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    Link(LinkInfo info, PacketPort port) {
        this.info = info;
        this.port = port;
        Arena arena = Arena.ofAuto();
        for (int i = 0; i < BATCH_FRAMES; i++) {
            decoders[i] = new FrameDecoder(batch.slot(i).asByteBuffer(), false);
        }
        this.txSegment = arena.allocate(FrameEncoder.MAX_FRAME_BYTES);
        this.encoder = new FrameEncoder(txSegment.asByteBuffer(), ThreadLocalRandom.current().nextInt(0x10000));
    }

    /**
     * Starts the receive thread. A platform thread, not a virtual one: it spends its life inside
     * a blocking native recvfrom, which pins a virtual thread's carrier, so on a two-core router
     * two links would take every carrier the virtual-thread scheduler has.
     */
    void start(UdpFrameHandler handler, FrameSender sender) {
        thread = Thread.ofPlatform().daemon().name("datapath-rx-" + info.name())
                .unstarted(() -> receiveLoop(handler, sender));
        thread.start();
    }

    /**
     * The hot path: one receive call for a batch of frames, then each frame decoded in its slot
     * and handed to the handler, which may answer through {@link #send} on this same thread.
     * Nothing here allocates, and nothing takes a lock or an atomic read-modify-write: this thread
     * is the only writer of its counters, so each is a plain add published with an opaque store.
     * A frame is counted before its handler runs.
     */
    private void receiveLoop(UdpFrameHandler handler, FrameSender sender) {
        try {
            warmUp();
            while (running) {
                int n;
                try {
                    n = port.receive(batch);
                } catch (DataPathException e) {
                    if (receiveErrors.getAndIncrement() == 0) {
                        LOG.warning(info.name() + ": " + e.getMessage() + " (later receive errors are only counted)");
                    }
                    pause();
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    int length = batch.length(i);
                    if (length > 0) {
                        deliver(decoders[i], length, handler, sender);
                    }
                }
            }
        } finally {
            port.close();
        }
    }

    /**
     * Encodes and decodes a MAC-Ping-sized frame in memory of its own, then has the port run its
     * native calls idle (see {@link PacketPort#warmUp}), so the per-frame code is compiled before
     * the first frame. Once on a VM that only interprets (Zero), where the rounds would keep the
     * first frames waiting for minutes. On this thread before the loop: frames that come meanwhile wait in the
     * socket and are taken by the first receive. Nothing leaves the host.
     */
    private void warmUp() {
        int rounds = JitCompiler.warmUpRounds(WARM_UP_ROUNDS);
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment frame = scratch.allocate(FrameEncoder.MAX_FRAME_BYTES);
            FrameEncoder encoder = new FrameEncoder(frame.asByteBuffer(), 0);
            FrameDecoder decoder = new FrameDecoder(frame.asByteBuffer(), false);
            ByteBuffer payload = ByteBuffer.allocate(WARM_UP_PAYLOAD);
            for (int i = 0; i < rounds && running; i++) {
                int length = encoder.encode(info.mac(), info.mac(), info.ipv4(), -1, 20561, 20561, payload.clear());
                decoder.decode(length, info.ifIndex());
            }
        }
        port.warmUp(batch, rounds);
    }

    private void deliver(FrameDecoder decoder, int length, UdpFrameHandler handler, FrameSender sender) {
        countOne(received);
        if (decoder.decode(length, info.ifIndex()) != DecodeResult.OK) {
            countOne(malformed);
            return;
        }
        countOne(handled);
        try {
            handler.onFrame(decoder.frame(), sender);
        } catch (RuntimeException e) {
            if (handlerErrors.getAndIncrement() == 0) {
                LOG.log(Level.WARNING, info.name() + ": frame handler failed (later failures are only counted)", e);
            }
        }
    }

    /** For counters only the receive thread writes: no locked instruction, readers see it soon after. */
    private static void countOne(AtomicLong counter) {
        counter.setOpaque(counter.getPlain() + 1);
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    void send(long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, ByteBuffer payload)
            throws DataPathException {
        synchronized (encoder) {
            try {
                int length = encoder.encode(info.mac(), ethDst, ipSrc, ipDst, srcPort, dstPort, payload);
                port.send(txSegment, length);
                sent.incrementAndGet();
            } catch (IllegalArgumentException e) {
                sendErrors.incrementAndGet();
                throw new DataPathException(info.name() + ": " + e.getMessage());
            } catch (DataPathException e) {
                sendErrors.incrementAndGet();
                throw e;
            }
        }
    }

    /** Asks the receive thread to stop; it notices within the port's receive timeout. */
    void stop() {
        running = false;
    }

    /**
     * Waits for the receive thread; false if it is still busy (a handler that does not return).
     * From the receive thread itself (a handler closing the data path) it does not wait: the
     * thread ends when the handler returns.
     */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return thread == null || thread == Thread.currentThread() || thread.join(timeout);
    }

    DataPathCounters counters() {
        return new DataPathCounters(received.get(), handled.get(), malformed.get(), handlerErrors.get(),
                receiveErrors.get(), sent.get(), sendErrors.get(), port.kernelDrops());
    }
}
