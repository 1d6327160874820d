package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import macserver.config.ItemTable;
import macserver.config.Menu;
import macserver.config.RowTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compact binding table behaves exactly like the generic row table under any operations. */
class BindingTableProperties {
    record Op(boolean add, int mac, int server, boolean deny, boolean disabled, Long timeout, String comment) {}

    @Property(tries = 200)
    void sameAsRowTable(@ForAll("ops") List<Op> ops) {
        Menu menu = StandardSchema.create(new LiveStatus()).menu("ip mac-server binding");
        ItemTable compact = new BindingTable(menu);
        ItemTable rows = new RowTable(menu);
        macserver.config.Property macProp = menu.property("mac-address");
        for (Op op : ops) {
            long mac = 0x020000000000L | op.mac();
            int existing = rows.find(macProp, mac);
            assertEquals(existing, compact.find(macProp, mac));
            if (op.add()) {
                Object[] row = menu.defaultRow();
                row[0] = mac;
                row[1] = op.server();
                row[2] = op.deny() ? "deny" : "allow";
                row[3] = op.disabled();
                row[4] = op.comment();
                row[5] = op.timeout();
                row[7] = 1_700_000_000L;
                row[9] = op.timeout() == null ? null : 1_700_000_000L + op.timeout();
                int id = existing >= 0 ? existing : rows.allocateId();
                if (existing < 0) {
                    compact.allocateId();
                }
                rows.put(id, row);
                compact.put(id, row.clone());
            } else if (existing >= 0) {
                rows.remove(existing);
                compact.remove(existing);
            }
            assertEquals(rows.size(), compact.size());
        }
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        rows.ids().forEach(a::add);
        compact.ids().forEach(b::add);
        assertEquals(a, b);
        for (int id : a) {
            assertArrayEquals(rows.get(id), compact.get(id));
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = net.jqwik.api.Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(1, 5), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 100000).injectNull(0.5),
                Arbitraries.strings().alpha().ofMaxLength(5).injectNull(0.7)).as(Op::new);
        return op.list().ofMaxSize(300);
    }
}
