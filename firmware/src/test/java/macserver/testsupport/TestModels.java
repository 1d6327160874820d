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
