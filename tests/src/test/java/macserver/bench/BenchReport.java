package macserver.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one table of {@code make bench}: every figure the benchmark mains recorded ({@link Figures}),
 * each beside its baseline with the ratio, and issue 9's goals marked met or not met; printed and
 * written with the machine, date and versions to {@code bench/results/<date>.md}.
 *
 * <p>Arguments: the figures file, the repository folder.
 */
public final class BenchReport {
    private final Map<String, Double> f;
    private final List<String> rows = new ArrayList<>();

    private BenchReport(Map<String, Double> figures) {
        this.f = figures;
    }

    public static void main(String[] args) throws Exception {
        Path figures = Path.of(args[0]);
        Path repo = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        BenchReport report = new BenchReport(Figures.read(figures));
        String text = report.header(repo) + report.table();
        System.out.println();
        System.out.println(text);
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Path out = repo.resolve("bench/results/" + now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.out.println("bench: results written to " + repo.relativize(out));
    }

    /** The table alone, for the given figures. */
    static String tableOf(Map<String, Double> figures) {
        return new BenchReport(figures).table();
    }

    private double v(String name) {
        return f.getOrDefault(name, Double.NaN);
    }

    private static String num(double x, String unit) {
        if (Double.isNaN(x)) {
            return "n/a";
        }
        String n = Math.abs(x) >= 100 ? String.format(Locale.ROOT, "%,.0f", x) : String.format(Locale.ROOT, "%.2f", x);
        return unit.isEmpty() ? n : n + " " + unit;
    }

    private static String whole(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%,d", Math.round(x));
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String verdict(double x, boolean met, String goal) {
        return Double.isNaN(x) ? goal + ": not measured" : goal + ": " + (met ? "**met**" : "**not met**");
    }

    private void row(String figure, String value, String baseline, String ratio, String goal) {
        rows.add("| " + figure + " | " + value + " | " + baseline + " | " + ratio + " | " + goal + " |");
    }

    /** A firmware-versus-mactelnetd row of the figure {@code key} (prefixed by each server's name). */
    private void sideBySide(String figure, String key, String unit, String goal) {
        double fw = v("firmware." + key);
        double ref = v("mactelnetd." + key);
        row(figure, num(fw, unit), num(ref, unit) + " (mactelnetd)", ratio(fw, ref), goal);
    }

    String table() {
        rows.add("| figure | this firmware | baseline | ratio | goal (issue 9) |");
        rows.add("|---|---|---|---|---|");
        sideBySide("MAC-Telnet MD5 login, p50", "login.p50-ms", "ms", "");
        double fwP99 = v("firmware.login.p99-ms");
        double refP99 = v("mactelnetd.login.p99-ms");
        sideBySide("MAC-Telnet MD5 login, p99", "login.p99-ms", "ms",
                verdict(fwP99 + refP99, fwP99 <= refP99 / 2, "ratio <= 0.5"));
        sideBySide("logins that succeeded (of 100)", "login.ok", "", "");
        ecSrp5Login();
        double held = v("firmware.hold.sessions");
        sideBySide("sessions held (tried: firmware " + num(v("firmware.hold.tried"), "") + ", mactelnetd "
                + num(v("mactelnetd.hold.tried"), "") + "; host profile, -Xmx256m)", "hold.sessions", "",
                verdict(held, held >= 10_000, "firmware >= 10,000 (issue 19)"));
        sideBySide("  of them still alive after 16 s of keepalives", "hold.still-alive", "", "");
        // PSS, not RSS, for the goal: each mactelnetd shell's RSS counts libc and the shell binary again.
        double fwPss = v("firmware.hold.tree-pss-per-session");
        double refPss = v("mactelnetd.hold.tree-pss-per-session");
        row("PSS added per session (firmware: its JVM; mactelnetd: daemon + session shells, shared pages split)",
                num(fwPss / 1024, "KiB"), num(refPss / 1024, "KiB"), ratio(fwPss, refPss),
                verdict(fwPss + refPss, fwPss * 100 <= refPss, "ratio <= 0.01"));
        row("RSS added per session (same processes; shared pages counted per process)",
                num(v("firmware.hold.tree-rss-per-session") / 1024, "KiB"), num(v("mactelnetd.hold.tree-rss-per-session") / 1024, "KiB"),
                ratio(v("firmware.hold.tree-rss-per-session"), v("mactelnetd.hold.tree-rss-per-session")), "");
        row("RSS added per session, server process alone", num(v("firmware.hold.rss-per-session") / 1024, "KiB"),
                num(v("mactelnetd.hold.rss-per-session") / 1024, "KiB") + " (mactelnetd daemon)",
                ratio(v("firmware.hold.rss-per-session"), v("mactelnetd.hold.rss-per-session")), "");
        double heap = v("firmware.hold.heap-per-session");
        row("heap per idle logged-in session (firmware process, after full GC)", num(heap / 1024, "KiB"), "16 KiB (goal)",
                ratio(heap, 16384), verdict(heap, heap < 16384, "< 16 KiB"));
        double inProcess = v("session.heap-bytes");
        row("heap per idle session, protocol layer in process (SessionScaleBenchmark, EC-SRP5)",
                num(inProcess / 1024, "KiB"), "16 KiB (goal)", ratio(inProcess, 16384), verdict(inProcess, inProcess < 16384, "< 16 KiB"));
        double withCli = v("session.heap-bytes.cli");
        row("  the same with the firmware's CLI (JLine) as each session's terminal", num(withCli / 1024, "KiB"),
                "16 KiB (goal)", ratio(withCli, 16384), verdict(withCli, withCli < 16384, "< 16 KiB"));
        sideBySide("keystroke echo, p50, 100 busy sessions", "echo.p50-ms", "ms", "");
        sideBySide("keystroke echo, p99, 100 busy sessions", "echo.p99-ms", "ms", "");
        row("  keystrokes echoed (lost: no echo within 2 s)", echoed("firmware"), echoed("mactelnetd") + " (mactelnetd)",
                ratio(v("firmware.echo.keystrokes"), v("mactelnetd.echo.keystrokes")), "");
        sideBySide("  busy sessions logged in (of 100)", "echo.sessions", "", "");
        double share = v("firmware.flood.legit-share");
        row("legitimate logins that succeed during a flood of spoofed SESSIONSTARTs at "
                + num(v("firmware.flood.rate"), "frames/s"), num(100 * share, "%"),
                num(100 * v("mactelnetd.flood.legit-share"), "%") + " (mactelnetd, flood " + num(v("mactelnetd.flood.rate"), "/s") + ")",
                ratio(share, v("mactelnetd.flood.legit-share")), verdict(share, share >= 1.0, "100 %"));
        sideBySide("MAC-Ping replies (of 100)", "ping.replies", "", "");
        sideBySide("MAC-Ping round trip, p50", "ping.p50-ms", "ms", "");
        double fps = v("firmware.datapath.fps");
        double refl = v("reflector.fps");
        row("frames/s the data path decides (MAC-Pings, half allowed, half denied; offered "
                + num(v("firmware.datapath.offered-fps"), "/s") + ")", num(fps, "/s"),
                num(refl, "/s") + " (C reflector; offered " + num(v("reflector.offered-fps"), "/s") + ")", ratio(fps, refl),
                verdict(fps + refl, fps >= 0.8 * refl, "ratio >= 0.8"));
        double receiver = v("receiver.fps");
        row("  the same against the C program receiving only (no send back: the stricter baseline)", num(fps, "/s"),
                num(receiver, "/s") + " (offered " + num(v("receiver.offered-fps"), "/s") + ")", ratio(fps, receiver),
                verdict(fps + receiver, fps >= 0.8 * receiver, "ratio >= 0.8"));
        // On a shared 2-core machine frames/s also measures the neighbours; CPU time per frame does not.
        double cpuPerFrame = v("firmware.datapath.cpu-us-per-frame");
        row("  CPU time per decided frame (user + system; user alone: " + num(v("firmware.datapath.user-cpu-us-per-frame"), "µs")
                + " firmware, " + num(v("reflector.user-cpu-us-per-frame"), "µs") + " reflector)", num(cpuPerFrame, "µs"),
                num(v("reflector.cpu-us-per-frame"), "µs") + " (C reflector)", ratio(cpuPerFrame, v("reflector.cpu-us-per-frame")), "");
        double onMinimal = v("vm.minimal.datapath.fps");
        row("  the same, firmware on our minimal VM (C1, Serial GC; LoadBenchmark part vms)", num(onMinimal, "/s"),
                num(v("vm.server.datapath.fps"), "/s") + " (server VM, same run)", ratio(onMinimal, v("vm.server.datapath.fps")), "");
        double onZero = v("vm.zero.datapath.fps");
        row("  the same, firmware on our Zero VM (the hEX's interpreter, built for this host; part vms, other-vm=zero)",
                num(onZero, "/s"), num(v("vm.server.datapath.fps"), "/s") + " (server VM, same run)",
                ratio(onZero, v("vm.server.datapath.fps")), "");
        double big = v("binding.lookup-ns.big");
        double small = v("binding.lookup-ns.1k");
        row("binding lookup at " + num(v("binding.count.big"), "") + " bindings", num(big, "ns"), num(small, "ns") + " (1,000 bindings)",
                ratio(big, small), verdict(big + small, big <= 1.5 * small, "ratio <= 1.5"));
        double pathBig = v("binding.datapath-lookup-ns.big");
        double pathSmall = v("binding.datapath-lookup-ns.1k");
        row("  the data path's lookup (id + server + flags, as the policy reads it)", num(pathBig, "ns"),
                num(pathSmall, "ns") + " (1,000 bindings)", ratio(pathBig, pathSmall),
                verdict(pathBig + pathSmall, pathBig <= 1.5 * pathSmall, "ratio <= 1.5"));
        row("heap per binding at " + num(v("binding.count.big"), "") + " bindings", num(v("binding.heap-bytes.big"), "B"),
                num(v("binding.heap-bytes.1k"), "B") + " (1,000 bindings)", ratio(v("binding.heap-bytes.big"), v("binding.heap-bytes.1k")), "");
        row("policy decisions/s, allow, 1,000,000 bindings (DecisionBenchmark)", num(v("decision.allow-per-s.1m"), "/s"),
                num(v("decision.allow-per-s.1k"), "/s") + " (1,000)", ratio(v("decision.allow-per-s.1m"), v("decision.allow-per-s.1k")), "");
        double mount = v("store.mount-ms.log");
        row("store mount, " + num(v("store.records"), "") + " records (log only)", num(mount, "ms"), "1,000 ms (issue 3 goal)",
                ratio(mount, 1000), verdict(mount, mount < 1000, "< 1 s"));
        row("store mount after rewrites (checkpoint + log)", num(v("store.mount-ms.checkpoint"), "ms"), "1,000 ms (issue 3 goal)",
                ratio(v("store.mount-ms.checkpoint"), 1000), "");
        row("model mount with " + num(v("binding.count.big"), "") + " bindings (BindingScaleBenchmark)", num(v("binding.mount-ms.big"), "ms"),
                "", "", "");
        double readPause = v("checkpoint.reader-pause-ms.background");
        row("longest read-lock wait while 1,000,000 bindings are checkpointed in the background (less GC time)",
                num(readPause, "ms"), num(v("checkpoint.reader-pause-ms.in-commit"), "ms") + " (checkpoint inside the commit); "
                        + num(v("checkpoint.reader-pause-ms.none"), "ms") + " (no checkpoint)",
                ratio(readPause, v("checkpoint.reader-pause-ms.in-commit")), verdict(readPause, readPause <= 10, "<= 10 ms (issue 18)"));
        double commandPause = v("checkpoint.command-pause-ms.background");
        row("  longest console command wait for the write lock, the same", num(commandPause, "ms"),
                num(v("checkpoint.command-pause-ms.in-commit"), "ms") + " (checkpoint inside the commit); "
                        + num(v("checkpoint.command-pause-ms.none"), "ms") + " (no checkpoint)",
                ratio(commandPause, v("checkpoint.command-pause-ms.in-commit")),
                verdict(commandPause, commandPause <= 10, "<= 10 ms (issue 18)"));
        double pingPause = v("checkpoint-traffic.background.ping-max-clean-ms");
        row("longest MAC-Ping round trip while 1,000,000 bindings are checkpointed in the background, 50 logins beside, "
                + "less the firmware's GC pauses (CheckpointTrafficBenchmark)", num(pingPause, "ms")
                + " (" + num(v("checkpoint-traffic.background.ping-max-ms"), "ms") + " with them)",
                num(v("checkpoint-traffic.none.ping-max-clean-ms"), "ms") + " (no checkpoint; "
                        + num(v("checkpoint-traffic.none.ping-max-ms"), "ms") + " with GC)",
                ratio(pingPause, v("checkpoint-traffic.none.ping-max-clean-ms")), verdict(pingPause, pingPause <= 10, "<= 10 ms (issue 18)"));
        double consolePause = v("checkpoint-traffic.background.console-max-clean-ms");
        row("  longest console command (a one-binding commit every 5 ms), the same", num(consolePause, "ms")
                + " (" + num(v("checkpoint-traffic.background.console-max-ms"), "ms") + " with them)",
                num(v("checkpoint-traffic.none.console-max-clean-ms"), "ms") + " (no checkpoint; "
                        + num(v("checkpoint-traffic.none.console-max-ms"), "ms") + " with GC)",
                ratio(consolePause, v("checkpoint-traffic.none.console-max-clean-ms")),
                verdict(consolePause, consolePause <= 10, "<= 10 ms (issue 18)"));
        row("  longest MAC-Telnet login, the same run", num(v("checkpoint-traffic.background.login-max-ms"), "ms"),
                num(v("checkpoint-traffic.none.login-max-ms"), "ms") + " (no checkpoint)",
                ratio(v("checkpoint-traffic.background.login-max-ms"), v("checkpoint-traffic.none.login-max-ms")), "");
        row("  longest GC pause in the firmware, the same run", num(v("checkpoint-traffic.background.gc-max-ms"), "ms"),
                num(v("checkpoint-traffic.none.gc-max-ms"), "ms") + " (no checkpoint)", "", "");
        row("  checkpoints written during the run (by the checkpoint thread)",
                whole(v("checkpoint-traffic.background.checkpoints")) + " (" + whole(v("checkpoint-traffic.background.background-checkpoints")) + ")",
                whole(v("checkpoint-traffic.none.checkpoints")) + " (no checkpoint wanted)", "", "");
        double raw = v("store.raw-pages-per-s");
        row("durable single-record adds/s, 1 writer", num(v("store.durable-adds-per-s.1"), "/s"),
                num(raw, "/s") + " (raw page programs)", ratio(v("store.durable-adds-per-s.1"), raw), "");
        row("durable single-record adds/s, 16 writers", num(v("store.durable-adds-per-s.16"), "/s"),
                num(raw, "/s") + " (raw page programs)", ratio(v("store.durable-adds-per-s.16"), raw), "");
        double mqtt = v("mqtt.adds-per-s");
        row("binding adds/s through mosquitto, request -> response (MqttBenchmark)", num(mqtt, "/s"),
                num(v("mqtt.console-adds-per-s"), "/s") + " (the same adds on the console)",
                ratio(mqtt, v("mqtt.console-adds-per-s")), "");
        double apiAdds = v("api.adds-per-s");
        row("RouterOS API binding adds/s, 8 connections, one command in flight each (ApiBenchmark)", num(apiAdds, "/s"),
                num(v("rest.adds-per-s"), "/s") + " (REST PUT, same run)", ratio(apiAdds, v("rest.adds-per-s")), "");
        double apiPrint = v("api.print-100k-ms");
        row("RouterOS API print of 100,000 bindings, decoded by the client", num(apiPrint, "ms"),
                num(v("rest.print-100k-ms"), "ms") + " (REST GET, JSON parsed, same run)",
                ratio(apiPrint, v("rest.print-100k-ms")), "");
        double fleet = v("fleet.converge-ms");
        row("fleet: " + num(v("fleet.bindings"), "") + " retained bindings applied on 3 routers (FleetBenchmark)",
                num(fleet, "ms"), num(v("fleet.publish-ms"), "ms") + " (the broker taking the publishes)",
                ratio(fleet, v("fleet.publish-ms")), "");
        double aot = v("startup.aot-ms");
        double plain = v("startup.plain-ms");
        row("start-up: process start to a ready console, with AOT cache", num(aot, "ms"), num(plain, "ms") + " (no AOT cache)",
                ratio(aot, plain), "");
        return String.join("\n", rows) + "\n";
    }

    /**
     * EC-SRP5 login (EcSrp5LoginBenchmark): p50 and p99 in one row, the firmware beside mactelnetd
     * 0.6.1 of the same run, both with the real 0.6.1 client timed from its spawn to the prompt.
     */
    private void ecSrp5Login() {
        double fw50 = v("ecsrp5.firmware.login-p50-ms");
        double fw99 = v("ecsrp5.firmware.login-p99-ms");
        double ref50 = v("ecsrp5.mactelnetd.login-p50-ms");
        double ref99 = v("ecsrp5.mactelnetd.login-p99-ms");
        row("MAC-Telnet EC-SRP5 login, p50 / p99 (mactelnet 0.6.1 spawned until its prompt; logins that succeeded: "
                        + whole(v("ecsrp5.firmware.login-ok")) + " firmware, " + whole(v("ecsrp5.mactelnetd.login-ok")) + " mactelnetd)",
                num(fw50, "") + " / " + num(fw99, "ms"), num(ref50, "") + " / " + num(ref99, "ms") + " (mactelnetd 0.6.1)",
                ratio(fw50, ref50) + " / " + ratio(fw99, ref99),
                verdict(fw50 + fw99 + ref50 + ref99, fw50 <= ref50 && fw99 <= ref99, "p50 and p99 <= baseline (issue 19)"));
    }

    private String echoed(String server) {
        double lost = v(server + ".echo.lost");
        return num(v(server + ".echo.keystrokes"), "") + " (" + (Double.isNaN(lost) ? "n/a" : String.format(Locale.ROOT, "%.0f", lost))
                + " lost)";
    }

    String header(Path repo) {
        StringBuilder h = new StringBuilder();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        h.append("# make bench, ").append(now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16)).append(" UTC\n\n");
        h.append("- machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, ").append(memTotal()).append("; ").append(command("uname", "-srm")).append('\n');
        h.append("- firmware: git ").append(command("git", "-C", repo.toString(), "describe", "--always", "--dirty"))
                .append(", Java ").append(System.getProperty("java.vm.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append(")\n");
        h.append("- baselines: mactelnetd ").append(command("dpkg-query", "-W", "-f=${Version}", "mactelnet-server"))
                .append(" (Debian), mactelnetd ").append(trixieVersion(repo, "mactelnet-server"))
                .append(" (Debian 13, EC-SRP5), C reflector built with ").append(command("gcc", "-dumpfullversion")).append(" -O2\n");
        h.append("- The server and the load generator share the machine's CPUs (and, while this ran, other work): "
                + "figures are from one run, not averages. No figure is asserted by any test.\n\n");
        return h.toString();
    }

    /** A package's version in the trixie peers' cache (tests/fetch-trixie-mactelnet.sh lists them there). */
    private static String trixieVersion(Path repo, String packageName) {
        try {
            String override = System.getenv("MACSERVER_TRIXIE_CACHE");
            Path cache = override != null && !override.isBlank() ? Path.of(override) : repo.resolve("var/peers/trixie");
            return Files.readAllLines(cache.resolve("versions")).stream().filter(l -> l.startsWith(packageName + " "))
                    .map(l -> l.substring(packageName.length() + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM").findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 && !out.isEmpty() ? out.lines().findFirst().orElse("") : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
