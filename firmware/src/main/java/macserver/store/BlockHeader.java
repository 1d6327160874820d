package macserver.store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The first page of every block: one readable line of {@code key:hex} pairs ending in a CRC-32C,
 * e.g. {@code mslog:1,seq:2a,erase:7,ckseq:27,ckoff:800,crc:1b2c3d4e}. A missing key takes its
 * default and an unknown one is ignored, so later versions can add keys.
 *
 * @param seq             the block's place in the log, growing by one per opened block; 0 marks a
 *                        block that only carries its erase count (formatted, not in the log)
 * @param eraseCount      erases this block has had, so wear survives reboots and wipes
 * @param checkpointSeq   block where the newest complete checkpoint starts when this block was opened
 * @param checkpointOffset byte offset of that checkpoint's first record inside its block
 */
record BlockHeader(long seq, long eraseCount, long checkpointSeq, int checkpointOffset) {
    static final int MAX_LENGTH = 128;
    private static final String FORMAT = "mslog";
    private static final int VERSION = 1;

    static BlockHeader free(long eraseCount) {
        return new BlockHeader(0, eraseCount, 0, 0);
    }

    boolean inLog() {
        return seq > 0;
    }

    byte[] encode() {
        String body = FORMAT + ":" + VERSION + ",seq:" + Long.toHexString(seq) + ",erase:" + Long.toHexString(eraseCount)
                + ",ckseq:" + Long.toHexString(checkpointSeq) + ",ckoff:" + Integer.toHexString(checkpointOffset);
        String line = body + ",crc:" + String.format("%08x", crc(body)) + "\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** The header in {@code page}, or null if the page holds no intact header of this format. */
    static BlockHeader parse(byte[] page) {
        int end = 0;
        while (end < Math.min(page.length, MAX_LENGTH) && page[end] != '\n') {
            end++;
        }
        if (end >= Math.min(page.length, MAX_LENGTH)) {
            return null;
        }
        String line = new String(page, 0, end, StandardCharsets.US_ASCII);
        int crcAt = line.lastIndexOf(",crc:");
        if (crcAt < 0) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                fields.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        try {
            if (Long.parseLong(fields.get("crc"), 16) != crc(line.substring(0, crcAt))
                    || !String.valueOf(VERSION).equals(fields.get(FORMAT))) {
                return null;
            }
            return new BlockHeader(hex(fields, "seq"), hex(fields, "erase"), hex(fields, "ckseq"), (int) hex(fields, "ckoff"));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long hex(Map<String, String> fields, String key) {
        String v = fields.get(key);
        return v == null ? 0 : Long.parseUnsignedLong(v, 16);
    }

    private static long crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }
}
