package macserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import macserver.cli.CliSessions;
import macserver.cli.Permissions;
import macserver.config.Change;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.IotMenus;
import macserver.config.menus.IotMenus.AgentRow;
import macserver.config.menus.IotMenus.BrokerRow;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.SystemMenus;
import macserver.json.JsonObject;

/**
 * The router's MQTT side as the firmware runs it: follows {@code /iot mqtt agent} and
 * {@code /iot mqtt brokers} live (connect, leave, reconnect with new settings), runs the
 * management agent, sends events, and keeps the retained state summary current (at most every
 * {@link #STATE_INTERVAL_MS}), and takes part in the agent's fleet group (fleet bindings share
 * this one connection). Everything runs on its own threads: a broker that is down never
 * holds up the console or the MAC server.
 */
public final class MqttService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MqttService.class.getName());
    static final long STATE_INTERVAL_MS = 5_000;

    /** What the connection and agent depend on; a change of it reconnects. */
    private record Wanted(BrokerSettings broker, AgentTopics topics, Fleet fleet, String fleetPrefix) {}

    /** The fleet group to join, under a topic prefix all its routers share; null fields: no group. */
    private record Fleet(String prefix, String group) {}

    private final ConfigModel model;
    private final CliSessions cli;
    private final LiveStatus live;
    private final ManagementEvents events;
    private final String version;
    private final String board;
    private final long startMillis = System.currentTimeMillis();
    private final PahoLink link;
    private final AnsweredRequests answered;
    private final Object wake = new Object();
    private final Thread thread;
    private boolean configDue = true;
    private boolean stateDue = true;
    private volatile boolean closed;
    private Wanted applied;
    private ManagementAgent agent;
    private final FleetMembership.Joiner fleets;
    private FleetMembership fleet;
    private long lastState;

    public MqttService(ConfigModel model, CliSessions cli, LiveStatus live, ManagementEvents events, String version,
                       String board, FleetMembership.Joiner fleets) {
        this.model = model;
        this.fleets = fleets;
        this.cli = cli;
        this.live = live;
        this.events = events;
        this.version = version;
        this.board = board;
        this.link = new PahoLink();
        this.answered = new AnsweredRequests(model);
        events.onStateChange(() -> due(false));
        model.addListener(this::committed);
        this.thread = Thread.ofPlatform().daemon().name("mqtt-service").unstarted(this::run);
    }

    /** The broker connection, for other features (fleet bindings) to share. */
    public MqttLink link() {
        return link;
    }

    public boolean isConnected() {
        return link.isConnected();
    }

    public void start() {
        thread.start();
    }

    private void committed(List<Change> changes, Origin origin) {
        for (Change c : changes) {
            List<String> path = c.menu().path();
            if (c.menu().isHidden()) {
                continue;
            }
            if (path.get(0).equals("iot") || path.get(0).equals("user") || path.equals(List.of("system", "device"))) {
                due(true);
                return;
            }
        }
    }

    private void due(boolean config) {
        synchronized (wake) {
            if (config) {
                configDue = true;
            } else {
                stateDue = true;
            }
            wake.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            boolean config;
            boolean state;
            synchronized (wake) {
                try {
                    wake.wait(1000);
                } catch (InterruptedException e) {
                    return;
                }
                config = configDue;
                configDue = false;
                state = stateDue && System.currentTimeMillis() - lastState >= STATE_INTERVAL_MS;
                if (state) {
                    stateDue = false;
                }
            }
            try {
                if (config) {
                    apply(model.read(this::wanted));
                }
                if (state && applied != null) {
                    lastState = System.currentTimeMillis();
                    link.publish(applied.topics().state(), StateSummary.of(model), 1, true);
                }
            } catch (RuntimeException e) {
                LOG.warning("mqtt: " + e);
            }
        }
    }

    private void apply(Wanted w) {
        if (Objects.equals(w, applied)) {
            return;
        }
        if (agent != null) {
            agent.stop();
            agent = null;
        }
        leaveFleet();
        events.attach(null, null);
        applied = w;
        if (w == null) {
            link.configure(null);
            LOG.info("mqtt: agent off");
            return;
        }
        AgentTopics topics = w.topics();
        link.configure(new LinkSettings(w.broker(), topics.status(), this::birth, status("offline")));
        agent = new ManagementAgent(link, cli, topics, w.fleetPrefix(),
                this::agentUser, name -> Permissions.of(model, name), answered);
        agent.start();
        events.attach(link, topics);
        joinFleet(w);
        due(false);
        LOG.info("mqtt: agent on " + w.broker() + " under " + topics.prefix());
    }

    private void joinFleet(Wanted w) {
        if (w.fleet().group() == null) {
            return;
        }
        try {
            fleet = fleets.join(link, w.fleet().prefix(), w.fleet().group(), w.broker().clientId());
            live.report(fleet::statusRows);
            LOG.info("mqtt: fleet group " + w.fleet().group() + " under " + w.fleet().prefix());
        } catch (RuntimeException e) {
            LOG.warning("mqtt: cannot join fleet group " + w.fleet().group() + ": " + e.getMessage());
        }
    }

    /** Leaving keeps the fleet's entries and bindings: they are this router's until the group says otherwise. */
    private void leaveFleet() {
        if (fleet != null) {
            live.report((LiveStatus.FleetFigures) List::of);
            fleet.close();
            fleet = null;
        }
    }

    /** The settings the configuration asks for now; null when the agent is off or has no usable broker. */
    private Wanted wanted() {
        Menu agentMenu = model.schema().menu("iot mqtt agent");
        Object[] a = model.table(agentMenu).get(1);
        if (!AgentRow.enabled(a)) {
            return null;
        }
        Integer brokerId = AgentRow.broker(a);
        Menu brokers = model.schema().menu("iot mqtt brokers");
        Object[] b = brokerId == null ? null : model.table(brokers).get(brokerId);
        if (b == null) {
            LOG.warning("mqtt: agent enabled without a broker");
            return null;
        }
        String clientId = BrokerRow.clientId(b);
        if (clientId == null || clientId.isEmpty()) {
            byte[] id = SystemMenus.deviceIdentifier(model, "mqtt client-id", 6);
            clientId = "macserver-" + (id == null ? "0" : HexFormat.of().formatHex(id));
        }
        String prefix = AgentRow.topicPrefix(a);
        AgentTopics topics;
        try {
            topics = new AgentTopics(prefix == null || prefix.isEmpty() ? "macserver/" + clientId : prefix);
        } catch (IllegalArgumentException e) {
            LOG.warning("mqtt: " + e.getMessage());
            return null;
        }
        BrokerSettings broker = new BrokerSettings(BrokerRow.address(b), BrokerRow.port(b), BrokerRow.ssl(b),
                BrokerRow.caCertificate(b), BrokerRow.username(b), IotMenus.brokerPassword(model, b), clientId,
                BrokerRow.keepAliveSeconds(b));
        String group = AgentRow.fleetGroup(a);
        String fleetPrefix = AgentRow.fleetPrefix(a);
        Fleet fleetWanted = group == null || group.isEmpty() ? new Fleet(null, null) : new Fleet(fleetPrefix, group);
        return new Wanted(broker, topics, fleetWanted, fleetPrefix);
    }

    private String agentUser() {
        return model.read(() -> {
            Menu agentMenu = model.schema().menu("iot mqtt agent");
            Integer id = AgentRow.user(model.table(agentMenu).get(1));
            return id == null ? null : model.nameById(model.schema().menu("user"), id);
        });
    }

    private byte[] birth() {
        return status("online");
    }

    private byte[] status(String state) {
        JsonObject o = new JsonObject();
        o.put("state", state);
        if (state.equals("online")) {
            o.put("identity", cli.identity());
        }
        o.put("version", version);
        o.put("board", board);
        if (state.equals("online")) {
            o.put("uptime", (System.currentTimeMillis() - startMillis) / 1000);
            o.put("time", model.now());
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leaveFleet();
        link.close();
    }
}
