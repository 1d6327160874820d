package macserver.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Change;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.ConfigStorage;
import macserver.config.Journal;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.menus.BindingTable;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.FleetMenus;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.store.FlashGeometry;
import macserver.store.RamFlash;
import macserver.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fleet bindings between routers through an in-memory broker. */
class FleetBindingsTest {
    private static final long T0 = 1_764_000_000_000L;
    private static final long MAC = 0x020000000001L;
    private static final Duration LIFETIME = Duration.ofDays(7);

    private final FakeBroker broker = new FakeBroker();
    private final AtomicLong clock = new AtomicLong(T0);
    private final List<Router> routers = new ArrayList<>();

    /** One router: a model (in RAM, or on a flash device), a console session and the fleet. */
    private final class Router {
        final String id;
        final LiveStatus live = new LiveStatus();
        final ConfigModel model;
        final ConfigStorage storage;
        final CliSession cli;
        final FakeBroker.Link link;
        FleetBindings fleet;

        Router(String id) throws Exception {
            this(id, null);
        }

        Router(String id, RamFlash flash) throws Exception {
            this(id, flash, broker.connect(id));
        }

        /** A router on {@code link}: a new process on the session an earlier one left ({@link FakeBroker#restart}). */
        Router(String id, RamFlash flash, FakeBroker.Link link) throws Exception {
            this.id = id;
            model = new ConfigModel(StandardSchema.create(live), () -> clock.get() / 1000);
            storage = flash == null ? null : ConfigStorage.mount(model, flash, StoreOptions.defaults());
            if (model.isFactoryBlank()) {
                FactoryDefaults.apply(model);
            }
            cli = new ModelCliSessions(model, "test").open("admin", Plane.STDIO);
            if (model.idByName(model.schema().menu("ip mac-server"), "guests") < 0) {
                run("/ip mac-server add name=guests");
                run("/ip mac-server add name=staff");
            }
            this.link = link;
            routers.add(this);
        }

        Router start() {
            fleet = FleetBindings.start(model, link, options());
            live.report(fleet::statusRows);
            return this;
        }

        FleetOptions options() {
            return FleetOptions.defaults("isp", "north", id).withClock(clock::get).withTombstoneLifetime(LIFETIME)
                    .withReplayQuiet(Duration.ofMillis(20));
        }

        void run(String line) {
            assertEquals("", cli.execute(line), line);
        }

        /** "server action comment D" of the binding of {@code mac}, or null. */
        String binding(long mac) {
            return model.read(() -> {
                Menu m = model.schema().menu("ip mac-server binding");
                int id = ((BindingTable) model.table(m)).idOfMac(mac);
                if (id < 0) {
                    return null;
                }
                Object[] row = model.table(m).get(id);
                return model.nameById(model.schema().menu("ip mac-server"), (Integer) row[1]) + " " + row[2]
                        + (row[4] == null ? "" : " " + row[4]) + (Boolean.TRUE.equals(row[8]) ? " D" : "");
            });
        }

        /** Every binding, MAC to {@link #binding}. */
        Map<Long, String> bindings() {
            Map<Long, String> out = new TreeMap<>();
            model.read(() -> {
                Menu m = model.schema().menu("ip mac-server binding");
                for (var it = model.table(m).iterator(); it.hasNext(); ) {
                    out.put((Long) it.next().getValue()[0], null);
                }
                return null;
            });
            out.replaceAll((mac, v) -> binding(mac));
            return out;
        }

        String state(long mac) {
            return model.read(() -> new FleetLedger(model).state(mac));
        }

        FleetMessage held(long mac) {
            return model.read(() -> new FleetLedger(model).held(mac));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Router r : routers) {
            if (r.fleet != null) {
                r.fleet.close();
            }
            r.link.close();
        }
    }

    private void settle() throws InterruptedException {
        do {
            broker.awaitQuiet();
            for (Router r : routers) {
                if (r.fleet != null) {
                    r.fleet.awaitIdle();
                }
            }
        } while (!broker.isQuiet());
    }

    private static String topic(long mac) {
        return FleetTopics.of("isp", "north").binding(mac);
    }

    private void publishRaw(FleetMessage m) {
        broker.publish(topic(m.mac()), m.encode(), true);
    }

    private FleetMessage retained(long mac) throws FleetFormatException {
        byte[] p = broker.retained(topic(mac));
        return p == null ? null : FleetMessage.decode(mac, p);
    }

    @Test
    void aPublishedBindingBecomesADynamicBindingOnEveryRouter() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        FleetMessage sent = a.fleet.publish(MAC, "guests", "allow", "desk 4");
        settle();
        assertEquals("guests allow desk 4 D", a.binding(MAC));
        assertEquals("guests allow desk 4 D", b.binding(MAC));
        assertEquals(FleetMenus.APPLIED, b.state(MAC));
        assertEquals(sent, retained(MAC));
        assertEquals(T0, sent.timestamp());
        assertEquals(1, b.fleet.status().applied());
        String status = b.cli.execute("/ip mac-server fleet status print");
        assertTrue(status.contains("group: isp/fleet/north") && status.contains("applied: 1"), status);
        assertTrue(b.cli.execute("/ip mac-server fleet print").contains("02:00:00:00:00:01"));
        assertTrue(!b.cli.execute("/export").contains("02:00:00:00:00:01"), "fleet entries are not configuration");
    }

    @Test
    void lastWriterWinsWhicheverVersionArrivesFirst() throws Exception {
        Router r = new Router("r").start();
        long newerFirst = MAC;
        long olderFirst = MAC + 1;
        FleetMessage old1 = FleetMessage.binding(newerFirst, "guests", "allow", null, T0 + 10, "x");
        FleetMessage new1 = FleetMessage.binding(newerFirst, "staff", "deny", null, T0 + 20, "y");
        publishRaw(new1);
        settle();
        publishRaw(old1);
        settle();
        assertEquals("staff deny D", r.binding(newerFirst));
        assertEquals(new1, retained(newerFirst), "the router put the winner back on the broker");
        assertEquals(1, r.fleet.status().stale());

        FleetMessage old2 = FleetMessage.binding(olderFirst, "guests", "allow", null, T0 + 10, "x");
        FleetMessage new2 = FleetMessage.binding(olderFirst, "staff", "deny", null, T0 + 20, "y");
        publishRaw(old2);
        settle();
        assertEquals("guests allow D", r.binding(olderFirst));
        publishRaw(new2);
        settle();
        assertEquals("staff deny D", r.binding(olderFirst));
        assertEquals(new2, r.held(olderFirst));
    }

    @Test
    void equalTimestampsAreBrokenByPublisherOnEveryRouter() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        FleetMessage fromP = FleetMessage.binding(MAC, "guests", "allow", null, T0, "p");
        FleetMessage fromQ = FleetMessage.binding(MAC, "staff", "allow", null, T0, "q");
        // Each router sees one version first: they still agree, on q's.
        a.link.disconnect();
        publishRaw(fromQ);
        a.link.reconnect(true);
        settle();
        publishRaw(fromP);
        settle();
        assertEquals("staff allow D", a.binding(MAC));
        assertEquals("staff allow D", b.binding(MAC));
        assertEquals(fromQ, retained(MAC));
    }

    @Test
    void aTombstoneRemovesTheBindingEverywhereAndOutranksOlderAdds() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        a.fleet.publish(MAC, "guests", "allow", null);
        settle();
        clock.addAndGet(1000);
        FleetMessage tomb = a.fleet.unpublish(MAC);
        settle();
        assertNull(a.binding(MAC));
        assertNull(b.binding(MAC));
        assertEquals(FleetMenus.DELETED, b.state(MAC));
        assertEquals(tomb, retained(MAC));
        publishRaw(FleetMessage.binding(MAC, "staff", "allow", null, tomb.timestamp() - 1, "late"));
        settle();
        assertNull(b.binding(MAC), "an add older than the removal stays removed");
        assertEquals(tomb, retained(MAC));
    }

    @Test
    void anEditMadeHereWinsEvenWhenThisClockIsBehind() throws Exception {
        Router r = new Router("r").start();
        publishRaw(FleetMessage.binding(MAC, "guests", "allow", null, T0 + 60_000, "fast-clock"));
        settle();
        FleetMessage mine = r.fleet.publish(MAC, "staff", "deny", null);
        settle();
        assertEquals(T0 + 60_001, mine.timestamp());
        assertEquals("staff deny D", r.binding(MAC));
    }

    @Test
    void aStaticBindingWinsAndTheFleetOneAppliesWhenItGoes() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        b.run("/ip mac-server binding add mac-address=02:00:00:00:00:01 server=staff action=deny");
        a.fleet.publish(MAC, "guests", "allow", null);
        settle();
        assertEquals("staff deny", b.binding(MAC));
        assertEquals(FleetMenus.SHADOWED, b.state(MAC));
        assertEquals("guests allow D", a.binding(MAC));
        b.run("/ip mac-server binding remove [find mac-address=02:00:00:00:00:01]");
        settle();
        assertEquals("guests allow D", b.binding(MAC));
        assertEquals(FleetMenus.APPLIED, b.state(MAC));
    }

    @Test
    void aFleetBindingRemovedHereStaysRemovedUntilANewerVersion() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        a.fleet.publish(MAC, "guests", "allow", null);
        settle();
        b.run("/ip mac-server binding remove [find mac-address=02:00:00:00:00:01]");
        settle();
        assertNull(b.binding(MAC));
        assertEquals(FleetMenus.REMOVED, b.state(MAC));
        // The operator replaces it with a static one, which then wins; when that goes, the fleet's applies again.
        b.run("/ip mac-server binding add mac-address=02:00:00:00:00:01 server=staff");
        settle();
        assertEquals(FleetMenus.SHADOWED, b.state(MAC));
        b.run("/ip mac-server binding remove [find mac-address=02:00:00:00:00:01]");
        settle();
        assertEquals("guests allow D", b.binding(MAC));
        b.run("/ip mac-server binding remove [find mac-address=02:00:00:00:00:01]");
        settle();
        assertNull(b.binding(MAC));
        clock.addAndGet(1000);
        a.fleet.publish(MAC, "staff", "allow", null);
        settle();
        assertEquals("staff allow D", b.binding(MAC));
    }

    @Test
    void aBindingForAServerThisRouterLacksWaitsForIt() throws Exception {
        Router r = new Router("r").start();
        r.fleet.publish(MAC, "lab", "allow", null);
        settle();
        assertNull(r.binding(MAC));
        assertEquals(FleetMenus.NO_SERVER, r.state(MAC));
        r.run("/ip mac-server add name=lab");
        settle();
        assertEquals("lab allow D", r.binding(MAC));
        r.run("/ip mac-server binding remove [find mac-address=02:00:00:00:00:01]");
        r.run("/ip mac-server remove lab");
        settle();
        assertEquals(FleetMenus.REMOVED, r.state(MAC));
    }

    @Test
    void fleetEntriesChangeOnlyThroughTheFleet() throws Exception {
        Router r = new Router("r").start();
        r.fleet.publish(MAC, "guests", "allow", null);
        settle();
        assertTrue(r.cli.execute("/ip mac-server fleet remove [find]").contains("only through the fleet"));
        assertEquals(FleetMenus.APPLIED, r.state(MAC));
    }

    @Test
    void aRouterThatWasAwayConvergesWithItsSessionKeptOrLost() throws Exception {
        for (boolean sessionKept : new boolean[] {true, false}) {
            Router a = new Router("a" + sessionKept).start();
            Router c = new Router("c" + sessionKept).start();
            long base = sessionKept ? 0x020000000000L : 0x020000010000L;
            for (int i = 0; i < 50; i++) {
                a.fleet.publish(base + i, "guests", "allow", null);
            }
            settle();
            c.link.disconnect();
            clock.addAndGet(1000);
            for (int i = 50; i < 70; i++) {
                a.fleet.publish(base + i, "staff", "allow", null);
            }
            for (int i = 0; i < 10; i++) {
                a.fleet.unpublish(base + i);
            }
            for (int i = 10; i < 15; i++) {
                a.fleet.publish(base + i, "staff", "deny", "moved");
            }
            settle();
            assertEquals(50, c.bindings().keySet().stream().filter(m -> m >= base && m < base + 100).count());
            c.link.reconnect(sessionKept);
            settle();
            assertEquals(60, a.bindings().keySet().stream().filter(m -> m >= base && m < base + 100).count());
            assertEquals(a.bindings(), c.bindings(), "session kept: " + sessionKept);
        }
    }

    @Test
    void aReplayMissingBindingsRepublishesThemIfRecentlyInSync() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        for (int i = 0; i < 5; i++) {
            a.fleet.publish(MAC + i, "guests", "allow", null);
        }
        settle();
        // The broker loses two retained messages (restarted from an old save), then b's session.
        broker.publish(topic(MAC + 3), new byte[0], true);
        broker.publish(topic(MAC + 4), new byte[0], true);
        settle();
        b.link.disconnect();
        clock.addAndGet(Duration.ofHours(1).toMillis());
        b.link.reconnect(false);
        settle();
        for (int i = 0; i < 5; i++) {
            assertNotNull(retained(MAC + i), "republished " + i);
            assertEquals("guests allow D", b.binding(MAC + i));
        }
    }

    @Test
    void aRouterAwayLongerThanTombstonesLiveDropsWhatTheBrokerNoLongerHas() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        a.fleet.publish(MAC, "guests", "allow", null);
        a.fleet.publish(MAC + 1, "guests", "allow", null);
        settle();
        b.link.disconnect();
        clock.addAndGet(1000);
        a.fleet.unpublish(MAC);
        settle();
        a.fleet.tick();
        settle();
        assertNotNull(broker.retained(topic(MAC)), "a tombstone younger than its lifetime stays");
        clock.addAndGet(LIFETIME.toMillis() + 1);
        a.fleet.tick();
        settle();
        assertNull(broker.retained(topic(MAC)), "its publisher cleared the tombstone");
        assertNull(a.state(MAC), "and forgot it");
        assertEquals("guests allow D", b.binding(MAC));
        b.link.reconnect(false);
        settle();
        assertNull(b.binding(MAC), "removed while b was away");
        assertNull(b.state(MAC));
        assertNull(broker.retained(topic(MAC)), "and not brought back");
        assertEquals("guests allow D", b.binding(MAC + 1));
    }

    @Test
    void anyRouterClearsATombstoneWhosePublisherIsGone() throws Exception {
        Router r = new Router("r").start();
        publishRaw(FleetMessage.tombstone(MAC, T0, "gone"));
        settle();
        clock.addAndGet(LIFETIME.toMillis() + 1);
        r.fleet.tick();
        settle();
        assertNotNull(broker.retained(topic(MAC)), "its publisher may still clear it");
        clock.addAndGet(LIFETIME.toMillis());
        r.fleet.tick();
        settle();
        assertNull(broker.retained(topic(MAC)));
        assertNull(r.state(MAC));
    }

    @Test
    void bindingsAndTheirVersionsSurviveARestart() throws Exception {
        RamFlash flash = new RamFlash(FlashGeometry.nand(8L << 20));
        Router a = new Router("a").start();
        Router b = new Router("b", flash).start();
        FleetMessage sent = a.fleet.publish(MAC, "guests", "allow", "kept");
        a.fleet.publish(MAC + 1, "staff", "allow", null);
        settle();
        b.fleet.close();
        b.fleet = null;
        b.storage.close();
        b.link.disconnect();

        Router again = new Router("b2", flash);
        assertEquals("guests allow kept D", again.binding(MAC));
        assertEquals(sent, again.held(MAC));
        // While b was down, an older version of MAC reached the broker last; a newer one of MAC + 1 too.
        a.link.disconnect();
        publishRaw(FleetMessage.binding(MAC, "staff", "deny", null, sent.timestamp() - 1, "late"));
        publishRaw(FleetMessage.binding(MAC + 1, "guests", "deny", null, T0 + 5, "z"));
        again.start();
        settle();
        assertEquals("guests allow kept D", again.binding(MAC));
        assertEquals(sent, retained(MAC));
        assertEquals("guests deny D", again.binding(MAC + 1));
        again.storage.close();
    }

    @Test
    void aRouterKilledBeforeStoringWhatItAcknowledgedGetsItBackFromTheBrokerWhenItStartsAgain() throws Exception {
        RamFlash flash = new RamFlash(FlashGeometry.nand(8L << 20));
        Router a = new Router("a").start();
        Router b = new Router("b", flash).start();
        for (int i = 0; i < 20; i++) {
            a.fleet.publish(MAC + i, "guests", "allow", null);
        }
        settle();
        // From here on b's transactions never reach flash, as when it is killed between the broker
        // taking its acknowledgement (sent once a message is queued) and the batch's commit.
        b.model.setJournal(new Journal() {
            @Override
            public long append(List<Change> changes) throws ConfigException {
                throw new ConfigException("failure: killed");
            }

            @Override
            public void awaitDurable(long ticket) {
            }
        });
        for (int i = 20; i < 30; i++) {
            a.fleet.publish(MAC + i, "staff", "allow", null);
        }
        settle();
        FakeBroker.Link session = broker.restart(b.link);
        b.fleet.close();
        b.fleet = null;
        b.storage.close();
        // Published while b is down: the broker keeps them in b's session.
        for (int i = 30; i < 40; i++) {
            a.fleet.publish(MAC + i, "guests", "deny", null);
        }
        settle();

        Router again = new Router("b", flash, session).start();
        assertEquals(20, again.bindings().size(), "what b had stored");
        session.reconnect(true);
        settle();
        assertEquals(40, a.bindings().size());
        Set<Long> missing = new TreeSet<>(a.bindings().keySet());
        missing.removeAll(again.bindings().keySet());
        assertEquals(Set.of(), missing, "acknowledged by the killed run, never stored, not delivered again");
        assertEquals(a.bindings(), again.bindings());
        assertEquals(40, again.fleet.status().applied());
        again.storage.close();
    }

    @Test
    void aRouterWhoseSessionQueueOverflowedWhileAwayGetsTheRestFromTheReplay() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        settle();
        b.link.setSessionLimit(10);
        b.link.disconnect();
        for (int i = 0; i < 30; i++) {
            a.fleet.publish(MAC + i, "guests", "allow", null);
        }
        settle();
        b.link.reconnect(true);
        settle();
        assertEquals(30, a.bindings().size());
        assertEquals(a.bindings(), b.bindings(), "the broker kept 10 of 30 in b's session");
    }

    @Test
    void tenThousandRetainedBindingsApplyInBatchesOffTheMqttThread() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            publishRaw(FleetMessage.binding(0x020000000000L + i, i % 2 == 0 ? "guests" : "staff", "allow", null, T0, "ops"));
        }
        Router r = new Router("r");
        // A journal as slow as flash: the first commit waits until the broker has delivered everything.
        CountDownLatch delivered = new CountDownLatch(1);
        AtomicInteger fleetTransactions = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        r.model.setJournal(new Journal() {
            @Override
            public long append(List<Change> changes) {
                if (changes.stream().anyMatch(c -> c.menu().path().contains("fleet") && c.menu().code() == 40)) {
                    fleetTransactions.incrementAndGet();
                    threads.add(Thread.currentThread().getName());
                }
                return 1;
            }

            @Override
            public void awaitDurable(long ticket) {
                try {
                    delivered.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        r.start();
        broker.awaitQuiet();
        delivered.countDown();
        settle();
        assertEquals(10_000, r.bindings().size());
        assertEquals(10_000, r.fleet.status().applied());
        assertTrue(fleetTransactions.get() >= 10 && fleetTransactions.get() <= 11,
                "batches of at most 1,000: " + fleetTransactions.get() + " transactions");
        assertEquals(Set.of("fleet-bindings"), threads);
    }

    @Test
    void malformedMessagesAreCountedAndIgnored() throws Exception {
        Router r = new Router("r").start();
        FleetMessage good = FleetMessage.binding(MAC, "guests", "allow", null, T0, "ops");
        publishRaw(good);
        settle();
        String[] bad = {
            "garbage",
            "{\"mac-address\":\"02:00:00:00:00:01\",\"mac-server\":\"staff\",\"action\":\"deny\",\"timestamp\":" + (T0 + 5)
                    + ",\"publisher\":\"ops\",\"valid-until\":1}",
            "{\"mac-address\":\"02:00:00:00:00:01\",\"deleted\":true,\"timestamp\":\"soon\",\"publisher\":\"ops\"}",
        };
        for (String p : bad) {
            broker.publish(topic(MAC), p.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        }
        broker.publish("isp/fleet/north/binding/02:00:00:00:00:0a", good.encode(), false);
        broker.publish("isp/fleet/north/binding/02:00:00:00:00:0A/extra", good.encode(), false);
        settle();
        assertEquals("guests allow D", r.binding(MAC), "nothing of a refused message applies");
        assertEquals(4, r.fleet.status().ignored());
        FleetMessage next = FleetMessage.binding(MAC, "staff", "allow", null, T0 + 10, "ops");
        publishRaw(next);
        settle();
        assertEquals("staff allow D", r.binding(MAC), "and the router goes on");
    }

    @Test
    void aVersionFromTheFutureIsRefusedAndCountedAndDoesNotBeatLaterEdits() throws Exception {
        Router r = new Router("r").start();
        long farFuture = 253_402_300_000_000L; // in the year 9999
        publishRaw(FleetMessage.binding(MAC, "staff", "deny", null, farFuture, "intruder"));
        publishRaw(FleetMessage.binding(MAC + 1, "staff", "deny", null, T0 + FleetBindings.MAX_CLOCK_SKEW_MILLIS + 1,
                "fast"));
        settle();
        assertEquals(null, r.binding(MAC));
        assertEquals(null, r.binding(MAC + 1));
        assertEquals(2, r.fleet.status().ignored());
        // Within the allowed skew a faster clock is still a valid publisher.
        publishRaw(FleetMessage.binding(MAC + 2, "staff", "allow", null, T0 + FleetBindings.MAX_CLOCK_SKEW_MILLIS, "ok"));
        publishRaw(FleetMessage.binding(MAC, "guests", "allow", null, T0 + 1, "noc"));
        settle();
        assertEquals("staff allow D", r.binding(MAC + 2));
        assertEquals("guests allow D", r.binding(MAC), "the real edit wins, nothing of the future one is held");
        assertEquals(2, r.fleet.status().ignored());
    }

    @Test
    void publishingNeedsASetClockAndValidValues() throws Exception {
        Router r = new Router("r").start();
        assertThrows(ConfigException.class, () -> r.fleet.publish(MAC, "", "allow", null));
        assertThrows(ConfigException.class, () -> r.fleet.publish(MAC, "guests", "maybe", null));
        clock.set(5_000);
        assertThrows(ConfigException.class, () -> r.fleet.publish(MAC, "guests", "allow", null));
    }

    @Test
    void publishesMadeWhileTheLinkIsFullWaitAndGoOutLater() throws Exception {
        Router a = new Router("a").start();
        Router b = new Router("b").start();
        settle();
        a.link.disconnect();
        a.link.setQueueLimit(2);
        for (int i = 0; i < 5; i++) {
            a.fleet.publish(MAC + i, "guests", "allow", null);
        }
        settle();
        assertEquals(5, a.bindings().size(), "applied here at once");
        assertTrue(a.fleet.status().unsent() >= 3);
        a.link.reconnect(true);
        a.fleet.tick();
        settle();
        assertEquals(0, a.fleet.status().unsent());
        assertEquals(a.bindings(), b.bindings());
    }
}
