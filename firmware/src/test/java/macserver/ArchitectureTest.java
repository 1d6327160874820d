package macserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package layering, read from the firmware's sources: which package refers to which (imports
 * and qualified names; comments and strings do not count). No package cycles; the root package is
 * the wiring and nobody refers to it; the configuration model knows no management plane; the
 * bottom layers stand alone (but for the MAC address's text form). A change that breaks a rule fails here with the offending edge.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "macserver";
    private static final Pattern REFERENCE = Pattern.compile("\\bmacserver((?:\\.[a-z0-9]+)*)\\.[A-Z*]");
    private static final Set<String> PLANES = Set.of("api", "cli", "console", "fleet", "mactelnet", "mqtt", "rest", "ssh");
    /** Packages that need none of the firmware's others but {@code mac} (how a MAC address prints) and {@code libc}. */
    private static final Set<String> STANDALONE = Set.of("auth", "board", "datapath", "display", "json", "libc", "mac", "radius", "store",
            "vm");

    /** Package to the packages its classes refer to, by short name ("" for the root). */
    static Map<String, Set<String>> graph(Path sources) {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                String from = shortName(pkg.group(1));
                Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("(?m)^package .*$", "");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String target = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                    if (!target.equals(from)) {
                        to.add(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private static String shortName(String pkg) {
        return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
    }

    /** The package cycles of {@code g} (strongly connected components of more than one package). */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        // Two packages are in one cycle when each reaches the other.
        Map<String, Set<String>> reach = new TreeMap<>();
        for (String p : g.keySet()) {
            Set<String> seen = new TreeSet<>();
            List<String> todo = new ArrayList<>(g.get(p));
            while (!todo.isEmpty()) {
                String q = todo.removeLast();
                if (seen.add(q)) {
                    todo.addAll(g.getOrDefault(q, Set.of()));
                }
            }
            reach.put(p, seen);
        }
        List<Set<String>> out = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        for (String p : g.keySet()) {
            if (placed.contains(p) || !reach.get(p).contains(p)) {
                continue;
            }
            Set<String> cycle = new TreeSet<>();
            for (String q : reach.get(p)) {
                if (reach.getOrDefault(q, Set.of()).contains(p)) {
                    cycle.add(q);
                }
            }
            placed.addAll(cycle);
            out.add(cycle);
        }
        return out;
    }

    @Test
    void noPackageCycles() {
        Map<String, Set<String>> g = graph(SOURCES);
        assertTrue(g.size() > 15, "the sources were found: " + g.keySet());
        assertEquals(List.of(), cycles(g), "package cycles; edges: " + g);
    }

    @Test
    void nobodyRefersToTheWiring() {
        graph(SOURCES).forEach((from, to) -> assertTrue(from.isEmpty() || !to.contains(""),
                from + " refers to the root package (the wiring)"));
    }

    @Test
    void theConfigurationModelKnowsNoManagementPlane() {
        Map<String, Set<String>> g = graph(SOURCES);
        for (String pkg : List.of("config", "config.menus")) {
            Set<String> planes = new TreeSet<>(g.get(pkg));
            planes.retainAll(PLANES);
            assertEquals(Set.of(), planes, pkg + " refers to management planes");
        }
    }

    @Test
    void theBottomLayersStandAlone() {
        Map<String, Set<String>> g = graph(SOURCES);
        for (String pkg : STANDALONE) {
            Set<String> needs = new TreeSet<>(g.get(pkg));
            needs.remove("mac");
            needs.remove("libc");
            needs.remove("vm");
            assertEquals(Set.of(), needs, pkg + " should need no other package of the firmware");
        }
        // JSON is read from peers by four planes; it needs nothing of ours, not even a MAC address.
        assertEquals(Set.of(), g.get("json"), "json should need no other package of the firmware");
    }

    /** java.util.logging everywhere: one configuration (logging.properties), one format in the log. */
    @Test
    void oneLoggingApi() throws IOException {
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                if (text.contains("System.getLogger(") || text.contains("import org.slf4j.")
                        || text.contains("import org.apache.logging.")) {
                    others.add(SOURCES.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), others, "sources logging through another API than java.util.logging");
    }

    @Test
    void theCheckFindsACycleAndIgnoresCommentsAndStrings(@TempDir Path dir) throws IOException {
        write(dir, "a/A.java", "package macserver.a;\nimport macserver.b.B;\nclass A {}\n");
        write(dir, "b/B.java", "package macserver.b;\n/** {@link macserver.c.C} */\nclass B { macserver.a.A a; String s = \"macserver.c.C\"; }\n");
        write(dir, "c/C.java", "package macserver.c;\n// macserver.a.A\nclass C {}\n");
        Map<String, Set<String>> g = graph(dir);
        assertEquals(Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of()), g);
        assertEquals(List.of(Set.of("a", "b")), cycles(g));
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
