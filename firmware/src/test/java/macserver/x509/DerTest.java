package macserver.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void objectIdentifiersPackTheFirstTwoArcsAndWriteBase128() {
        assertArrayEquals(hex("06 08 2a 86 48 ce 3d 04 03 02"), Der.oid("1.2.840.10045.4.3.2"));
        assertArrayEquals(hex("06 03 55 1d 11"), Der.oid("2.5.29.17"));
        // An arc of exactly 128 needs two groups; 2.999 packs to 1079 (two groups as well).
        assertArrayEquals(hex("06 03 2a 81 00"), Der.oid("1.2.128"));
        assertArrayEquals(hex("06 02 88 37"), Der.oid("2.999"));
        assertThrows(IllegalArgumentException.class, () -> Der.oid("1.40"));
        assertThrows(IllegalArgumentException.class, () -> Der.oid("1"));
    }

    @Test
    void integersAreMinimalTwosComplement() {
        assertArrayEquals(hex("02 01 00"), Der.integer(0));
        assertArrayEquals(hex("02 01 7f"), Der.integer(127));
        assertArrayEquals(hex("02 02 00 80"), Der.integer(128), "a leading zero keeps it positive");
        assertArrayEquals(hex("02 01 ff"), Der.integer(-1));
        assertArrayEquals(hex("02 09 00 ff ff ff ff ff ff ff ff"), Der.integer(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
    }

    @Test
    void lengthsTakeTheLongFormFrom128() {
        byte[] short127 = Der.octetString(new byte[127]);
        assertEquals(0x7f, short127[1] & 0xff);
        assertEquals(129, short127.length);
        byte[] long128 = Der.octetString(new byte[128]);
        assertArrayEquals(hex("04 81 80"), java.util.Arrays.copyOf(long128, 3));
        byte[] long300 = Der.octetString(new byte[300]);
        assertArrayEquals(hex("04 82 01 2c"), java.util.Arrays.copyOf(long300, 4));
        assertEquals(304, long300.length);
        byte[] long70000 = Der.octetString(new byte[70000]);
        assertArrayEquals(hex("04 83 01 11 70"), java.util.Arrays.copyOf(long70000, 5));
    }

    @Test
    void timesAreUtcTimeUntil2049AndGeneralizedTimeAfter() {
        assertArrayEquals(hex("17 0d") , java.util.Arrays.copyOf(Der.time(Instant.parse("2026-12-03T06:30:05Z")), 2));
        assertEquals("261203063005Z", new String(Der.time(Instant.parse("2026-12-03T06:30:05Z")), 2, 13));
        assertEquals("491231235959Z", new String(Der.time(Instant.parse("2049-12-31T23:59:59Z")), 2, 13));
        byte[] in2050 = Der.time(Instant.parse("2050-01-01T00:00:00Z"));
        assertEquals(0x18, in2050[0]);
        assertEquals("20500101000000Z", new String(in2050, 2, 15));
    }

    @Test
    void tagsAndSimpleTypes() {
        assertArrayEquals(hex("01 01 ff"), Der.bool(true));
        assertArrayEquals(hex("01 01 00"), Der.bool(false));
        assertArrayEquals(hex("30 00"), Der.sequence());
        assertArrayEquals(hex("31 03 02 01 05"), Der.set(Der.integer(5)));
        assertArrayEquals(hex("03 03 00 ab cd"), Der.bitString(hex("ab cd")));
        assertArrayEquals(hex("0c 02 c3 a9"), Der.utf8String("\u00e9"));
        assertArrayEquals(hex("a3 03 02 01 02"), Der.explicit(3, Der.integer(2)));
        assertArrayEquals(hex("82 01 61"), Der.implicit(2, new byte[] {'a'}));
    }
}
