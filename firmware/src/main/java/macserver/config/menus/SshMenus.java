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
import macserver.config.TextType;
import macserver.config.Transaction;

/**
 * {@code /ip ssh} (the host key made at first boot: kept hidden, its type and fingerprint shown)
 * and {@code /user ssh-keys} (public keys users log in with). A key is given whole as
 * {@code key="ssh-ed25519 AAAA... comment"}; it is write-only like RouterOS's, and print shows
 * what it is instead: type, bits, owner (the comment) and fingerprint.
 */
public final class SshMenus {
    private static final int KEY_INDEX = 1;

    private SshMenus() {
    }

    static void register(Schema s) {
        TextType text = new TextType(256, false);
        s.add(Menu.builder(Menu.Kind.SINGLETON, "ip ssh")
                .code(MenuCodes.IP_SSH)
                .singleValue()
                .property(Property.of("host-key-type", text, null, READ_ONLY))
                .property(Property.of("host-key-fingerprint", text, null, READ_ONLY))
                .property(Property.of("host-key", BytesType.INSTANCE, null, HIDDEN))
                .build());
        s.add(Menu.builder(Menu.Kind.LIST, "user ssh-keys")
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
                            SshPublicKey.parse((String) after[KEY_INDEX]);
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(e.getMessage());
                        }
                    }
                })
                .build());
    }

    /** Removes a user's keys with the user, as RouterOS does. */
    static void removeKeysOf(Transaction tx, int userId) throws ConfigException {
        Menu keys = tx.model().schema().menu("user ssh-keys");
        int owner = keys.property("user").index();
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (var it = tx.model().table(keys).iterator(); it.hasNext(); ) {
            var e = it.next();
            if ((Integer) e.getValue()[owner] == userId) {
                ids.add(e.getKey());
            }
        }
        for (int id : ids) {
            tx.remove(keys, id);
        }
    }

    /** The key of a stored row; rows are checked on the way in, so it parses. */
    private static SshPublicKey key(Object[] row) {
        return SshPublicKey.parse((String) row[KEY_INDEX]);
    }
}
