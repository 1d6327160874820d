package macserver.config.menus;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.READ_ONLY;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.WRITE_ONLY;

import macserver.auth.SshPublicKey;
import macserver.config.BytesType;
import macserver.config.ConfigException;
import macserver.config.IntType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;
import macserver.config.Transaction;

/**
 * {@code /ip ssh} (the host key made at first boot: kept hidden, its type and fingerprint shown)
 * and {@code /user ssh-keys} (public keys users log in with). A key is given whole as
 * {@code key="ssh-ed25519 AAAA... comment"}; it is write-only like RouterOS's, and print shows
 * what it is instead: type, bits, owner (the comment) and fingerprint.
 */
public final class SshMenus {
    private SshMenus() {
    }

    static void register(Schema s) {
        TextType text = new TextType(256, false);
        Menu ssh = s.add(Menu.builder(Menu.Kind.SINGLETON, "ip ssh")
                .code(MenuCodes.IP_SSH)
                .singleValue()
                .property(Property.of("host-key-type", text, null, READ_ONLY))
                .property(Property.of("host-key-fingerprint", text, null, READ_ONLY))
                .property(Property.of("host-key", BytesType.INSTANCE, null, HIDDEN))
                .build());
        SshRow.bind(ssh);
        Menu keys = s.add(Menu.builder(Menu.Kind.LIST, "user ssh-keys")
                .code(MenuCodes.USER_SSH_KEYS)
                .property(Property.of("user", new ReferenceType(() -> s.menu("user")), null, REQUIRED))
                .property(Property.of("key", new TextType(16384, false), null, REQUIRED, WRITE_ONLY))
                .property(Property.computed("key-type", text, v -> key(v.row()).type()))
                .property(Property.computed("bits", new IntType(0, 100_000), v -> (long) key(v.row()).bits()))
                .property(Property.computed("key-owner", text, v -> key(v.row()).comment()))
                .property(Property.computed("fingerprint", text, v -> key(v.row()).fingerprint()))
                .columns("user", "key-type", "bits", "key-owner")
                .rules(new MenuRules() {
                    @Override
                    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after)
                            throws ConfigException {
                        try {
                            SshPublicKey.parse(KeyRow.KEY.get(after));
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(e.getMessage());
                        }
                    }
                })
                .build());
        KeyRow.bind(keys);
    }

    /** Removes a user's keys with the user, as RouterOS does. */
    static void removeKeysOf(Transaction tx, int userId) throws ConfigException {
        Menu keys = tx.model().schema().menu("user ssh-keys");
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (var it = tx.model().table(keys).iterator(); it.hasNext(); ) {
            var e = it.next();
            if (KeyRow.user(e.getValue()) == userId) {
                ids.add(e.getKey());
            }
        }
        for (int id : ids) {
            tx.remove(keys, id);
        }
    }

    /** The key of a stored row; rows are checked on the way in, so it parses. */
    private static SshPublicKey key(Object[] row) {
        return SshPublicKey.parse(KeyRow.KEY.get(row));
    }

    /** The row of the singleton {@code /ip ssh}: the host key made at first boot. */
    public static final class SshRow {
        public static final Slot<String> HOST_KEY_TYPE = Slot.of("host-key-type", String.class);
        public static final Slot<String> HOST_KEY_FINGERPRINT = Slot.of("host-key-fingerprint", String.class);
        public static final Slot<byte[]> HOST_KEY = Slot.of("host-key", byte[].class);

        private SshRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, HOST_KEY_TYPE, HOST_KEY_FINGERPRINT, HOST_KEY);
        }

        /** The encoded key pair, or null before first boot made it. */
        public static byte[] hostKey(Object[] row) { return HOST_KEY.get(row); }
    }

    /** Rows of {@code /user ssh-keys}. */
    public static final class KeyRow {
        public static final Slot<Integer> USER = Slot.of("user", Integer.class);
        public static final Slot<String> KEY = Slot.of("key", String.class);

        private KeyRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, USER, KEY);
        }

        /** The id of its owner in {@code /user}. */
        public static int user(Object[] row) { return USER.get(row); }
        /** The public key as given, checked on the way in, so it parses. */
        public static SshPublicKey key(Object[] row) { return SshMenus.key(row); }
    }
}
