package macserver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block headers and the record scanner: what mount relies on to tell data, erased space, tears and bit flips apart. */
class BlockFormatTest {

    @Test
    void headerIsReadableTextAndRoundTrips() {
        BlockHeader h = new BlockHeader(0x2a, 7, 0x27, 0x800);
        String text = new String(h.encode(), StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("mslog:1,seq:2a,erase:7,ckseq:27,ckoff:800,crc:"), text);
        assertEquals(h, BlockHeader.parse(Arrays.copyOf(h.encode(), 256)));
    }

    @Test
    void damagedOrErasedHeaderIsRejected() {
        byte[] page = Arrays.copyOf(new BlockHeader(5, 1, 5, 256).encode(), 256);
        page[14] ^= 1;
        assertNull(BlockHeader.parse(page));
        byte[] erased = new byte[256];
        Arrays.fill(erased, FlashDevice.ERASED);
        assertNull(BlockHeader.parse(erased));
    }

    @Test
    void headerWithUnknownKeyStillParses() {
        String body = "mslog:1,seq:3,erase:2,future:ff,ckseq:3,ckoff:100";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        byte[] page = Arrays.copyOf((body + ",crc:" + String.format("%08x", crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII), 256);
        assertEquals(new BlockHeader(3, 2, 3, 0x100), BlockHeader.parse(page));
    }

    private static byte[] blockWith(RecordBuffer records, int at) {
        byte[] block = new byte[1024];
        Arrays.fill(block, FlashDevice.ERASED);
        System.arraycopy(records.bytes(), 0, block, at, records.length());
        return block;
    }

    private static List<String> scan(byte[] block, int from) {
        List<String> events = new ArrayList<>();
        new BlockScanner(256).scan(block, from, new BlockScanner.Visitor() {
            @Override
            public void record(int type, byte[] b, int at, int length) {
                events.add(type == RecordFormat.PUT ? "put" + RecordBuffer.readLong(b, at) : "type" + type);
            }

            @Override
            public void corrupt(int offset) {
                events.add("corrupt@" + offset);
            }

            @Override
            public void tornTail(int offset) {
                events.add("torn@" + offset);
            }
        });
        return events;
    }

    @Test
    void scannerSkipsErasedPageTailsBetweenFlushes() {
        RecordBuffer first = new RecordBuffer(64);
        first.put(1, new byte[10]);
        RecordBuffer second = new RecordBuffer(64);
        second.put(2, new byte[10]);
        byte[] block = blockWith(first, 256);
        System.arraycopy(second.bytes(), 0, block, 512, second.length());
        assertEquals(List.of("put1", "put2"), scan(block, 256));
    }

    @Test
    void flippedBitInTheMiddleIsCorruptionAndTheRestIsKept() {
        RecordBuffer records = new RecordBuffer(64);
        for (int k = 1; k <= 3; k++) {
            records.put(k, new byte[20]);
        }
        byte[] block = blockWith(records, 256);
        block[256 + 36 + 12] ^= 4;
        assertEquals(List.of("put1", "corrupt@292", "put3"), scan(block, 256));
    }

    @Test
    void damageAtTheEndIsATornTail() {
        RecordBuffer records = new RecordBuffer(64);
        records.put(1, new byte[20]);
        records.put(2, new byte[20]);
        byte[] block = blockWith(records, 256);
        Arrays.fill(block, 256 + 36 + 20, 256 + 72, FlashDevice.ERASED);
        assertEquals(List.of("put1", "torn@292"), scan(block, 256));
    }
}
