package macserver.config.menus;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.READ_ONLY;
import static macserver.config.Property.Flag.UNIQUE;

import java.util.List;
import macserver.config.BoolType;
import macserver.config.BytesType;
import macserver.config.ConfigException;
import macserver.config.IntType;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.Property;
import macserver.config.Schema;
import macserver.config.Slot;
import macserver.config.TextType;
import macserver.config.Transaction;

/**
 * {@code /ip service} (the web services {@code www} and {@code www-ssl} that carry the REST API,
 * and {@code ssh}, {@code api} and {@code api-ssl} that carry the RouterOS API) and the hidden store of the
 * www-ssl key and certificate made at first boot (api-ssl uses the same).
 */
public final class ServiceMenus {
    /** Fixed ids of the built-in services (3 is left to ssh, which another change adds). */
    public static final int WWW_ID = 1;
    public static final int WWW_SSL_ID = 2;
    public static final int SSH_ID = 3;
    public static final int API_ID = 4;
    public static final int API_SSL_ID = 5;

    private ServiceMenus() {
    }

    static void register(Schema s) {
        Menu services = s.add(Menu.builder(Menu.Kind.LIST, "ip service")
                .code(MenuCodes.IP_SERVICE)
                .nameProperty(Property.of("name", new TextType(32, true), null, READ_ONLY, UNIQUE))
                .property(Property.of("port", new IntType(1, 65535), null))
                .property(Property.of("address", new macserver.config.AddressListType(), List.of()))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("max-sessions", new IntType(1, 1000), 20L))
                .columns("name", "port", "address", "max-sessions")
                .flag('X', "disabled", v -> ServiceRow.disabled(v.row()))
                .builtin(row -> true)
                .rules(new MenuRules() {
                    @Override
                    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after)
                            throws ConfigException {
                        if (before == null) {
                            throw new ConfigException("failure: can not add service");
                        }
                    }
                })
                .build());
        ServiceRow.bind(services);
        Menu certificate = s.add(Menu.builder(Menu.Kind.SINGLETON, "ip service certificate")
                .code(MenuCodes.WWW_CERTIFICATE)
                .hidden()
                .property(Property.of("private-key", BytesType.INSTANCE, null, HIDDEN))
                .property(Property.of("certificate", BytesType.INSTANCE, null, HIDDEN))
                .build());
        CertificateRow.bind(certificate);
    }

    /**
     * Adds www (port 80), www-ssl (443), ssh (22), api (8728) and api-ssl (8729) where missing. The
     * plain-text ones (www, api) start disabled, unlike on RouterOS, because they carry passwords in clear.
     */
    static void addMissing(Transaction tx) {
        Menu services = tx.model().schema().menu("ip service");
        add(tx, services, WWW_ID, "www", 80L, true);
        add(tx, services, WWW_SSL_ID, "www-ssl", 443L, false);
        add(tx, services, SSH_ID, "ssh", 22L, false);
        add(tx, services, API_ID, "api", 8728L, true);
        add(tx, services, API_SSL_ID, "api-ssl", 8729L, false);
    }

    private static void add(Transaction tx, Menu services, int id, String name, long port, boolean disabled) {
        if (tx.model().table(services).get(id) != null) {
            return;
        }
        Object[] row = services.defaultRow();
        row[ServiceRow.NAME.index()] = name;
        row[ServiceRow.PORT.index()] = port;
        row[ServiceRow.DISABLED.index()] = disabled;
        tx.setRow(services, id, row);
    }

    /** Rows of {@code /ip service}. */
    public static final class ServiceRow {
        public static final Slot<String> NAME = Slot.of("name", String.class);
        public static final Slot<Long> PORT = Slot.of("port", Long.class);
        public static final Slot<List<String>> ADDRESS = Slot.strings("address");
        public static final Slot<Boolean> DISABLED = Slot.of("disabled", Boolean.class);
        public static final Slot<Long> MAX_SESSIONS = Slot.of("max-sessions", Long.class);

        private ServiceRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, NAME, PORT, ADDRESS, DISABLED, MAX_SESSIONS);
        }

        public static String name(Object[] row) { return NAME.get(row); }
        public static int port(Object[] row) { return PORT.get(row).intValue(); }
        /** The client addresses or prefixes it accepts; empty for any. */
        public static List<String> address(Object[] row) { return ADDRESS.get(row); }
        public static boolean disabled(Object[] row) { return DISABLED.isTrue(row); }
        public static int maxSessions(Object[] row) { return MAX_SESSIONS.get(row).intValue(); }

        /** Whether a change moved the port or turned the service on or off (what needs a new listener). */
        public static boolean listenerChanged(Object[] before, Object[] after) {
            return PORT.differs(before, after) || DISABLED.differs(before, after);
        }
    }

    /** The row of the hidden singleton {@code /ip service certificate}: www-ssl's (and api-ssl's) key and certificate. */
    public static final class CertificateRow {
        public static final Slot<byte[]> PRIVATE_KEY = Slot.of("private-key", byte[].class);
        public static final Slot<byte[]> CERTIFICATE = Slot.of("certificate", byte[].class);

        private CertificateRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, PRIVATE_KEY, CERTIFICATE);
        }

        /** PKCS#8, or null before first boot made it. */
        public static byte[] privateKey(Object[] row) { return PRIVATE_KEY.get(row); }
        /** X.509 DER, or null before first boot made it. */
        public static byte[] certificate(Object[] row) { return CERTIFICATE.get(row); }
    }
}
