package macserver.x509;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690): each method returns one
 * whole element, tag, length and contents, so a structure is written inside out, as nested calls.
 */
public final class Der {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {}

    /** One element: {@code tag}, the definite length of the parts together, then the parts. */
    public static byte[] element(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        writeLength(out, length);
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Short form below 128, else 0x80 plus the count of length bytes, then the length big-endian. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | bytes);
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write(length >>> shift);
        }
    }

    public static byte[] sequence(byte[]... parts) {
        return element(SEQUENCE, parts);
    }

    public static byte[] set(byte[]... parts) {
        return element(SET, parts);
    }

    /** Two's complement, in the fewest bytes (what {@link BigInteger#toByteArray()} gives). */
    public static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    public static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** DER writes TRUE as 0xff. */
    public static byte[] bool(boolean value) {
        return element(BOOLEAN, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    /** A bit string of whole bytes (no unused bits in the last one). */
    public static byte[] bitString(byte[] bits) {
        return element(BIT_STRING, new byte[] {0}, bits);
    }

    public static byte[] octetString(byte[] bytes) {
        return element(OCTET_STRING, bytes);
    }

    public static byte[] utf8String(String text) {
        return element(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An object identifier from its dotted form: the first two arcs as 40 * first + second, each
     * arc in base 128, most significant group first, every byte but an arc's last with bit 8 set.
     */
    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an object identifier has at least two arcs: " + dotted);
        }
        long first = Long.parseLong(arcs[0]);
        long second = Long.parseLong(arcs[1]);
        if (first > 2 || (first < 2 && second > 39) || second < 0) {
            throw new IllegalArgumentException("not an object identifier: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeArc(out, first * 40 + second);
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            if (arc < 0) {
                throw new IllegalArgumentException("not an object identifier: " + dotted);
            }
            writeArc(out, arc);
        }
        return element(OBJECT_IDENTIFIER, out.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
        for (int g = groups - 1; g > 0; g--) {
            out.write((int) (0x80 | ((arc >>> (7 * g)) & 0x7f)));
        }
        out.write((int) (arc & 0x7f));
    }

    /**
     * A certificate validity time as RFC 5280 asks: UTCTime (two-digit year) from 1950 to 2049,
     * GeneralizedTime otherwise; whole seconds, always in UTC ("Z").
     */
    public static byte[] time(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        if (year >= 1950 && year <= 2049) {
            return element(UTC_TIME, UTC_TIME_FORMAT.format(instant).getBytes(StandardCharsets.US_ASCII));
        }
        return element(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** An explicitly tagged element: context-specific, constructed, number {@code n}, around {@code inner}. */
    public static byte[] explicit(int n, byte[] inner) {
        return element(0xa0 | n, inner);
    }

    /** An implicitly tagged primitive: context-specific number {@code n} in place of the type's own tag. */
    public static byte[] implicit(int n, byte[] contents) {
        return element(0x80 | n, contents);
    }
}
