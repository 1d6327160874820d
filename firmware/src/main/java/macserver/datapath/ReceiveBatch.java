package macserver.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Room for the frames one {@link PacketPort#receive(ReceiveBatch)} call brings: up to
 * {@link #capacity()} slots of {@link #SLOT_BYTES} each, so a burst of queued frames costs one
 * {@code recvmmsg} system call instead of one {@code recvfrom} per frame. Everything (the slots
 * and the kernel's message array) is allocated when the batch is made; nothing per frame. One
 * batch belongs to one receiving thread, and a frame's slot is overwritten by the next receive.
 */
public final class ReceiveBatch {
    /** Room for any 1500-MTU frame plus slack; longer frames arrive cut to this. */
    public static final int SLOT_BYTES = 2048;

    private final MemorySegment[] slots;
    private final int[] lengths;
    final MessageVector messages;

    /**
     * A batch of {@code capacity} slots in native memory that is freed when the batch is
     * unreachable (a receive still in the kernel keeps the batch reachable).
     *
     * @throws IllegalArgumentException unless 1 &lt;= capacity &lt;= 1024 (the kernel's UIO_MAXIOV)
     */
    public ReceiveBatch(int capacity) {
        if (capacity < 1 || capacity > 1024) {
            throw new IllegalArgumentException("a receive batch holds 1 to 1024 frames, not " + capacity);
        }
        Arena arena = Arena.ofAuto();
        MemorySegment buffers = arena.allocate((long) capacity * SLOT_BYTES, 64);
        this.slots = new MemorySegment[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = buffers.asSlice((long) i * SLOT_BYTES, SLOT_BYTES);
        }
        this.lengths = new int[capacity];
        this.messages = new MessageVector(arena, buffers, capacity, SLOT_BYTES);
    }

    public int capacity() {
        return slots.length;
    }

    /** Slot {@code i}: the frame is its first {@link #length(int)} bytes. */
    public MemorySegment slot(int i) {
        return slots[i];
    }

    /** Bytes of the frame in slot {@code i} from the last receive; 0 for one to skip (our own frame). */
    public int length(int i) {
        return lengths[i];
    }

    void setLength(int i, int length) {
        lengths[i] = length;
    }
}
