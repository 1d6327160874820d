package macserver.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the firmware and the image build need to know about one board: CPU, memory, flash
 * geometry and the partition the store lives on, the image's flash budget, console, interface
 * names, JVM options, where its Java runtime comes from and, on a VM that only interprets, the C
 * library that computes the password hash.
 * Profiles are {@code .properties} files in the repository's {@code board/} folder, packaged
 * into the firmware jar under {@code board/}.
 */
public record BoardProfile(
        String name,
        String model,
        Architecture architecture,
        Cpu cpu,
        int ramMib,
        FlashGeometry flash,
        int imageBudgetMib,
        FlashPartition flashPartition,
        ConsolePort console,
        List<String> interfaces,
        List<String> jvmOptions,
        String runtime,
        Optional<String> pbkdf2Library) {

    /** The runtime source of a board no Java runtime can be built for yet. */
    public static final String NO_RUNTIME = "none";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    // Linux interface names are at most 15 bytes (IFNAMSIZ less the terminating NUL).
    private static final Pattern INTERFACE = Pattern.compile("[a-z][a-z0-9-]{0,13}[0-9]");
    private static final Pattern HEAP_CAP = Pattern.compile("-Xmx([0-9]{1,9})([kKmMgG])");
    private static final Pattern RUNTIME = Pattern.compile("[a-z0-9][a-z0-9.-]*(?::([a-z0-9]+))?");
    // A shared library's file name as the dynamic loader finds it (e.g. libnettle.so.8).
    private static final Pattern LIBRARY = Pattern.compile("lib[a-z0-9_+-]+\\.so(\\.[0-9]+)*");
    private static final String COMPACT_HEADERS = "-XX:+UseCompactObjectHeaders";

    public BoardProfile {
        requireMatch(NAME, name, "name");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be empty");
        }
        if (architecture == null || cpu == null || flash == null || flashPartition == null || console == null) {
            throw new IllegalArgumentException("architecture, cpu, flash, flash partition and console must be set");
        }
        if (ramMib < 16) {
            throw new IllegalArgumentException("ram-mib must be at least 16, was " + ramMib);
        }
        if (imageBudgetMib < 1) {
            throw new IllegalArgumentException("image.budget-mib must be at least 1, was " + imageBudgetMib);
        }
        // An emulated flash is only the configuration store; the host's image lives on its disk.
        if (flash.type() != FlashType.EMULATED && imageBudgetMib > flash.sizeMib()) {
            throw new IllegalArgumentException("image.budget-mib (" + imageBudgetMib
                    + ") is larger than the flash (" + flash.sizeMib() + " MiB)");
        }
        interfaces = List.copyOf(interfaces);
        checkInterfaces(interfaces);
        jvmOptions = List.copyOf(jvmOptions);
        checkJvmOptions(jvmOptions, architecture, ramMib);
        checkRuntime(runtime, architecture);
        pbkdf2Library.ifPresent(library -> requireMatch(LIBRARY, library, "pbkdf2.library"));
    }

    /**
     * Loads a profile from {@code nameOrPath} if that is an existing file, otherwise the profile
     * named {@code nameOrPath} from the classpath resource {@code board/<name>.properties}.
     */
    public static BoardProfile load(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, path.toString());
            } catch (IOException e) {
                throw new BoardProfileException(path.toString(), "cannot read: " + e.getMessage(), e);
            }
        }
        if (!NAME.matcher(nameOrPath).matches()) {
            throw new BoardProfileException("'" + nameOrPath + "'", "no such file, and not a board name");
        }
        String resource = "board/" + nameOrPath + ".properties";
        try (InputStream in = BoardProfile.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new BoardProfileException("'" + nameOrPath + "'",
                        "no such file, and no " + resource + " on the classpath (see the board/ folder)");
            }
            BoardProfile profile = read(in, resource);
            if (!profile.name().equals(nameOrPath)) {
                throw new BoardProfileException(resource, "declares name=" + profile.name()
                        + ", expected " + nameOrPath);
            }
            return profile;
        } catch (IOException e) {
            throw new BoardProfileException(resource, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a profile in {@code .properties} form (UTF-8); {@code source} names it in errors. */
    public static BoardProfile read(InputStream in, String source) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return fromProperties(properties, source);
    }

    public static BoardProfile fromProperties(Properties properties, String source) {
        ProfileReader keys = new ProfileReader(properties, source);
        try {
            BoardProfile profile = new BoardProfile(
                    keys.text("name"),
                    keys.text("model"),
                    Architecture.fromProfileName(keys.text("architecture")),
                    new Cpu(keys.text("cpu.model"), keys.positiveInt("cpu.cores"), keys.positiveInt("cpu.mhz")),
                    keys.positiveInt("ram-mib"),
                    new FlashGeometry(FlashType.fromProfileName(keys.text("flash.type")),
                            keys.positiveInt("flash.size-mib"),
                            keys.positiveInt("flash.erase-block-bytes"),
                            keys.positiveInt("flash.page-bytes")),
                    keys.positiveInt("image.budget-mib"),
                    new FlashPartition(keys.text("flash.partition"), keys.optionalText("flash.filesystem")),
                    new ConsolePort(keys.text("console.device"), keys.optionalPositiveInt("console.speed")),
                    keys.words("interfaces"),
                    keys.words("jvm.options"),
                    keys.text("runtime"),
                    keys.optionalText("pbkdf2.library"));
            checkImageBuildKeys(keys, profile.imageBudgetMib());
            keys.rejectUnknownKeys();
            return profile;
        } catch (IllegalArgumentException e) {
            throw keys.problem(e.getMessage());
        }
    }

    /**
     * Keys only the image build reads (image/steps): the size the image aims for below its budget,
     * and whether it carries an AOT cache. Checked here too, so that a mistyped value fails the
     * profile tests rather than quietly meaning the default in a shell script.
     */
    private static void checkImageBuildKeys(ProfileReader keys, int budgetMib) {
        OptionalInt goalMib = keys.optionalPositiveInt("image.goal-mib");
        if (goalMib.isPresent() && goalMib.getAsInt() > budgetMib) {
            throw new IllegalArgumentException("image.goal-mib (" + goalMib.getAsInt()
                    + ") is larger than image.budget-mib (" + budgetMib + ")");
        }
        keys.optionalText("aot.cache").ifPresent(aot -> {
            if (!aot.equals("yes") && !aot.equals("no")) {
                throw new IllegalArgumentException("aot.cache must be yes or no, was '" + aot + "'");
            }
        });
    }

    /** False for boards whose architecture has no Java 25 runtime yet (runtime=none). */
    public boolean hasRuntime() {
        return !runtime.equals(NO_RUNTIME);
    }

    /** The Java heap cap from {@code -Xmx} in the JVM options, in MiB (rounded up). */
    public int heapCapMib() {
        return heapCapMib(jvmOptions);
    }

    private static void requireMatch(Pattern pattern, String value, String key) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " '" + value + "' must match " + pattern.pattern());
        }
    }

    private static void checkInterfaces(List<String> interfaces) {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("interfaces must name at least one interface");
        }
        var seen = new HashSet<String>();
        for (String name : interfaces) {
            requireMatch(INTERFACE, name, "interface");
            if (!seen.add(name)) {
                throw new IllegalArgumentException("interface '" + name + "' is listed twice");
            }
        }
    }

    private static void checkJvmOptions(List<String> options, Architecture architecture, int ramMib) {
        for (String option : options) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("jvm.options entry '" + option + "' is not an option");
            }
        }
        if (!architecture.is64Bit() && options.contains(COMPACT_HEADERS)) {
            throw new IllegalArgumentException(COMPACT_HEADERS + " needs a 64-bit JVM; "
                    + architecture.profileName() + " is 32-bit");
        }
        int heap = heapCapMib(options);
        if (heap < 1) {
            throw new IllegalArgumentException("heap cap -Xmx must be at least 1 MiB");
        }
        // The kernel, the JVM's own memory (metaspace, code cache, stacks) and the rest of the
        // system share the RAM with the heap, so the heap gets at most half of it.
        if (heap > ramMib / 2) {
            throw new IllegalArgumentException("heap cap -Xmx of " + heap + " MiB is more than half of "
                    + ramMib + " MiB RAM");
        }
    }

    private static int heapCapMib(List<String> options) {
        List<String> caps = options.stream().filter(o -> o.startsWith("-Xmx")).toList();
        if (caps.size() != 1) {
            throw new IllegalArgumentException("jvm.options must contain exactly one heap cap (-Xmx...), found "
                    + caps.size());
        }
        Matcher matcher = HEAP_CAP.matcher(caps.getFirst());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("heap cap '" + caps.getFirst() + "' must look like -Xmx64m");
        }
        long amount = Long.parseLong(matcher.group(1));
        long kib = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> amount;
            case "m" -> amount << 10;
            default -> amount << 20;
        };
        return (int) Math.min(Integer.MAX_VALUE, (kib + 1023) >> 10);
    }

    /**
     * {@code runtime} is a comma-separated list of sources, the first one usable at image build
     * time wins (e.g. {@code own-minimal,debian-trixie-openjdk-25:armhf}: our own build once it
     * exists, else Debian's); a source naming an architecture must name the board's.
     */
    private static void checkRuntime(String runtime, Architecture architecture) {
        if (runtime == null) {
            throw new IllegalArgumentException("runtime must be set");
        }
        for (String source : runtime.split(",", -1)) {
            requireMatch(RUNTIME, source, "runtime");
            Matcher matcher = RUNTIME.matcher(source);
            matcher.matches();
            String arch = matcher.group(1);
            if (arch != null && !arch.equals(architecture.debianName())) {
                throw new IllegalArgumentException("runtime '" + source + "' is for " + arch + ", but the board is "
                        + architecture.profileName() + " (" + architecture.debianName() + ")");
            }
        }
    }
}
