package macserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import macserver.config.Plane;
import macserver.testsupport.TestModels;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random configurations survive export: the script fed into a fresh router gives a router whose
 * export is the same.
 */
class ExportRoundTripProperties {

    record Server(String name, boolean disabled, String comment, int maxSessions, long idle, String auth) {}

    record Binding(long mac, int server, String action, boolean disabled, String comment, Long timeout) {}

    @Property(tries = 60)
    void exportFedBackGivesTheSameConfiguration(@ForAll("servers") List<Server> servers,
                                                @ForAll("bindings") List<Binding> bindings,
                                                @ForAll("identity") String identity,
                                                @ForAll("defaultIndex") int defaultIndex) {
        CliSession a = fresh();
        a.execute("/system identity set name=" + Lexer.quote(identity));
        for (Server s : servers) {
            String out = a.execute("/ip mac-server add name=" + Lexer.quote(s.name()) + " disabled=" + (s.disabled() ? "yes" : "no")
                    + (s.comment() == null ? "" : " comment=" + Lexer.forceQuote(s.comment()))
                    + " max-sessions=" + s.maxSessions() + " idle-timeout=" + s.idle() + " authentication=" + s.auth());
            assertEquals("", out);
        }
        if (!servers.isEmpty()) {
            a.execute("/ip mac-server set " + Lexer.quote(servers.get(defaultIndex % servers.size()).name()) + " default");
            for (Binding b : bindings) {
                a.execute("/ip mac-server binding add mac-address=" + Long.toHexString(0x1000000000000L | b.mac()).substring(1)
                        + " server=" + Lexer.quote(servers.get(b.server() % servers.size()).name()) + " action=" + b.action()
                        + (b.disabled() ? " disabled" : "")
                        + (b.comment() == null ? "" : " comment=" + Lexer.forceQuote(b.comment()))
                        + (b.timeout() == null ? "" : " timeout=" + b.timeout()));
            }
        }
        String script = body(a.execute("/export"));
        CliSession b = fresh();
        for (String line : script.split("\n")) {
            String out = b.execute(line);
            assertEquals("", out, "line: " + line);
        }
        assertEquals(script, body(b.execute("/export")));
        assertEquals(body(a.execute("/export verbose")), body(b.execute("/export verbose")));
    }

    private static CliSession fresh() {
        return new ModelCliSessions(TestModels.fresh().model, "test").open("admin", Plane.STDIO);
    }

    private static String body(String export) {
        return export.substring(export.indexOf('\n') + 1);
    }

    @Provide
    Arbitrary<String> identity() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<Integer> defaultIndex() {
        return Arbitraries.integers().between(0, 100);
    }

    @Provide
    Arbitrary<List<Server>> servers() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('!', '~').withChars(' ', 'é', 'ß')
                .ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank() && !s.equals("..") && !s.startsWith("/"))
                // Names that read as an id, a number or a command are refused (see Transaction).
                .filter(s -> !s.startsWith("*") && !s.matches("[0-9]+") && !s.contains("[") && !s.contains("]"));
        Arbitrary<String> comments = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20).injectNull(0.5);
        Arbitrary<Server> server = Combinators.combine(names, Arbitraries.of(true, false), comments,
                Arbitraries.integers().between(1, 1000), Arbitraries.longs().between(0, 86400),
                Arbitraries.of("local", "radius", "local,radius", "radius,local")).as(Server::new);
        return server.list().ofMaxSize(6).uniqueElements(Server::name);
    }

    @Provide
    Arbitrary<List<Binding>> bindings() {
        Arbitrary<Long> macs = Arbitraries.longs().between(1, 0xFFFF_FFFF_FFFFL).map(m -> m & ~0x0100_0000_0000L).filter(m -> m != 0);
        Arbitrary<Binding> binding = Combinators.combine(macs, Arbitraries.integers().between(0, 100),
                Arbitraries.of("allow", "deny"), Arbitraries.of(true, false),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10).injectNull(0.7),
                Arbitraries.longs().between(1, 86400).injectNull(0.5)).as(Binding::new);
        return binding.list().ofMaxSize(20).uniqueElements(Binding::mac);
    }
}
