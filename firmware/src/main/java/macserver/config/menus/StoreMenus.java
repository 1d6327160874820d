package macserver.config.menus;

import macserver.config.IntType;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.TextType;

import static macserver.config.Property.Flag.READ_ONLY;

/**
 * {@code /system store} (what the last mount of the flash found, the checkpoints written since
 * boot, of them by the checkpoint thread, and the log bytes the next mount replays) and
 * {@code /system store damage} (each run of transactions it had to leave out, and what they touched).
 */
final class StoreMenus {
    private StoreMenus() {
    }

    static void register(Schema s, LiveStatus live) {
        TextType text = new TextType(1024, false);
        IntType count = new IntType(0, Long.MAX_VALUE);
        s.add(Menu.builder(Menu.Kind.LIVE, "system store")
                .singleValue()
                .property(Property.of("status", text, null, READ_ONLY))
                .property(Property.of("lost-transactions", text, null, READ_ONLY))
                .property(Property.of("damaged-records", count, null, READ_ONLY))
                .property(Property.of("missing-blocks", count, null, READ_ONLY))
                .property(Property.of("lost-checkpoint-items", text, null, READ_ONLY))
                .property(Property.of("missing-bytes", count, null, READ_ONLY))
                .property(Property.of("restored", text, null, READ_ONLY))
                .property(Property.of("checkpoints", count, null, READ_ONLY))
                .property(Property.of("background-checkpoints", count, null, READ_ONLY))
                .property(Property.of("log-since-checkpoint", count, null, READ_ONLY))
                .live(() -> live.store().status())
                .build());
        s.add(Menu.builder(Menu.Kind.LIVE, "system store damage")
                .property(Property.of("transactions", text, null, READ_ONLY))
                .property(Property.of("log-block", text, null, READ_ONLY))
                .property(Property.of("offset", text, null, READ_ONLY))
                .property(Property.of("cause", text, null, READ_ONLY))
                .property(Property.of("touched", text, null, READ_ONLY))
                .columns("transactions", "log-block", "offset", "touched")
                .live(() -> live.store().damage())
                .build());
    }
}
