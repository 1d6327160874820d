package macserver.config.menus;

import java.util.List;
import macserver.auth.Credentials;
import macserver.config.BoolType;
import macserver.config.BytesType;
import macserver.config.ChoiceListType;
import macserver.config.ConfigException;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.Property;
import macserver.config.ReferenceType;
import macserver.config.Schema;
import macserver.config.TextType;
import macserver.config.Transaction;

import static macserver.config.Property.Flag.HIDDEN;
import static macserver.config.Property.Flag.REQUIRED;
import static macserver.config.Property.Flag.UNIQUE;
import static macserver.config.Property.Flag.WRITE_ONLY;

/**
 * {@code /user} and {@code /user group}. A password given to add or set never stays in the row:
 * the rules turn it into verifiers ({@link Credentials}) within the same transaction, so only
 * verifiers reach flash.
 */
public final class UserMenus {
    public static final List<String> POLICIES = List.of("local", "telnet", "ssh", "ftp", "reboot", "read", "write",
            "policy", "test", "winbox", "password", "web", "sniff", "sensitive", "api", "romon", "rest-api");
    static final List<String> READ_POLICIES = List.of("local", "telnet", "ssh", "reboot", "read", "test", "winbox",
            "password", "web", "sniff", "sensitive", "api", "romon", "rest-api");
    static final List<String> BUILTIN_GROUPS = List.of("read", "write", "full");

    private UserMenus() {
    }

    static void register(Schema s) {
        s.add(Menu.builder(Menu.Kind.LIST, "user")
                .code(MenuCodes.USER)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("group", new ReferenceType(() -> s.menu("user group")), null, REQUIRED))
                .property(Property.of("password", new TextType(256, false), null, WRITE_ONLY))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .property(Property.of("credentials", BytesType.INSTANCE, null, HIDDEN))
                .property(Property.of("allow-md5-login", BoolType.INSTANCE, false))
                .columns("name", "group")
                .flag('X', "disabled", v -> Boolean.TRUE.equals(v.row()[3]))
                .rules(new UserRules())
                .build());
        s.add(Menu.builder(Menu.Kind.LIST, "user group")
                .code(MenuCodes.USER_GROUP)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("policy", new ChoiceListType(POLICIES.toArray(String[]::new)), READ_POLICIES))
                .property(Property.of("comment", new TextType(255, false), null))
                .columns("name", "policy")
                .flag('*', "builtin", v -> BUILTIN_GROUPS.contains(v.row()[0]))
                .builtin(row -> BUILTIN_GROUPS.contains(row[0]))
                .rules(new MenuRules() {
                    @Override
                    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
                        if (before != null && menu.isBuiltin(before) && tx.origin() != macserver.config.Origin.SYSTEM) {
                            throw new ConfigException("failure: can not change built-in group");
                        }
                    }

                    @Override
                    public void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
                        Menu users = tx.model().schema().menu("user");
                        int g = users.property("group").index();
                        for (var it = tx.model().table(users).iterator(); it.hasNext(); ) {
                            if (((Integer) it.next().getValue()[g]) == id) {
                                throw new ConfigException("failure: group is in use");
                            }
                        }
                    }
                })
                .build());
    }

    /** Whether some enabled user's group has the {@code policy} right. Call with the model locked. */
    static boolean hasEnabledPolicyUser(macserver.config.ConfigModel model) {
        Menu users = model.schema().menu("user");
        Menu groups = model.schema().menu("user group");
        int g = users.property("group").index();
        int disabled = users.property("disabled").index();
        int policy = groups.property("policy").index();
        for (var it = model.table(users).iterator(); it.hasNext(); ) {
            Object[] u = it.next().getValue();
            Object[] group = model.table(groups).get((Integer) u[g]);
            if (!Boolean.TRUE.equals(u[disabled]) && group != null && ((List<?>) group[policy]).contains("policy")) {
                return true;
            }
        }
        return false;
    }

    /** The name part of a user name, without RouterOS {@code +options}. */
    public static String baseName(String login) {
        int plus = login.indexOf('+');
        return plus < 0 ? login : login.substring(0, plus);
    }

    private static final class UserRules implements MenuRules {
        @Override
        public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
            Property name = menu.property("name");
            Property password = menu.property("password");
            Property credentials = menu.property("credentials");
            String n = (String) after[name.index()];
            if (n.indexOf('+') >= 0 || n.indexOf('*') >= 0) {
                throw new ConfigException("invalid value for argument name");
            }
            Property md5 = menu.property("allow-md5-login");
            Object[] row = after.clone();
            String pw = (String) row[password.index()];
            boolean wantsMd5 = Boolean.TRUE.equals(row[md5.index()]);
            boolean hadMd5 = before != null && Boolean.TRUE.equals(before[md5.index()]);
            if (pw != null) {
                Credentials c = Credentials.forPassword(n, pw.toCharArray());
                if (wantsMd5) {
                    byte[] key = SystemMenus.deviceKey(tx.model());
                    c = c.withLegacyMd5Secret(macserver.auth.LegacySecretBox.seal(key,
                            pw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                row[credentials.index()] = c.encode();
                row[password.index()] = null;
            } else if (before == null) {
                if (wantsMd5) {
                    throw new ConfigException("failure: allow-md5-login=yes needs the password in the same command");
                }
                row[credentials.index()] = Credentials.forPassword(n, new char[0]).encode();
            } else if (wantsMd5 && !hadMd5) {
                // The MD5 login needs the password itself, which only the command that sets it has.
                throw new ConfigException("failure: allow-md5-login=yes needs the password in the same command");
            } else if (!wantsMd5 && hadMd5) {
                try {
                    row[credentials.index()] = Credentials.decode((byte[]) row[credentials.index()])
                            .withLegacyMd5Secret(null).encode();
                } catch (macserver.auth.CredentialsFormatException e) {
                    throw new ConfigException("failure: stored credentials of " + n + " unreadable");
                }
            }
            if (!java.util.Arrays.equals(row, after)) {
                tx.setRow(menu, id, row);
            }
            checkFullUserRemains(tx, menu);
        }

        @Override
        public void beforeRemove(Transaction tx, Menu menu, int id, Object[] row) throws ConfigException {
            tx.setRow(menu, id, null);
            try {
                checkFullUserRemains(tx, menu);
            } finally {
                tx.setRow(menu, id, row);
            }
            SshMenus.removeKeysOf(tx, id);
        }

        /** There is always at least one enabled user of a group with the policy right. */
        private static void checkFullUserRemains(Transaction tx, Menu users) throws ConfigException {
            if (!hasEnabledPolicyUser(tx.model())) {
                throw new ConfigException("failure: at least one enabled user with full rights must remain");
            }
        }
    }
}
