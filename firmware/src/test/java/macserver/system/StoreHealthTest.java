package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import macserver.cli.ModelCliSessions;
import macserver.config.ConfigModel;
import macserver.config.Plane;
import macserver.config.RowCodec;
import macserver.store.LostTransactions;
import macserver.store.StoreDamage;
import macserver.store.StoreStats;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** What {@code /system store} and {@code /system store damage} show after a damaged mount, through the CLI. */
class StoreHealthTest {
    private static final StoreStats STATS = new StoreStats(1000, 8000, 7000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2, 0, 40960);

    @Test
    void lostTransactionsAreListedWithTheItemsTheyTouched() {
        TestModels.Clocked router = TestModels.fresh();
        ConfigModel model = router.model;
        var cli = new ModelCliSessions(model, "test").open("admin", Plane.STDIO);
        long admin = RowCodec.key(model.schema().menu("user"), model.idByName(model.schema().menu("user"), "admin"));
        StoreDamage damage = new StoreDamage(List.of(
                new LostTransactions(7, 7, 2, 0x1000, List.of(admin), 0, "a damaged record inside it"),
                new LostTransactions(0, 5, 1, 0, List.of(), 0, "its BEGIN is damaged")), 1, 1, 0);
        StoreHealth health = StoreHealth.of(model, damage, 0, List.of("group full"), () -> STATS);
        router.live.report(health);

        String status = cli.execute("/system store print");
        assertTrue(status.contains("status: damaged at mount"), status);
        assertTrue(status.contains("lost-transactions: \"1 and more\"") || status.contains("lost-transactions: 1 and more"), status);
        assertTrue(status.contains("restored: \"group full\"") || status.contains("restored: group full"), status);
        String runs = cli.execute("/system store damage print detail");
        assertTrue(runs.contains("transactions=\"7\"") && runs.contains("touched=\"/user admin\""), runs);
        assertTrue(runs.contains("transactions=\"up to 5\"") && runs.contains("touched=\"nothing readable\""), runs);
    }

    @Test
    void aCleanMountSaysOk() {
        TestModels.Clocked router = TestModels.fresh();
        StoreHealth health = StoreHealth.of(router.model, StoreDamage.NONE, 0, List.of(), () -> STATS);
        assertFalse(health.damaged());
        router.live.report(health);
        String status = new ModelCliSessions(router.model, "test").open("admin", Plane.STDIO).execute("/system store print");
        assertTrue(status.contains("status: ok"), status);
        assertTrue(status.contains("lost-transactions: 0"), status);
        assertTrue(status.contains("checkpoints: 3"), status);
        assertTrue(status.contains("background-checkpoints: 2"), status);
        assertTrue(status.contains("log-since-checkpoint: 40960"), status);
        assertEquals(0, health.damage().size());
    }
}
