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
        s.add(Menu.builder(Menu.Kind.LIST, "ip service")
                .code(MenuCodes.IP_SERVICE)
                .nameProperty(Property.of("name", new TextType(32, true), null, READ_ONLY, UNIQUE))
                .property(Property.of("port", new IntType(1, 65535), null))
                .property(Property.of("address", new macserver.config.AddressListType(), List.of()))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("max-sessions", new IntType(1, 1000), 20L))
                .columns("name", "port", "address", "max-sessions")
                .flag('X', "disabled", v -> Boolean.TRUE.equals(v.row()[3]))
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
        s.add(Menu.builder(Menu.Kind.SINGLETON, "ip service certificate")
                .code(MenuCodes.WWW_CERTIFICATE)
                .hidden()
                .property(Property.of("private-key", BytesType.INSTANCE, null, HIDDEN))
                .property(Property.of("certificate", BytesType.INSTANCE, null, HIDDEN))
                .build());
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
        row[services.property("name").index()] = name;
        row[services.property("port").index()] = port;
        row[services.property("disabled").index()] = disabled;
        tx.setRow(services, id, row);
    }
}
