package macserver.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An item's stored form on flash: for each property that has a value, its index, then the
 * length and UTF-8 bytes of the type's stable text form. Unset properties take no space, and an
 * index this firmware does not know (written by a newer one) is skipped, so the format can grow.
 * The flash key carries the menu code and the item id: {@code code << 48 | id}.
 */
public final class RowCodec {
    private static final int FORMAT = 1;

    private RowCodec() {
    }

    public static long key(Menu menu, int id) {
        return ((long) menu.code() << 48) | (id & 0xFFFF_FFFFL);
    }

    public static int menuCode(long key) {
        return (int) (key >>> 48);
    }

    public static int id(long key) {
        return (int) key;
    }

    public static byte[] encode(Menu menu, Object[] row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(FORMAT);
        for (Property p : menu.properties()) {
            if (!p.isStored() || row[p.index()] == null || p.has(Property.Flag.WRITE_ONLY)) {
                continue;
            }
            byte[] text = p.type().encode(row[p.index()]).getBytes(StandardCharsets.UTF_8);
            writeVarint(out, p.index());
            writeVarint(out, text.length);
            out.write(text, 0, text.length);
        }
        return out.toByteArray();
    }

    public static Object[] decode(Menu menu, byte[] bytes) throws ConfigException {
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new ConfigException("unknown item format in " + menu);
        }
        Object[] row = new Object[menu.storedCount()];
        int[] pos = {1};
        while (pos[0] < bytes.length) {
            int index = readVarint(bytes, pos);
            int length = readVarint(bytes, pos);
            if (length < 0 || pos[0] + length > bytes.length) {
                throw new ConfigException("truncated item in " + menu);
            }
            String text = new String(bytes, pos[0], length, StandardCharsets.UTF_8);
            pos[0] += length;
            Property p = byIndex(menu, index);
            if (p != null) {
                row[index] = p.type().decode(text);
            }
        }
        return row;
    }

    private static Property byIndex(Menu menu, int index) {
        for (Property p : menu.properties()) {
            if (p.isStored() && p.index() == index) {
                return p;
            }
        }
        return null;
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(byte[] b, int[] pos) throws ConfigException {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos[0] >= b.length) {
                throw new ConfigException("truncated item");
            }
            int x = b[pos[0]++] & 0xFF;
            v |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new ConfigException("bad number in item");
    }
}
