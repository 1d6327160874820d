package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import macserver.config.Menu;
import org.junit.jupiter.api.Test;

/** The data path's view of the binding table: the packed lookup and the per-id accessors. */
class BindingTableTest {
    private static final long MAC = 0x02_00_00_00_00_2AL;

    private final Menu menu = StandardSchema.create(new LiveStatus()).menu("ip mac-server binding");
    private final BindingTable table = new BindingTable(menu);

    private Object[] row(long mac, int server, String action, boolean disabled) {
        Object[] row = menu.defaultRow();
        row[BindingTable.MAC] = mac;
        row[BindingTable.SERVER] = server;
        row[BindingTable.ACTION] = action;
        row[BindingTable.DISABLED] = disabled;
        row[BindingTable.TIME] = 1_700_000_000L;
        return row;
    }

    @Test
    void lookupPacksIdServerAndFlags() {
        int id = table.allocateId();
        table.put(id, row(MAC, 300, "deny", true));
        long b = table.lookup(MAC);
        assertEquals(id, (int) (b >>> 32));
        assertEquals(300, (int) (b >>> 8) & 0xFF_FFFF);
        assertEquals(BindingTable.DENIED | BindingTable.DISABLED_FLAG, (int) b & 0xFF);
        assertEquals(id, table.idOfMac(MAC));
        assertEquals(300, table.server(id));
        assertTrue(table.isDeny(id));
        assertTrue(table.isDisabled(id));
        assertEquals(-1, table.lookup(MAC + 1));
        assertEquals(-1, table.idOfMac(MAC + 1));
    }

    @Test
    void retryOfReadsTheBindingsRetryWithoutALock() {
        int id = table.allocateId();
        Object[] r = row(MAC, 1, "allow", false);
        table.put(id, r);
        assertEquals(-1, table.retryOf(MAC), "no retry set: the server's applies");
        r = row(MAC, 1, "allow", false);
        r[BindingTable.RETRY] = 7L;
        table.put(id, r);
        assertEquals(7, table.retryOf(MAC));
        assertEquals(-1, table.retryOf(MAC + 1), "no binding");
        table.remove(id);
        assertEquals(-1, table.retryOf(MAC));
    }

    @Test
    void changingARowChangesWhatLookupSees() {
        int id = table.allocateId();
        table.put(id, row(MAC, 1, "deny", false));
        table.put(id, row(MAC + 1, BindingTable.MAX_SERVER_ID, "allow", false));
        assertEquals(-1, table.lookup(MAC));
        long b = table.lookup(MAC + 1);
        assertEquals(id, (int) (b >>> 32));
        assertEquals(BindingTable.MAX_SERVER_ID, (int) (b >>> 8) & 0xFF_FFFF);
        assertEquals(0, (int) b & 0xFF);
        assertFalse(table.isDeny(id));
        assertEquals(BindingTable.MAX_SERVER_ID, table.get(id)[BindingTable.SERVER]);
        table.remove(id);
        assertEquals(-1, table.lookup(MAC + 1));
        assertEquals(0, table.size());
    }

    @Test
    void aServerIdTooLargeToPackIsRefusedAndChangesNothing() {
        int id = table.allocateId();
        Object[] before = row(MAC, 2, "allow", false);
        table.put(id, before);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.put(id, row(MAC + 1, BindingTable.MAX_SERVER_ID + 1, "allow", false)));
        assertTrue(e.getMessage().contains("server id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.put(id, row(MAC + 1, -1, "allow", false)));
        assertArrayEquals(before, table.get(id));
        assertEquals(-1, table.lookup(MAC + 1));
        assertEquals(id, table.idOfMac(MAC));
    }
}
