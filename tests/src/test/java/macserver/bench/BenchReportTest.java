package macserver.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.startsWith("| " + start)).findFirst().orElseThrow(() -> new AssertionError(start + " in\n" + table));
    }

    @Test
    void goalsAreMarkedMetOrNotFromTheFigures() {
        String table = BenchReport.tableOf(Map.of(
                "firmware.login.p99-ms", 10.0, "mactelnetd.login.p99-ms", 30.0,
                "firmware.datapath.fps", 70_000.0, "reflector.fps", 100_000.0,
                "binding.lookup-ns.big", 30.0, "binding.lookup-ns.1k", 25.0,
                "firmware.flood.legit-share", 0.96, "firmware.hold.heap-per-session", 9000.0));
        assertTrue(line(table, "MAC-Telnet MD5 login, p99").endsWith("| 0.33 | ratio <= 0.5: **met** |"), table);
        assertTrue(line(table, "frames/s the data path decides").contains("| 0.70 | ratio >= 0.8: **not met** |"), table);
        assertTrue(line(table, "binding lookup").contains("| 1.20 | ratio <= 1.5: **met** |"), table);
        assertTrue(line(table, "legitimate logins").contains("100 %: **not met**"), table);
        assertTrue(line(table, "heap per idle logged-in session").contains("< 16 KiB: **met**"), table);
        assertTrue(line(table, "store mount").contains("not measured"), table);
    }

    @Test
    void theEcSrp5LoginRowHoldsP50AndP99BesideMactelnetdsOfTheSameRun() {
        String table = BenchReport.tableOf(Map.of("ecsrp5.firmware.login-p50-ms", 20.0, "ecsrp5.firmware.login-p99-ms", 40.0,
                "ecsrp5.mactelnetd.login-p50-ms", 25.0, "ecsrp5.mactelnetd.login-p99-ms", 30.0,
                "ecsrp5.firmware.login-ok", 50.0, "ecsrp5.mactelnetd.login-ok", 50.0));
        assertTrue(line(table, "MAC-Telnet EC-SRP5 login").endsWith(
                "| 20.00 / 40.00 ms | 25.00 / 30.00 ms (mactelnetd 0.6.1) | 0.80 / 1.33 | p50 and p99 <= baseline (issue 19): **not met** |"),
                table);
        String met = BenchReport.tableOf(Map.of("ecsrp5.firmware.login-p50-ms", 20.0, "ecsrp5.firmware.login-p99-ms", 30.0,
                "ecsrp5.mactelnetd.login-p50-ms", 25.0, "ecsrp5.mactelnetd.login-p99-ms", 30.0));
        assertTrue(line(met, "MAC-Telnet EC-SRP5 login").endsWith("**met** |"), met);
        assertTrue(line(BenchReport.tableOf(Map.of()), "MAC-Telnet EC-SRP5 login").endsWith("not measured |"));
    }

    @Test
    void theMinimalVmsDataPathStandsBesideTheServerVmsOfTheSameRun() {
        String table = BenchReport.tableOf(Map.of("vm.minimal.datapath.fps", 30_000.0, "vm.server.datapath.fps", 40_000.0));
        assertTrue(line(table, "  the same, firmware on our minimal VM").contains("| 30,000 /s | 40,000 /s (server VM, same run) | 0.75 |"),
                table);
        String unmeasured = BenchReport.tableOf(Map.of());
        assertTrue(line(unmeasured, "  the same, firmware on our minimal VM").contains("| n/a | n/a (server VM, same run) | n/a |"),
                unmeasured);
    }

    @Test
    void theZeroVmsDataPathStandsBesideTheServerVmsOfTheSameRun() {
        String table = BenchReport.tableOf(Map.of("vm.zero.datapath.fps", 4_000.0, "vm.server.datapath.fps", 40_000.0));
        assertTrue(line(table, "  the same, firmware on our Zero VM").contains("| 4,000 /s | 40,000 /s (server VM, same run) | 0.10 |"),
                table);
    }

    @Test
    void theApiRowsStandBesideRestsFiguresOfTheSameRun() {
        String table = BenchReport.tableOf(Map.of("api.adds-per-s", 300.0, "rest.adds-per-s", 200.0,
                "api.print-100k-ms", 2000.0, "rest.print-100k-ms", 1000.0));
        assertTrue(line(table, "RouterOS API binding adds/s").contains("| 300 /s | 200 /s (REST PUT, same run) | 1.50 |"), table);
        assertTrue(line(table, "RouterOS API print of 100,000").contains("| 2,000 ms | 1,000 ms (REST GET, JSON parsed, same run) | 2.00 |"),
                table);
    }
}
