package macserver.nft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.LiveStatus;

/**
 * Keeps the nftables sets the MAC servers name equal to their bindings. Every sync reads what
 * the kernel holds, works out the difference and applies it in one transaction, so a change by
 * hand is undone by the next sync; a periodic check catches hand changes when nothing else
 * happens. The model's listener only flags work: the sync runs on this service's own thread,
 * and changes that arrive while one runs are all taken by the next.
 */
public final class NftSync implements ChangeListener, LiveStatus.NftFigures, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NftSync.class.getName());

    /** The kernel state of one set after the last sync: its size, or why it is not in sync. */
    record SetState(int size, String error) {
    }

    private final ConfigModel model;
    private final Nft nft;
    private final Menu servers;
    private final Menu bindings;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Changes seen, and how many of them the last finished sync had read: unequal means pending. */
    private final AtomicLong changeCount = new AtomicLong();
    private volatile long syncedChanges;
    private final Map<SetName, String> lastErrors = new ConcurrentHashMap<>();
    private volatile DesiredSets synced = new DesiredSets(Map.of(), Map.of());
    private volatile Map<SetName, SetState> states = Map.of();
    private ScheduledExecutorService worker;

    public NftSync(ConfigModel model, LiveStatus live, Nft nft) {
        this.model = model;
        this.nft = nft;
        this.servers = model.schema().menu("ip mac-server");
        this.bindings = model.schema().menu("ip mac-server binding");
        live.report(this);
        model.addListener(this);
    }

    /** Syncs now on the service's thread, then whenever bindings change and every {@code checkSeconds}. */
    public synchronized void start(long checkSeconds) {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nft-sync");
            t.setDaemon(true);
            return t;
        });
        worker.scheduleWithFixedDelay(this::syncLogged, 0, checkSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void committed(List<Change> changes, Origin origin) {
        for (Change c : changes) {
            if (c.menu() == bindings || c.menu() == servers) {
                changeCount.incrementAndGet();
                request();
                return;
            }
        }
    }

    private void request() {
        ScheduledExecutorService w = worker;
        if (w != null && queued.compareAndSet(false, true)) {
            w.execute(() -> {
                queued.set(false);
                syncLogged();
            });
        }
    }

    private void syncLogged() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warning("nft sync failed: " + e);
        }
    }

    /**
     * Brings every named set to the bindings, on the calling thread; returns the number of
     * elements added and deleted. Tries twice, because a hand edit between reading a set and
     * applying the batch makes nft refuse the whole batch (deleting an element already gone).
     */
    public synchronized int sync() {
        long seen = changeCount.get();
        DesiredSets desired = DesiredSets.read(model);
        Map<SetName, SetState> result = new HashMap<>();
        int changed = 0;
        for (int attempt = 1; attempt <= 2; attempt++) {
            result.clear();
            NftBatch batch = new NftBatch();
            List<SetName> touched = new ArrayList<>();
            changed = 0;
            for (var e : desired.sets().entrySet()) {
                SetName name = e.getKey();
                try {
                    SetDiff diff = diff(name, e.getValue(), batch);
                    batch.change(name, diff);
                    changed += diff.add().length + diff.delete().length;
                    touched.add(name);
                    result.put(name, new SetState(e.getValue().size(), null));
                } catch (NftException refused) {
                    result.put(name, new SetState(-1, refused.getMessage()));
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            try {
                nft.apply(batch.text());
                break;
            } catch (NftException refused) {
                if (attempt == 2) {
                    touched.forEach(n -> result.put(n, new SetState(-1, refused.getMessage())));
                    changed = 0;
                }
            }
        }
        report(result, changed);
        synced = desired;
        states = Map.copyOf(result);
        syncedChanges = seen;
        return changed;
    }

    /** Adds the set's creation to {@code batch} if it is missing, and returns what to change in it. */
    private SetDiff diff(SetName name, Set<Long> macs, NftBatch batch) throws NftException {
        String listing = nft.listSet(name);
        if (listing == null) {
            batch.create(name);
            return SetDiff.between(macs, Set.of());
        }
        SetListing actual = SetListing.parse(listing);
        if (!actual.holdsMacs()) {
            throw new NftException("set " + name + " has type " + actual.type() + ", not " + SetListing.MAC_TYPE);
        }
        return SetDiff.between(macs, actual.macs());
    }

    private void report(Map<SetName, SetState> result, int changed) {
        for (var e : result.entrySet()) {
            String error = e.getValue().error();
            SetState before = states.get(e.getKey());
            if (error != null) {
                lastErrors.put(e.getKey(), error);
                if (before == null || !Objects.equals(before.error(), error)) {
                    LOG.warning("nft set " + e.getKey() + ": " + error + " (the MAC server goes on without it)");
                }
            } else if (before != null && before.error() != null) {
                LOG.info("nft set " + e.getKey() + " in sync again");
            }
        }
        if (changed > 0) {
            LOG.info("nft sets: " + changed + " elements changed");
        }
    }

    /** What {@code nft-status} shows for a server: off, pending, in-sync with set sizes, or the error. */
    @Override
    public String status(int serverId) {
        if (changeCount.get() != syncedChanges) {
            return "pending";
        }
        DesiredSets.ServerSets sets = synced.servers().get(serverId);
        if (sets == null) {
            return "off";
        }
        StringBuilder sizes = new StringBuilder();
        for (SetName name : new SetName[] {sets.allow(), sets.deny()}) {
            if (name == null) {
                continue;
            }
            SetState state = states.get(name);
            if (state == null) {
                return "pending";
            }
            if (state.error() != null) {
                return "error: " + state.error();
            }
            sizes.append(name == sets.allow() ? " allow=" : " deny=").append(state.size());
        }
        return sizes.isEmpty() ? "off" : "in-sync" + sizes;
    }

    /** The last error any of the server's sets met, even if it has been in sync since; or null. */
    @Override
    public String lastError(int serverId) {
        DesiredSets.ServerSets sets = synced.servers().get(serverId);
        if (sets == null) {
            return null;
        }
        String allow = sets.allow() == null ? null : lastErrors.get(sets.allow());
        return allow != null ? allow : sets.deny() == null ? null : lastErrors.get(sets.deny());
    }

    @Override
    public synchronized void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
