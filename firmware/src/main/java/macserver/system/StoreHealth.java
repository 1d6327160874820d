package macserver.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.RowCodec;
import macserver.config.menus.LiveStatus;
import macserver.store.LostTransactions;
import macserver.store.StoreDamage;
import macserver.store.StoreStats;

/**
 * What the last mount of the flash found damaged, in the operator's terms: the rows of
 * {@code /system store} and {@code /system store damage}, and the log lines saying the same.
 * Items are named by menu and name (or id) as the configuration has them after the mount.
 * {@code /system store} also shows the checkpoints written since boot and the log the next mount
 * would replay, read live from the store.
 */
public final class StoreHealth implements LiveStatus.StoreFigures {
    private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());
    /** Items named per lost run; the rest are counted. */
    private static final int NAMED = 8;

    private final StoreDamage damage;
    private final long missingBytes;
    private final List<String> restored;
    private final List<String> touched;
    private final Supplier<StoreStats> stats;

    private StoreHealth(StoreDamage damage, long missingBytes, List<String> restored, List<String> touched,
            Supplier<StoreStats> stats) {
        this.stats = stats;
        this.damage = damage;
        this.missingBytes = missingBytes;
        this.restored = List.copyOf(restored);
        this.touched = touched;
    }

    /**
     * @param missingBytes bytes the flash image lacked (a cut-short file), read as erased
     * @param restored     built-ins re-created after the mount, in words
     * @param stats        the store's running figures
     */
    public static StoreHealth of(ConfigModel model, StoreDamage damage, long missingBytes, List<String> restored,
            Supplier<StoreStats> stats) {
        List<String> touched = model.read(() -> {
            List<String> out = new ArrayList<>();
            for (LostTransactions run : damage.lostTransactions()) {
                out.add(describe(model, run));
            }
            return out;
        });
        return new StoreHealth(damage, missingBytes, restored, touched, stats);
    }

    public boolean damaged() {
        return damage.any() || missingBytes > 0 || !restored.isEmpty();
    }

    /** Says at SEVERE what was lost and what was re-created, one line each; nothing when all was well. */
    public void log() {
        if (missingBytes > 0) {
            LOG.severe("flash damage: the flash image was cut short; " + missingBytes
                    + " bytes missing at its end are treated as erased, and what they held is lost");
        }
        List<LostTransactions> runs = damage.lostTransactions();
        for (int i = 0; i < runs.size(); i++) {
            LostTransactions run = runs.get(i);
            LOG.severe("flash damage: transaction(s) " + run.numbers() + " lost (" + run.cause() + "); touched: "
                    + touched.get(i));
        }
        if (damage.lostCheckpointItems() != 0) {
            LOG.severe("flash damage: " + (damage.lostCheckpointItems() < 0 ? "an unknown number of"
                    : Long.toString(damage.lostCheckpointItems())) + " stored items of the checkpoint are lost");
        }
        if (!restored.isEmpty()) {
            LOG.severe("flash damage: re-created " + String.join(", ", restored));
        }
    }

    /** The row of /system store, then its id. */
    @Override
    public List<Object[]> status() {
        long known = 0;
        boolean unknown = false;
        for (LostTransactions run : damage.lostTransactions()) {
            if (run.count() > 0) {
                known += run.count();
            } else {
                unknown = true;
            }
        }
        String lost = unknown ? (known > 0 ? known + " and more" : "unknown number") : Long.toString(known);
        StoreStats now = stats.get();
        return List.<Object[]>of(new Object[] {
            damaged() ? "damaged at mount" : "ok", lost, damage.damagedRecords(), damage.missingBlocks(),
            damage.lostCheckpointItems() < 0 ? "unknown" : Long.toString(damage.lostCheckpointItems()), missingBytes,
            restored.isEmpty() ? null : String.join(", ", restored), now.checkpoints(), now.backgroundCheckpoints(),
            now.logBytesSinceCheckpoint(), 1});
    }

    /** The rows of /system store damage, one per lost run of transactions, then the id. */
    @Override
    public List<Object[]> damage() {
        List<Object[]> rows = new ArrayList<>();
        List<LostTransactions> runs = damage.lostTransactions();
        for (int i = 0; i < runs.size(); i++) {
            LostTransactions run = runs.get(i);
            rows.add(new Object[] {run.numbers(), run.blockSeq() > 0 ? Long.toString(run.blockSeq()) : null,
                "0x" + Integer.toHexString(run.offset()), run.cause(), touched.get(i), i + 1});
        }
        return rows;
    }

    private static String describe(ConfigModel model, LostTransactions run) {
        Set<String> items = new LinkedHashSet<>();
        for (long key : run.keysSeen()) {
            items.add(itemName(model, key));
        }
        int total = run.keysSeen().size() + run.moreKeys();
        if (total == 0) {
            return "nothing readable";
        }
        List<String> named = new ArrayList<>(items).subList(0, Math.min(NAMED, items.size()));
        int rest = total - named.size();
        return String.join(", ", named) + (rest > 0 ? " and " + rest + " more record(s)" : "");
    }

    private static String itemName(ConfigModel model, long key) {
        Menu menu = model.schema().byCode(RowCodec.menuCode(key));
        if (menu == null) {
            return "item of unknown menu " + RowCodec.menuCode(key);
        }
        int id = RowCodec.id(key);
        if (menu.kind() != Menu.Kind.LIST) {
            return menu.spacedPath();
        }
        Object[] row = model.table(menu).get(id);
        if (row != null && menu.nameProperty() != null && row[menu.nameProperty().index()] != null) {
            return menu.spacedPath() + " " + row[menu.nameProperty().index()];
        }
        return menu.spacedPath() + " *" + Integer.toHexString(id).toUpperCase(java.util.Locale.ROOT);
    }
}
