package macserver.fleet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Work for the fleet worker, filled by the MQTT link's thread and by model listeners, taken in
 * batches. Versions of one MAC are merged on arrival (only the winner is kept), so a replay of
 * 10,000 retained messages costs at most one pending entry per MAC whatever the worker's pace.
 * Also tracks which MACs a replay delivered, until the router's sync marker comes back.
 */
final class FleetInbox {
    enum Kind {
        /** A local command removed the MAC's binding. */
        GONE,
        /** A local command made or changed a binding the fleet did not make. */
        PRESENT,
        /** Servers changed: look at the entry again. */
        RECHECK,
        /** The broker no longer has the MAC and the router cannot tell the fleet still wants it. */
        FORGET
    }

    record Local(Kind kind, long mac) {}

    /** One batch of work; {@code syncReturned} only when it empties the inbox, so every earlier message is in it. */
    record Batch(List<Local> locals, List<FleetMessage> messages, List<Long> cleared, boolean serversChanged,
                 boolean syncReturned) {
        boolean isEmpty() {
            return locals.isEmpty() && messages.isEmpty() && cleared.isEmpty() && !serversChanged && !syncReturned;
        }
    }

    private final ArrayDeque<Local> locals = new ArrayDeque<>();
    private final LinkedHashMap<Long, FleetMessage> messages = new LinkedHashMap<>();
    private final LinkedHashSet<Long> cleared = new LinkedHashSet<>();
    private final Set<Long> seen = new HashSet<>();
    // MACs whose queued version was followed by an older one: the broker's retained copy (the last
    // to arrive there) is now the loser, so the winner must be published again.
    private final Set<Long> overtaken = new HashSet<>();
    private boolean sweeping;
    private boolean serversChanged;
    private boolean syncReturned;
    private boolean busy;
    private boolean wake;

    /** Adds a version; returns true when it starts a replay sweep (the first retained message since the last one ended). */
    synchronized boolean message(FleetMessage m, boolean retained) {
        boolean started = false;
        if (retained && !sweeping) {
            sweeping = true;
            seen.clear();
            started = true;
        }
        if (sweeping) {
            seen.add(m.mac());
        }
        FleetMessage queued = messages.get(m.mac());
        if (queued != null && !m.supersedes(queued) && !m.equals(queued)) {
            overtaken.add(m.mac());
        }
        messages.merge(m.mac(), m, (a, b) -> b.supersedes(a) ? b : a);
        notifyAll();
        return started;
    }

    /** Whether an older version of {@code mac} arrived while a newer one waited here; clears the mark. */
    synchronized boolean takeOvertaken(long mac) {
        return overtaken.remove(mac);
    }

    synchronized void cleared(long mac) {
        cleared.add(mac);
        notifyAll();
    }

    synchronized void local(Kind kind, long mac) {
        locals.add(new Local(kind, mac));
        notifyAll();
    }

    synchronized void serversChanged() {
        serversChanged = true;
        notifyAll();
    }

    synchronized void syncReturned() {
        syncReturned = true;
        notifyAll();
    }

    synchronized boolean isSweeping() {
        return sweeping;
    }

    /** Ends the sweep; returns the MACs the broker delivered during it. */
    synchronized Set<Long> endSweep() {
        sweeping = false;
        Set<Long> out = new HashSet<>(seen);
        seen.clear();
        return out;
    }

    /** Wakes the worker without work (a tick, new publishes, close). */
    synchronized void wake() {
        wake = true;
        notifyAll();
    }

    /** Waits up to {@code timeoutMillis} for work, then takes at most {@code max} items. */
    synchronized Batch take(int max, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!hasWork() && !wake) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        wake = false;
        List<Local> l = new ArrayList<>();
        while (l.size() < max && !locals.isEmpty()) {
            l.add(locals.poll());
        }
        List<FleetMessage> m = new ArrayList<>();
        for (Iterator<FleetMessage> it = messages.values().iterator(); l.size() + m.size() < max && it.hasNext(); ) {
            m.add(it.next());
            it.remove();
        }
        List<Long> c = new ArrayList<>();
        for (Iterator<Long> it = cleared.iterator(); l.size() + m.size() + c.size() < max && it.hasNext(); ) {
            c.add(it.next());
            it.remove();
        }
        boolean servers = serversChanged && locals.isEmpty();
        serversChanged &= !servers;
        boolean sync = syncReturned && !hasPending();
        syncReturned &= !sync;
        Batch b = new Batch(l, m, c, servers, sync);
        busy = !b.isEmpty();
        return b;
    }

    /** The worker finished a batch. */
    synchronized void done() {
        busy = false;
        notifyAll();
    }

    /** True when nothing waits and the worker is between batches. */
    synchronized boolean isIdle() {
        return !hasWork() && !busy;
    }

    /** Waits until {@link #isIdle}. */
    synchronized void awaitIdle() throws InterruptedException {
        while (!isIdle()) {
            wait(100);
        }
    }

    private boolean hasPending() {
        return !locals.isEmpty() || !messages.isEmpty() || !cleared.isEmpty();
    }

    private boolean hasWork() {
        return hasPending() || serversChanged || syncReturned;
    }
}
