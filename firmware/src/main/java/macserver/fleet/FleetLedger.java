package macserver.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.Transaction;
import macserver.config.menus.BindingTable;
import macserver.config.menus.FleetMenus;
import macserver.config.menus.FleetMenus.FleetRow;
import macserver.config.menus.MacServerMenus.BindingRow;

import static macserver.config.menus.FleetMenus.APPLIED;
import static macserver.config.menus.FleetMenus.DELETED;
import static macserver.config.menus.FleetMenus.NO_SERVER;
import static macserver.config.menus.FleetMenus.REMOVED;
import static macserver.config.menus.FleetMenus.SHADOWED;

/**
 * The fleet entries ({@code /ip mac-server fleet}) and the dynamic bindings made from them, changed
 * inside a transaction the caller runs. The rules:
 * <ul>
 * <li>A version replaces the held one only if it supersedes it (last writer wins).</li>
 * <li>A binding the fleet did not make (static, or dynamic from RADIUS) always wins: the entry is
 * kept as {@code shadowed}, and applies when that binding goes.</li>
 * <li>An applied binding removed by a local command stays removed ({@code removed}) until a newer
 * version arrives, so an operator can replace it with a static one.</li>
 * <li>A version naming a server this router lacks waits as {@code no-server} until the server exists.</li>
 * </ul>
 */
final class FleetLedger {
    /** What {@link #offer} did with a version. */
    enum Outcome { APPLIED, SAME, STALE }

    private final ConfigModel model;
    private final Menu ledger;
    private final Menu bindings;
    private final Menu servers;
    private final Menu sync;
    /** The ledger's MAC property, which its table finds entries by. */
    private final Property mac;

    FleetLedger(ConfigModel model) {
        this.model = model;
        this.ledger = model.schema().menu("ip mac-server fleet");
        this.bindings = model.schema().menu("ip mac-server binding");
        this.servers = model.schema().menu("ip mac-server");
        this.sync = model.schema().menu("ip mac-server fleet sync");
        this.mac = FleetRow.MAC_ADDRESS.in(ledger);
    }

    Menu menu() {
        return ledger;
    }

    Menu bindingMenu() {
        return bindings;
    }

    Menu serverMenu() {
        return servers;
    }

    /** The held version for {@code m}, or null. Under the model's lock. */
    FleetMessage held(long m) {
        Object[] row = row(m);
        return row == null ? null : message(row);
    }

    /** The state of the entry for {@code m}, or null. Under the model's lock. */
    String state(long m) {
        Object[] row = row(m);
        return row == null ? null : FleetRow.state(row);
    }

    /** MACs of the entries whose state passes {@code test}. Under the model's lock. */
    List<Long> macs(Predicate<String> test) {
        List<Long> out = new ArrayList<>();
        for (var it = model.table(ledger).iterator(); it.hasNext(); ) {
            Object[] row = it.next().getValue();
            if (test.test(FleetRow.state(row))) {
                out.add(FleetRow.macAddress(row));
            }
        }
        return out;
    }

    /** The held versions whose state passes {@code test}. Under the model's lock. */
    List<FleetMessage> versions(Predicate<String> test) {
        List<FleetMessage> out = new ArrayList<>();
        for (var it = model.table(ledger).iterator(); it.hasNext(); ) {
            Object[] row = it.next().getValue();
            if (test.test(FleetRow.state(row))) {
                out.add(message(row));
            }
        }
        return out;
    }

    /** Entries by state. Under the model's lock. */
    Map<String, Integer> counts() {
        Map<String, Integer> out = new HashMap<>();
        for (var it = model.table(ledger).iterator(); it.hasNext(); ) {
            out.merge(FleetRow.state(it.next().getValue()), 1, Integer::sum);
        }
        return out;
    }

    long lastSync() {
        return FleetMenus.LAST_SYNC.get(model.table(sync).get(1));
    }

    void setLastSync(Transaction tx, long millis) {
        Object[] row = sync.defaultRow();
        FleetMenus.LAST_SYNC.set(row, millis);
        tx.setRow(sync, 1, row);
    }

    /** Takes a version if it supersedes the held one, and brings the binding in line. */
    Outcome offer(Transaction tx, FleetMessage m) throws ConfigException {
        Object[] row = row(m.mac());
        FleetMessage held = row == null ? null : message(row);
        if (held != null && !m.supersedes(held)) {
            return held.equals(m) ? Outcome.SAME : Outcome.STALE;
        }
        String prior = row == null ? null : FleetRow.state(row);
        write(tx, m, reconcile(tx, m, prior));
        return Outcome.APPLIED;
    }

    /** The broker no longer holds the MAC's topic (an empty retained message): a held tombstone has done its work. */
    void cleared(Transaction tx, long m) throws ConfigException {
        if (DELETED.equals(state(m))) {
            tx.remove(ledger, model.table(ledger).find(mac, m));
        }
    }

    /** A local command removed the binding of {@code m}. */
    void localGone(Transaction tx, long m) throws ConfigException {
        Object[] row = row(m);
        if (row == null) {
            return;
        }
        String s = FleetRow.state(row);
        if (APPLIED.equals(s)) {
            setState(tx, row, binding(m) >= 0 ? SHADOWED : REMOVED);
        } else if (SHADOWED.equals(s)) {
            setState(tx, row, reconcile(tx, message(row), s));
        }
    }

    /** A local command made or changed a binding of {@code m} that the fleet did not make. */
    void localPresent(Transaction tx, long m) {
        Object[] row = row(m);
        if (row == null || DELETED.equals(FleetRow.state(row)) || binding(m) < 0) {
            return;
        }
        if (!APPLIED.equals(FleetRow.state(row)) || !isDynamic(binding(m))) {
            setState(tx, row, SHADOWED);
        }
    }

    /** Servers changed: an entry waiting for its server, or bound by name to a renamed one, is looked at again. */
    void recheck(Transaction tx, long m) throws ConfigException {
        Object[] row = row(m);
        if (row != null && (APPLIED.equals(FleetRow.state(row)) || NO_SERVER.equals(FleetRow.state(row)))) {
            setState(tx, row, reconcile(tx, message(row), FleetRow.state(row)));
        }
    }

    /** Drops the entry and the binding made from it (the fleet no longer has it). */
    void forget(Transaction tx, long m) throws ConfigException {
        Object[] row = row(m);
        if (row == null) {
            return;
        }
        int b = binding(m);
        if (APPLIED.equals(FleetRow.state(row)) && b >= 0 && isDynamic(b)) {
            tx.remove(bindings, b);
        }
        tx.remove(ledger, model.table(ledger).find(mac, m));
    }

    /** Makes the binding of {@code m} what version {@code m} says, unless a binding not ours holds the MAC; returns the new state. */
    private String reconcile(Transaction tx, FleetMessage m, String prior) throws ConfigException {
        int b = binding(m.mac());
        boolean ours = b >= 0 && APPLIED.equals(prior) && isDynamic(b);
        if (m.deleted()) {
            if (ours) {
                tx.remove(bindings, b);
            }
            return DELETED;
        }
        if (b >= 0 && !ours) {
            return SHADOWED;
        }
        int serverId = model.idByName(servers, m.server());
        if (serverId < 0) {
            if (ours) {
                tx.remove(bindings, b);
            }
            return NO_SERVER;
        }
        Map<Property, Object> values = new HashMap<>();
        values.put(BindingRow.SERVER.in(bindings), serverId);
        values.put(BindingRow.ACTION.in(bindings), m.action());
        values.put(BindingRow.COMMENT.in(bindings), m.comment() == null ? Transaction.UNSET : m.comment());
        if (ours) {
            tx.set(bindings, b, values);
        } else {
            values.put(BindingRow.MAC_ADDRESS.in(bindings), m.mac());
            values.put(BindingRow.DYNAMIC.in(bindings), true);
            tx.add(bindings, values);
        }
        return APPLIED;
    }

    private void write(Transaction tx, FleetMessage m, String newState) {
        var table = model.table(ledger);
        int id = table.find(mac, m.mac());
        Object[] row = ledger.defaultRow();
        FleetRow.MAC_ADDRESS.set(row, m.mac());
        FleetRow.MAC_SERVER.set(row, m.server());
        FleetRow.ACTION.set(row, m.action());
        FleetRow.COMMENT.set(row, m.comment());
        FleetRow.TIMESTAMP.set(row, m.timestamp());
        FleetRow.PUBLISHER.set(row, m.publisher());
        FleetRow.STATE.set(row, newState);
        tx.setRow(ledger, id >= 0 ? id : table.allocateId(), row);
    }

    private void setState(Transaction tx, Object[] row, String newState) {
        if (newState.equals(FleetRow.state(row))) {
            return;
        }
        Object[] next = row.clone();
        FleetRow.STATE.set(next, newState);
        tx.setRow(ledger, model.table(ledger).find(mac, FleetRow.macAddress(next)), next);
    }

    private Object[] row(long m) {
        var table = model.table(ledger);
        int id = table.find(mac, m);
        return id < 0 ? null : table.get(id);
    }

    private FleetMessage message(Object[] row) {
        long m = FleetRow.macAddress(row);
        long ts = FleetRow.timestamp(row);
        String from = FleetRow.publisher(row);
        if (DELETED.equals(FleetRow.state(row))) {
            return FleetMessage.tombstone(m, ts, from);
        }
        return new FleetMessage(m, FleetRow.macServer(row), FleetRow.action(row), FleetRow.comment(row), ts, from, false);
    }

    private int binding(long m) {
        return ((BindingTable) model.table(bindings)).idOfMac(m);
    }

    private boolean isDynamic(int bindingId) {
        return BindingRow.dynamic(model.table(bindings).get(bindingId));
    }

    static boolean isFleet(macserver.config.Origin origin) {
        return FleetMenus.ORIGIN.equals(origin);
    }
}
