package macserver.users;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import macserver.auth.Credentials;
import macserver.auth.CredentialsFormatException;
import macserver.auth.LegacySecretBox;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.SystemMenus;
import macserver.config.menus.UserMenus.GroupRow;
import macserver.config.menus.UserMenus.UserRow;

/**
 * The local users as of the last change to {@code /user}, {@code /user group} or the device key,
 * in an immutable snapshot a change listener swaps in. Logins on the MAC server run under the
 * server's lock on the receive thread: they read this instead of taking the model's read lock,
 * which a commit (and a checkpoint inside it) may hold for long.
 */
public final class UserDirectory implements ChangeListener {

    /**
     * One user: the stored credentials, the policies of its group, and the sealed MD5 secret
     * when {@code allow-md5-login} is on (opened only at a login that needs it).
     */
    public record Entry(String name, Credentials credentials, Set<String> policies, boolean disabled,
                        byte[] sealedMd5) {
        /** Enabled, and its group has {@code policy}. */
        public boolean mayUse(String policy) {
            return !disabled && policies.contains(policy);
        }
    }

    private record Snapshot(Map<String, Entry> users, byte[] deviceKey) {}

    private final ConfigModel model;
    private final Menu users;
    private final Menu groups;
    private final Menu device;
    private volatile Snapshot snapshot;

    public UserDirectory(ConfigModel model) {
        this.model = model;
        this.users = model.schema().menu("user");
        this.groups = model.schema().menu("user group");
        this.device = model.schema().menu("system device");
        model.addListener(this);
        model.readLocked(this::rebuild);
    }

    /** The user named {@code name} (already cut at '+'), or null. Any thread, no lock. */
    public Entry find(String name) {
        return snapshot.users.get(name);
    }

    /** The MD5 secret of {@code e} in the clear, or null when it has none (or it cannot be opened). */
    public byte[] openMd5(Entry e) {
        byte[] key = snapshot.deviceKey;
        return e.sealedMd5() == null || key == null ? null : LegacySecretBox.open(key, e.sealedMd5());
    }

    @Override
    public void committed(List<Change> changes, Origin origin) {
        for (Change c : changes) {
            if (c.menu() == users || c.menu() == groups || c.menu() == device) {
                rebuild();
                return;
            }
        }
    }

    /** Runs with the model locked (listener or readLocked). */
    private void rebuild() {
        Map<Integer, Set<String>> policies = new HashMap<>();
        for (var it = model.table(groups).iterator(); it.hasNext(); ) {
            var g = it.next();
            Set<String> set = new HashSet<>();
            for (Object p : GroupRow.policy(g.getValue())) {
                set.add((String) p);
            }
            policies.put(g.getKey(), Set.copyOf(set));
        }
        Map<String, Entry> out = new HashMap<>();
        for (var it = model.table(users).iterator(); it.hasNext(); ) {
            Object[] row = it.next().getValue();
            Credentials c;
            try {
                byte[] stored = UserRow.credentials(row);
                c = stored == null ? null : Credentials.decode(stored);
            } catch (CredentialsFormatException | RuntimeException e) {
                c = null;
            }
            if (c == null) {
                continue; // unreadable credentials: nobody logs in as this user
            }
            byte[] sealed = UserRow.allowMd5Login(row) ? c.legacyMd5Secret().orElse(null) : null;
            String name = UserRow.name(row);
            out.put(name, new Entry(name, c, policies.getOrDefault(UserRow.group(row), Set.of()), UserRow.disabled(row),
                    sealed));
        }
        snapshot = new Snapshot(Map.copyOf(out), SystemMenus.deviceKey(model));
    }
}
