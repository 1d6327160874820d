package macserver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Plane;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.store.FaultyFlash;
import macserver.store.FlashDevice;
import macserver.store.FlashGeometry;
import macserver.store.RamFlash;
import macserver.store.StoreDamage;
import macserver.store.StoreOptions;
import org.junit.jupiter.api.Test;

/**
 * The configuration on flash, through the real CLI: it survives remounts, a power cut at every
 * program or erase of a command workload keeps every acknowledged command and no part of the
 * interrupted one, and a full flash refuses a command without losing anything.
 */
class ConfigStorageTest {
    private static final FlashGeometry SMALL = new FlashGeometry(256, 4096, 24);
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withMaxValueSize(512).withReserveBlocks(1);

    /** A router booted on a flash device: model, storage and a CLI session as admin. */
    private static final class Router {
        final ConfigModel model = new ConfigModel(StandardSchema.create(new LiveStatus()), () -> 1_700_000_000L);
        final ConfigStorage storage;
        final CliSession cli;

        Router(FlashDevice flash) throws IOException, ConfigException {
            storage = ConfigStorage.mount(model, flash, OPTIONS);
            if (model.isFactoryBlank()) {
                FactoryDefaults.apply(model);
            }
            cli = new ModelCliSessions(model, "test").open("admin", Plane.STDIO);
        }

        String state() {
            String export = cli.execute("/export");
            return export.substring(export.indexOf('\n') + 1) + cli.execute("/user print terse");
        }
    }

    private static List<String> workload() {
        List<String> w = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            round(w, round);
        }
        return w;
    }

    private static void round(List<String> w, int round) {
        w.add("/system identity set name=edge-" + round);
        w.add("/ip mac-server add name=my-mac-server");
        w.add("/ip mac-server add name=guests comment=\"guest ports\"");
        w.add("/ip mac-server set my-mac-server default");
        for (int i = 0; i < 12; i++) {
            w.add(String.format("/ip mac-server binding add mac-address=00:01:02:03:04:%02X server=%s", i,
                    i % 2 == 0 ? "my-mac-server" : "guests"));
        }
        w.add("/ip mac-server binding set [find where server=guests] action=deny");
        w.add("/user add name=ops" + round + " group=write password=secret");
        w.add("/ip mac-server binding remove [find where action=deny]");
        w.add("/ip mac-server set guests default");
        for (int i = 0; i < 6; i++) {
            w.add(String.format("/ip mac-server binding add mac-address=02:00:00:00:00:%02X server=guests comment=c%d", i, i));
        }
        w.add("/ip mac-server binding remove [find]");
        w.add("/ip mac-server remove guests");
        w.add("/ip mac-server remove my-mac-server");
    }

    @Test
    void configurationSurvivesRemount() throws Exception {
        RamFlash flash = new RamFlash(SMALL);
        Router a = new Router(flash);
        for (String cmd : workload()) {
            assertEquals("", a.cli.execute(cmd), cmd);
        }
        String state = a.state();
        Router b = new Router(flash);
        assertEquals(state, b.state());
        assertEquals(0, b.storage.skippedItems());
    }

    @Test
    void powerCutAtEveryProgramAndEraseKeepsAcknowledgedCommandsWhole() throws Exception {
        int cuts = 0;
        for (FaultyFlash.Tear tear : new FaultyFlash.Tear[] {FaultyFlash.Tear.NONE, FaultyFlash.Tear.GARBAGE_REST}) {
            for (long cutAt = 1; ; cutAt++) {
                RamFlash ram = new RamFlash(SMALL);
                FaultyFlash faulty = new FaultyFlash(ram, cutAt, tear, cutAt);
                List<String> states = new ArrayList<>();
                String pending = null;
                int pendingIndex = -1;
                try {
                    Router r = new Router(faulty);
                    states.add(r.state());
                    List<String> commands = workload();
                    for (int i = 0; i < commands.size(); i++) {
                        String cmd = commands.get(i);
                        String out = r.cli.execute(cmd);
                        if (faulty.powerCut()) {
                            pending = cmd;
                            pendingIndex = i;
                            break;
                        }
                        assertEquals("", out, cmd);
                        states.add(r.state());
                    }
                } catch (IOException | ConfigException e) {
                    if (!faulty.powerCut()) {
                        throw e;
                    }
                }
                if (!faulty.powerCut()) {
                    break;
                }
                cuts++;
                Router after = new Router(ram);
                String got = after.state();
                String lastAcknowledged = states.isEmpty() ? null : states.get(states.size() - 1);
                boolean ok = got.equals(lastAcknowledged);
                if (!ok && pending != null) {
                    // The interrupted command may have become durable just before the cut: then all of it.
                    Router replay = new Router(new RamFlash(SMALL));
                    for (String cmd : workload().subList(0, pendingIndex + 1)) {
                        replay.cli.execute(cmd);
                    }
                    ok = got.equals(replay.state());
                }
                if (!ok && states.isEmpty()) {
                    ok = got.equals(new Router(new RamFlash(SMALL)).state());
                }
                if (!ok) {
                    fail("cut at " + cutAt + " (" + tear + ") during " + pending + ": state after remount is\n" + got
                            + "\nbut the last acknowledged state was\n" + lastAcknowledged);
                }
                assertEquals("", after.cli.execute("/ip mac-server add name=after-cut-" + cutAt), "store keeps working");
            }
        }
        assertTrue(cuts > 200, "only " + cuts + " cut points exercised");
    }

    @Test
    void fullFlashRefusesTheCommandLosesNothingAndRecoversAfterRemovals() throws Exception {
        RamFlash flash = new RamFlash(new FlashGeometry(256, 4096, 8));
        Router r = new Router(flash);
        r.cli.execute("/ip mac-server add name=s");
        String lastGood = null;
        int added = 0;
        String out = "";
        for (int i = 0; i < 5000 && out.isEmpty(); i++) {
            lastGood = r.state();
            out = r.cli.execute(String.format("/ip mac-server binding add mac-address=02:00:00:00:%02X:%02X server=s comment=%s",
                    i / 256, i % 256, "x".repeat(40)));
            if (out.isEmpty()) {
                added++;
            }
        }
        assertEquals("failure: not enough space on flash\n", out);
        assertTrue(added > 10, "added " + added);
        assertEquals(lastGood, r.state(), "the refused command changed nothing");
        assertEquals(lastGood, new Router(flash).state(), "nothing stored was lost");
        assertEquals("", r.cli.execute("/ip mac-server binding remove [find]"));
        assertEquals("", r.cli.execute("/ip mac-server binding add mac-address=02:00:00:00:99:99 server=s"));
        assertTrue(new Router(flash).state().contains("02:00:00:00:99:99"));
    }

    @Test
    void backgroundCheckpointsListEveryMenuAndBindingBetweenCommands() throws Exception {
        RamFlash flash = new RamFlash(new FlashGeometry(256, 4096, 96));
        Router a = new Router(flash);
        a.cli.execute("/ip mac-server add name=s");
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 300; i++) {
                String out = a.cli.execute(String.format(
                        "/ip mac-server binding add mac-address=02:00:00:%02X:%02X:%02X server=s comment=r%d", round, i / 256,
                        i % 256, round));
                assertEquals("", out);
                a.storage.checkpointStep(); // what the checkpoint thread does between commands
            }
            a.cli.execute("/ip mac-server binding remove [find where comment=r" + round + " and mac-address~\"0[02468]$\"]");
            a.cli.execute("/system identity set name=r" + round);
        }
        assertTrue(a.storage.stats().backgroundCheckpoints() >= 2, a.storage.stats().toString());
        String state = a.state();
        a.storage.close();
        Router b = new Router(flash);
        assertEquals(state, b.state());
        assertEquals(0, b.storage.skippedItems());
        assertEquals(StoreDamage.NONE, b.storage.damage());
    }
}
