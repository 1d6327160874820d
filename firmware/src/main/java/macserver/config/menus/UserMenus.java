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
import macserver.config.Slot;
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
        Menu users = s.add(Menu.builder(Menu.Kind.LIST, "user")
                .code(MenuCodes.USER)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("group", new ReferenceType(() -> s.menu("user group")), null, REQUIRED))
                .property(Property.of("password", new TextType(256, false), null, WRITE_ONLY))
                .property(Property.of("disabled", BoolType.INSTANCE, false))
                .property(Property.of("comment", new TextType(255, false), null))
                .property(Property.of("credentials", BytesType.INSTANCE, null, HIDDEN))
                .property(Property.of("allow-md5-login", BoolType.INSTANCE, false))
                .columns("name", "group")
                .flag('X', "disabled", v -> UserRow.disabled(v.row()))
                .rules(new UserRules())
                .build());
        UserRow.bind(users);
        Menu groups = s.add(Menu.builder(Menu.Kind.LIST, "user group")
                .code(MenuCodes.USER_GROUP)
                .nameProperty(Property.of("name", new TextType(64, true), null, REQUIRED, UNIQUE))
                .property(Property.of("policy", new ChoiceListType(POLICIES.toArray(String[]::new)), READ_POLICIES))
                .property(Property.of("comment", new TextType(255, false), null))
                .columns("name", "policy")
                .flag('*', "builtin", v -> BUILTIN_GROUPS.contains(GroupRow.name(v.row())))
                .builtin(row -> BUILTIN_GROUPS.contains(GroupRow.name(row)))
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
                        for (var it = tx.model().table(users).iterator(); it.hasNext(); ) {
                            if (UserRow.group(it.next().getValue()) == id) {
                                throw new ConfigException("failure: group is in use");
                            }
                        }
                    }
                })
                .build());
        GroupRow.bind(groups);
    }

    /** Whether some enabled user's group has the {@code policy} right. Call with the model locked. */
    static boolean hasEnabledPolicyUser(macserver.config.ConfigModel model) {
        Menu users = model.schema().menu("user");
        Menu groups = model.schema().menu("user group");
        for (var it = model.table(users).iterator(); it.hasNext(); ) {
            Object[] u = it.next().getValue();
            Object[] group = model.table(groups).get(UserRow.group(u));
            if (!UserRow.disabled(u) && group != null && GroupRow.policy(group).contains("policy")) {
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
            int password = UserRow.PASSWORD.index();
            int credentials = UserRow.CREDENTIALS.index();
            String n = UserRow.name(after);
            if (n.indexOf('+') >= 0 || n.indexOf('*') >= 0) {
                throw new ConfigException("invalid value for argument name");
            }
            Object[] row = after.clone();
            String pw = UserRow.PASSWORD.get(row);
            boolean wantsMd5 = UserRow.allowMd5Login(row);
            boolean hadMd5 = before != null && UserRow.allowMd5Login(before);
            if (pw != null) {
                Credentials c = Credentials.forPassword(n, pw.toCharArray());
                if (wantsMd5) {
                    byte[] key = SystemMenus.deviceKey(tx.model());
                    c = c.withLegacyMd5Secret(macserver.auth.LegacySecretBox.seal(key,
                            pw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                row[credentials] = c.encode();
                row[password] = null;
            } else if (before == null) {
                if (wantsMd5) {
                    throw new ConfigException("failure: allow-md5-login=yes needs the password in the same command");
                }
                row[credentials] = Credentials.forPassword(n, new char[0]).encode();
            } else if (wantsMd5 && !hadMd5) {
                // The MD5 login needs the password itself, which only the command that sets it has.
                throw new ConfigException("failure: allow-md5-login=yes needs the password in the same command");
            } else if (!wantsMd5 && hadMd5) {
                try {
                    row[credentials] = Credentials.decode(UserRow.credentials(row))
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

    /** Rows of {@code /user}. */
    public static final class UserRow {
        public static final Slot<String> NAME = Slot.of("name", String.class);
        public static final Slot<Integer> GROUP = Slot.of("group", Integer.class);
        /** Only between a command and the rules that turn it into credentials; never stored. */
        public static final Slot<String> PASSWORD = Slot.of("password", String.class);
        public static final Slot<Boolean> DISABLED = Slot.of("disabled", Boolean.class);
        public static final Slot<byte[]> CREDENTIALS = Slot.of("credentials", byte[].class);
        public static final Slot<Boolean> ALLOW_MD5_LOGIN = Slot.of("allow-md5-login", Boolean.class);

        private UserRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, NAME, GROUP, PASSWORD, DISABLED, CREDENTIALS, ALLOW_MD5_LOGIN);
        }

        public static String name(Object[] row) { return NAME.get(row); }
        /** The id of its group in {@code /user group}. */
        public static int group(Object[] row) { return GROUP.get(row); }
        public static boolean disabled(Object[] row) { return DISABLED.isTrue(row); }
        /** The encoded {@link Credentials}, or null. */
        public static byte[] credentials(Object[] row) { return CREDENTIALS.get(row); }
        public static boolean allowMd5Login(Object[] row) { return ALLOW_MD5_LOGIN.isTrue(row); }
    }

    /** Rows of {@code /user group}. */
    public static final class GroupRow {
        public static final Slot<String> NAME = Slot.of("name", String.class);
        public static final Slot<List<String>> POLICY = Slot.strings("policy");

        private GroupRow() {
        }

        static void bind(Menu m) {
            Slot.bind(m, NAME, POLICY);
        }

        public static String name(Object[] row) { return NAME.get(row); }
        /** Its rights, names from {@link UserMenus#POLICIES}. */
        public static List<String> policy(Object[] row) { return POLICY.get(row); }
    }
}
