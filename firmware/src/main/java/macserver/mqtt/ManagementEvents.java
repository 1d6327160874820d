package macserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import macserver.config.Change;
import macserver.config.ChangeListener;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.config.Property;
import macserver.config.menus.MacServerMenus.BindingRow;
import macserver.json.JsonObject;

/**
 * The router's events on {@code <prefix>/event/<type>} (QoS 1, not retained): MAC-Telnet sessions
 * opened and closed, failed logins and lockouts, bindings added, removed and expired, and other
 * configuration changes with who made them and through which plane. Events are rate-limited (a
 * bulk import must not flood the broker); a transaction with many changes is one summary event.
 * Without an attached link (agent off) events are dropped.
 */
public final class ManagementEvents implements ChangeListener {
    /** Changes in one transaction above which one summary event stands for them. */
    static final int DETAILED_CHANGES = 16;
    private static final String BINDINGS = "ip mac-server binding";

    private record Target(MqttLink link, AgentTopics topics) {}

    private final ConfigModel model;
    private final EventRate rate;
    private volatile Target target;
    private volatile Runnable stateChanged = () -> { };

    public ManagementEvents(ConfigModel model) {
        this(model, System::nanoTime, 100, 1000);
    }

    ManagementEvents(ConfigModel model, LongSupplier nanos, int perSecond, int burst) {
        this.model = model;
        this.rate = new EventRate(nanos, perSecond, burst);
    }

    /** Sends events through {@code link} under {@code topics} from now on (null: drop them). */
    public void attach(MqttLink link, AgentTopics topics) {
        target = link == null ? null : new Target(link, topics);
    }

    /** Told when bindings or servers changed (the retained state summary is then due). */
    void onStateChange(Runnable r) {
        stateChanged = r;
    }

    public void sessionOpened(Plane plane, String user, String client, String server) {
        emit("session", fields("action", "opened", "plane", planeName(plane), "user", user, "client", client,
                "server", server));
    }

    public void sessionClosed(Plane plane, String user, String client, String server) {
        emit("session", fields("action", "closed", "plane", planeName(plane), "user", user, "client", client,
                "server", server));
    }

    /** A failed login from {@code client}; {@code lockedOut} when it caused a lockout. */
    public void loginFailed(Plane plane, String client, String server, boolean lockedOut) {
        emit("login", fields("action", lockedOut ? "locked-out" : "failed", "plane", planeName(plane),
                "client", client, "server", server));
    }

    @Override
    public void committed(List<Change> changes, Origin origin) {
        boolean state = false;
        for (Change c : changes) {
            String path = String.join(" ", c.menu().path());
            state |= path.equals(BINDINGS) || path.equals("ip mac-server");
        }
        if (state) {
            stateChanged.run();
        }
        if (target == null) {
            return;
        }
        if (changes.size() > DETAILED_CHANGES) {
            summary(changes, origin);
            return;
        }
        for (Change c : changes) {
            if (c.menu().isHidden()) {
                continue;
            }
            if (String.join(" ", c.menu().path()).equals(BINDINGS)) {
                binding(c, origin);
            } else {
                Map<String, Object> f = fields("menu", "/" + String.join("/", c.menu().path()),
                        "action", c.isAdd() ? "added" : c.isRemove() ? "removed" : "changed",
                        "id", "*" + Integer.toHexString(c.id()).toUpperCase(java.util.Locale.ROOT));
                who(f, origin);
                Property name = c.menu().nameProperty();
                Object[] row = c.after() != null ? c.after() : c.before();
                if (name != null && row[name.index()] != null) {
                    f.put("name", name.type().format(row[name.index()], model));
                }
                emit("config", f);
            }
        }
    }

    private void binding(Change c, Origin origin) {
        Menu m = c.menu();
        Object[] row = c.after() != null ? c.after() : c.before();
        String action;
        if (c.isAdd()) {
            action = "added";
        } else if (c.isRemove()) {
            Long at = BindingRow.expiresAt(row);
            action = origin.equals(Origin.SYSTEM) && at != null && at <= model.now() ? "expired" : "removed";
        } else {
            action = "changed";
        }
        Map<String, Object> f = fields("action", action,
                "mac-address", BindingRow.MAC_ADDRESS.format(m, row, model),
                "server", BindingRow.SERVER.format(m, row, model));
        who(f, origin);
        emit("binding", f);
    }

    private void summary(List<Change> changes, Origin origin) {
        Map<String, int[]> byMenu = new TreeMap<>();
        for (Change c : changes) {
            if (!c.menu().isHidden()) {
                int[] n = byMenu.computeIfAbsent("/" + String.join("/", c.menu().path()), k -> new int[3]);
                n[c.isAdd() ? 0 : c.isRemove() ? 1 : 2]++;
            }
        }
        for (Map.Entry<String, int[]> e : byMenu.entrySet()) {
            Map<String, Object> f = fields("menu", e.getKey(), "added", e.getValue()[0], "removed", e.getValue()[1],
                    "changed", e.getValue()[2]);
            who(f, origin);
            emit(e.getKey().equals("/ip/mac-server/binding") ? "binding" : "config", f);
        }
    }

    private static void who(Map<String, Object> f, Origin origin) {
        f.put("user", origin.user());
        f.put("plane", planeName(origin.plane()));
        if (origin.request() != null) {
            f.put("request", origin.request());
        }
    }

    private static String planeName(Plane p) {
        return p == null ? "system" : p.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private void emit(String type, Map<String, Object> fields) {
        Target t = target;
        if (t == null || !rate.allow()) {
            return;
        }
        JsonObject o = new JsonObject();
        o.put("type", type);
        fields.forEach((k, v) -> {
            if (v instanceof Integer i) {
                o.put(k, i);
            } else {
                o.put(k, v.toString());
            }
        });
        long skipped = rate.takeRefused();
        if (skipped > 0) {
            o.put("dropped-before", skipped);
        }
        o.put("time", model.now());
        t.link().publish(t.topics().event(type), o.toString().getBytes(StandardCharsets.UTF_8), 1, false);
    }
}
