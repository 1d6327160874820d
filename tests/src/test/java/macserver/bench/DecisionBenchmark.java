package macserver.bench;

import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.FactoryDefaults;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import macserver.mactelnet.MacService;
import macserver.policy.MacPolicy;

/**
 * Per-packet MAC server decisions on one core (the policy step of the data path): allowed MACs
 * (bound) and dropped ones (deny bindings), at 1,000 bindings (the baseline) and at 1,000,000, in
 * the same run. Run with {@code make bench}.
 */
public final class DecisionBenchmark {
    private static final int ETHER1 = 2;

    public static void main(String[] args) throws Exception {
        double[] small = run(1_000);
        double[] big = run(1_000_000);
        System.out.println();
        System.out.println("| decisions per second, one core | 1,000 bindings | 1,000,000 bindings | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| allow (bound MAC) | %,.0f | %,.0f | %.2f |%n", small[0], big[0], big[0] / small[0]);
        Figures.record("decision.allow-per-s.1k", small[0]);
        Figures.record("decision.allow-per-s.1m", big[0]);
        Figures.record("decision.drop-per-s.1k", small[1]);
        Figures.record("decision.drop-per-s.1m", big[1]);
        System.out.printf("| drop (deny binding) | %,.0f | %,.0f | %.2f |%n", small[1], big[1], big[1] / small[1]);
        System.out.printf("| unbound MAC via default | %,.0f | %,.0f | %.2f |%n", small[2], big[2], big[2] / small[2]);
    }

    /** Decisions per second for allow, drop and default at {@code count} bindings. */
    private static double[] run(int count) throws Exception {
        ConfigModel model = new ConfigModel(StandardSchema.create(new LiveStatus()), () -> System.currentTimeMillis() / 1000);
        FactoryDefaults.apply(model);
        Menu servers = model.schema().menu("ip mac-server");
        Menu bindings = model.schema().menu("ip mac-server binding");
        int server = model.write(Origin.SYSTEM, tx -> tx.add(servers, Map.of(servers.property("name"), "isp",
                servers.property("default"), true)));
        for (int done = 0; done < count; done += 10_000) {
            int from = done;
            model.write(Origin.SYSTEM, tx -> {
                for (int i = from; i < Math.min(from + 10_000, count); i++) {
                    tx.add(bindings, Map.of(bindings.property("mac-address"), 0x020000000000L | i,
                            bindings.property("server"), server, bindings.property("action"), i % 2 == 0 ? "allow" : "deny"));
                }
                return null;
            });
        }
        MacPolicy policy = new MacPolicy(model, Map.of("ether1", ETHER1));
        double allow = rate(policy, count, 0, true);
        double drop = rate(policy, count, 1, true);
        double unbound = rate(policy, count, 0, false);
        return new double[] {allow, drop, unbound};
    }

    private static double rate(MacPolicy policy, int count, int parity, boolean bound) {
        int rounds = 20_000_000;
        long seed = 42;
        long sink = 0;
        double result = 0;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                long n = ((seed >>> 33) % (count / 2)) * 2 + parity;
                long mac = bound ? 0x020000000000L | n : 0x040000000000L | n;
                sink += policy.admit(mac, mac, ETHER1, MacService.MAC_TELNET);
            }
            result = rounds / ((System.nanoTime() - start) / 1e9);
        }
        if (sink == 42) {
            System.out.println("(sink)");
        }
        return result;
    }
}
