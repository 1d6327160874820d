package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The batch's shape; receiving into it through recvmmsg is tested on a veth pair in DataPathSystemTest. */
class ReceiveBatchTest {
    @Test
    void refusesCapacitiesTheKernelWouldNot() {
        assertEquals("a receive batch holds 1 to 1024 frames, not 0",
                assertThrows(IllegalArgumentException.class, () -> new ReceiveBatch(0)).getMessage());
        assertEquals("a receive batch holds 1 to 1024 frames, not 1025",
                assertThrows(IllegalArgumentException.class, () -> new ReceiveBatch(1025)).getMessage());
    }

    @Test
    void eachSlotIsItsOwnFullSizeFrameBuffer() {
        ReceiveBatch batch = new ReceiveBatch(3);
        assertEquals(3, batch.capacity());
        for (int i = 0; i < 3; i++) {
            assertEquals(ReceiveBatch.SLOT_BYTES, batch.slot(i).byteSize());
            assertEquals(0, batch.length(i));
        }
        assertEquals(batch.slot(0).address() + ReceiveBatch.SLOT_BYTES, batch.slot(1).address());
        assertNotEquals(batch.slot(1).address(), batch.slot(2).address());
    }

    @Test
    void theMessageArrayHasTheKernelsStructSize() {
        // struct mmsghdr: 64 bytes with 8-byte pointers (x86-64, arm64), 32 with 4-byte ones (armhf, MIPS).
        assertEquals(java.lang.foreign.ValueLayout.ADDRESS.byteSize() == 8 ? 64 : 32, MessageVector.MMSGHDR_BYTES);
        assertEquals(20, MessageVector.SOCKADDR_LL_BYTES);
    }
}
