package macserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.api.ApiServer;
import macserver.auth.NettlePbkdf2;
import macserver.auth.PasswordHash;
import macserver.board.BoardProfile;
import macserver.cli.ModelCliSessions;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.ConfigStorage;
import macserver.config.Origin;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.console.Console;
import macserver.console.ConsoleOptions;
import macserver.console.Consoles;
import macserver.fleet.FleetBindings;
import macserver.fleet.FleetOptions;
import macserver.macplane.MacServerPlane;
import macserver.mqtt.ManagementEvents;
import macserver.mqtt.MqttService;
import macserver.nft.NftProgram;
import macserver.nft.NftSync;
import macserver.policy.BindingExpiry;
import macserver.rest.RestServer;
import macserver.rest.WwwCertificate;
import macserver.service.ServiceListeners;
import macserver.ssh.SshService;
import macserver.store.FileFlash;
import macserver.store.FlashGeometry;
import macserver.store.StoreOptions;
import macserver.system.ConfigHistory;
import macserver.system.StoreHealth;
import macserver.system.SystemStatus;
import macserver.users.UserLoginService;

/**
 * The firmware's main: reads the board profile, mounts the flash store into the configuration
 * model (factory defaults on a blank flash), and starts the console.
 */
public final class Firmware {
    private static final Logger LOG = Logger.getLogger(Firmware.class.getName());
    /** How often the nftables sets are compared with the bindings when nothing changes (hand edits). */
    private static final long NFT_CHECK_SECONDS = 30;

    private Firmware() {
    }

    public static String version() {
        String v = Firmware.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "macserver: %4$s: %5$s%6$s%n");
        for (java.util.logging.Handler h : Logger.getLogger("").getHandlers()) {
            h.setFormatter(new macserver.display.EscapingLogFormatter());
        }
        FirmwareOptions options;
        BoardProfile board;
        try {
            options = FirmwareOptions.parse(args);
            board = BoardProfile.load(options.board());
        } catch (RuntimeException e) {
            System.err.println("macserver: " + e.getMessage());
            System.err.println(FirmwareOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.exit(run(options, board));
        } catch (IOException | ConfigException e) {
            LOG.log(Level.SEVERE, "cannot start: " + e.getMessage(), e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private static int run(FirmwareOptions options, BoardProfile board) throws IOException, ConfigException, InterruptedException {
        board.pbkdf2Library().ifPresent(Firmware::usePbkdf2Library);
        LiveStatus live = new LiveStatus();
        ConfigModel model = new ConfigModel(StandardSchema.create(live), () -> System.currentTimeMillis() / 1000);
        Path flashPath = options.flash().toAbsolutePath();
        Files.createDirectories(flashPath.getParent());
        var geometry = board.flash();
        FileFlash flash = FileFlash.open(flashPath, new FlashGeometry(geometry.pageBytes(), geometry.eraseBlockBytes(),
                (int) geometry.eraseBlocks()), true);
        long mountStart = System.nanoTime();
        ConfigStorage storage = ConfigStorage.mount(model, flash, StoreOptions.defaults());
        LOG.info(String.format("flash %s mounted in %d ms", flashPath, (System.nanoTime() - mountStart) / 1_000_000));
        java.util.List<String> restored = java.util.List.of();
        if (model.isFactoryBlank()) {
            FactoryDefaults.apply(model);
        } else {
            // Flash written before a menu existed (e.g. /ip service) gets that menu's defaults;
            // damaged flash gets back its built-in groups and a way to admin from the console.
            restored = model.write(Origin.SYSTEM, tx -> {
                FactoryDefaults.apply(tx, false);
                return FactoryDefaults.restoreAccess(tx);
            });
        }
        storage.checkpointInBackground();
        StoreHealth health = StoreHealth.of(model, storage.damage(), flash.missingBytes(), restored, storage::stats);
        health.log();
        live.report(health);
        SystemStatus status = new SystemStatus(board, version(), () -> storage.stats().freeBytes());
        ConfigHistory history = new ConfigHistory(model::now);
        model.addListener(history);
        live.report(new LiveStatus.SystemFigures() {
            @Override public List<Object[]> interfaces() { return SystemStatus.interfaces(); }
            @Override public List<Object[]> resource() { return status.resource(); }
            @Override public List<Object[]> routerboard() { return status.routerboard(); }
            @Override public List<Object[]> packages() { return status.packages(); }
            @Override public List<Object[]> history() { return history.rows(); }
        });
        BindingExpiry expiry = new BindingExpiry(model);
        expiry.start();
        NftSync nftSync = new NftSync(model, live, new NftProgram(java.util.List.of("nft")));
        nftSync.start(NFT_CHECK_SECONDS);

        ModelCliSessions cli = new ModelCliSessions(model, version());
        UserLoginService logins = new UserLoginService(model);
        MacServerPlane macServer = new MacServerPlane(model, board, version(), cli, logins, live);
        ManagementEvents events = new ManagementEvents(model);
        model.addListener(events);
        macServer.reportTo(events);
        // The broker connection runs on its own threads: a broker that is down never holds up
        // the console or MAC-Telnet.
        MqttService mqtt = new MqttService(model, cli, live, events, version(), board.model(),
                (link, prefix, group, clientId) -> FleetBindings.start(model, link, FleetOptions.defaults(prefix, group, clientId)));
        mqtt.start();

        WwwCertificate certificate = WwwCertificate.loadOrCreate(model, "macserver");
        RestServer rest = new RestServer(model, logins, certificate,
                RestServer.Options.defaults(options.restListen(), options.restPortShift()));
        rest.start();
        // SSH shares the REST listen address and port shift: `make run` puts it on 127.0.0.1:8022.
        SshService ssh = new SshService(model, cli, logins,
                SshService.Options.defaults(options.restListen(), options.restPortShift()));
        ssh.start();
        // The RouterOS API listens where REST does, with the same port shift (8728 -> 16728 in make run).
        ServiceListeners api = ApiServer.create(model, logins, certificate,
                ApiServer.Options.defaults(options.restListen(), options.restPortShift()));
        api.start();
        settleHeap();
        macServer.start(dataPathInterfaces(options, board));

        ConsoleOptions consoleOptions = consoleOptions(options, board);
        Console console = Consoles.start(consoleOptions, cli, logins);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.stop();
            rest.close();
            ssh.close();
            api.close();
            mqtt.close();
            macServer.close();
            expiry.close();
            nftSync.close();
            try {
                storage.close();
                flash.close();
            } catch (IOException e) {
                LOG.warning("closing flash: " + e.getMessage());
            }
        }, "shutdown"));
        console.awaitEnd();
        return 0;
    }

    /**
     * One full collection once every plane is up and before the data path answers. What start-up
     * leaves alive (the mount's tables, Netty's, MINA SSHD's and JLine's objects: about 5 MB with
     * 1,000,000 bindings) would otherwise be copied between the survivor spaces by each young
     * collection until it is old enough to promote, up to 15 times: 5 to 9 ms per young pause in
     * the first minutes of traffic, seen in the checkpoint benchmark's GC log. The one pause here
     * comes before any frame is answered.
     */
    private static void settleHeap() {
        long start = System.nanoTime();
        System.gc();
        LOG.fine(() -> String.format("heap settled in %d ms", (System.nanoTime() - start) / 1_000_000));
    }

    /**
     * The interfaces the MAC server answers on: those given with --interfaces, else the board's
     * that exist here. On the host the board's names (ether1...) exist only inside the lab, so
     * `make run` never touches the machine's own interfaces.
     */
    /** Before anything hashes a password (factory defaults on a blank flash do). */
    private static void usePbkdf2Library(String library) {
        try {
            PasswordHash.use(NettlePbkdf2.load(library));
            LOG.info("password hashes computed by " + library);
        } catch (IllegalStateException e) {
            // Logins still work with the JDK's, only slowly: a VM that interprets takes minutes.
            LOG.warning("password hashes stay with the JDK's PBKDF2, slow on this VM: " + e.getMessage());
        }
    }

    private static java.util.List<String> dataPathInterfaces(FirmwareOptions options, BoardProfile board) {
        if (options.interfaces() != null) {
            return options.interfaces();
        }
        java.util.List<String> present = new java.util.ArrayList<>();
        for (String name : board.interfaces()) {
            try {
                if (java.net.NetworkInterface.getByName(name) != null) {
                    present.add(name);
                }
            } catch (java.net.SocketException e) {
                LOG.fine("interface " + name + ": " + e.getMessage());
            }
        }
        return present;
    }

    private static ConsoleOptions consoleOptions(FirmwareOptions options, BoardProfile board) {
        String device = options.console() != null ? options.console() : board.console().device();
        String speed = options.speed() != null ? options.speed()
                : board.console().speed().isPresent() ? Integer.toString(board.console().speed().getAsInt()) : null;
        return ConsoleOptions.parse(device, speed);
    }
}
