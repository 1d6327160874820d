package macserver.testsupport;

import java.util.concurrent.atomic.AtomicLong;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;

/** Fresh configuration models with factory defaults and a clock the test moves. */
public final class TestModels {
    private TestModels() {
    }

    public static final class Clocked {
        public final AtomicLong seconds = new AtomicLong(1_700_000_000L);
        public final LiveStatus live = new LiveStatus();
        public final ConfigModel model = new ConfigModel(StandardSchema.create(live), seconds::get);

        private Clocked() {
        }
    }

    /** Adds a local user (no password) in an existing group, e.g. a {@code reader} in {@code read}. */
    public static void addUser(ConfigModel model, String name, String group) {
        try {
            model.write(macserver.config.Origin.SYSTEM, tx -> {
                macserver.config.Menu users = model.schema().menu("user");
                tx.add(users, java.util.Map.of(users.property("name"), name,
                        users.property("group"), model.idByName(model.schema().menu("user group"), group)));
                return null;
            });
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    public static Clocked fresh() {
        Clocked c = new Clocked();
        try {
            FactoryDefaults.apply(c.model);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        return c;
    }
}
