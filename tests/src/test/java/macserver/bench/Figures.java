package macserver.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures a benchmark main hands to the summary table of {@code make bench}: one
 * {@code name value} line each, appended to the file named by the system property
 * {@value #PROPERTY} (nothing is written when it is unset, so a main run by hand only prints).
 */
public final class Figures {
    public static final String PROPERTY = "macserver.bench.figures";

    private Figures() {
    }

    /** Records {@code value} under {@code name} (letters, digits, dots and dashes). */
    public static void record(String name, double value) {
        if (!name.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("figure names are lower-case words with dots and dashes: " + name);
        }
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return;
        }
        String line = name + " " + (Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "NaN") + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the figures file " + file, e);
        }
    }

    /** Reads a figures file back; a name recorded twice keeps its last value. */
    public static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] w = line.strip().split(" ");
            if (w.length == 2) {
                out.put(w[0], Double.parseDouble(w[1]));
            }
        }
        return out;
    }
}
