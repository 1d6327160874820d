package macserver.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BoardProfileTest {
    /** The repository's board/ folder; surefire runs in the firmware module's folder. */
    private static final Path BOARD_DIR = Path.of("..", "board");

    private static final String VALID = """
            name=test-board
            model=TB-1
            architecture=arm64
            cpu.model=Test SoC
            cpu.cores=4
            cpu.mhz=1000
            ram-mib=512
            flash.type=nand
            flash.size-mib=128
            flash.erase-block-bytes=131072
            flash.page-bytes=2048
            image.budget-mib=64
            flash.partition=ubi0:macserver
            flash.filesystem=ubifs
            console.device=/dev/ttyS0
            console.speed=115200
            interfaces=ether1, ether2,sfp-sfpplus1
            jvm.options=-Xmx128m -XX:+UseSerialGC
            runtime=debian-trixie-openjdk-25:arm64
            """;

    static Stream<String> shippedProfileNames() throws IOException {
        try (Stream<Path> files = Files.list(BOARD_DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void theIssuesBoardsAreAllShipped() throws IOException {
        Set<String> names = new TreeSet<>(shippedProfileNames().toList());
        assertEquals(new TreeSet<>(List.of("host", "rb5009", "hap-ax3", "ccr2004", "rb4011", "hap-ac2", "hex")), names);
    }

    @ParameterizedTest
    @MethodSource("shippedProfileNames")
    void everyShippedProfileLoadsFromTheClasspathAndMatchesItsFile(String name) {
        BoardProfile fromClasspath = BoardProfile.load(name);
        BoardProfile fromFile = BoardProfile.load(BOARD_DIR.resolve(name + ".properties").toString());

        assertEquals(name, fromClasspath.name());
        assertEquals(fromFile, fromClasspath, "the packaged copy of " + name + " is stale");
        assertTrue(fromClasspath.heapCapMib() <= fromClasspath.ramMib() / 2);
    }

    @Test
    void rb5009DescribesTheRealBoard() {
        BoardProfile rb5009 = BoardProfile.load("rb5009");

        assertEquals(Architecture.ARM64, rb5009.architecture());
        assertEquals(new Cpu("Marvell Armada 7040 (88F7040, Cortex-A72)", 4, 1400), rb5009.cpu());
        assertEquals(1024, rb5009.ramMib());
        assertEquals(FlashType.NAND, rb5009.flash().type());
        assertEquals(1024, rb5009.flash().sizeMib());
        assertEquals(new FlashPartition("ubi0:macserver", Optional.of("ubifs")), rb5009.flashPartition());
        assertEquals(new ConsolePort("/dev/ttyS0", OptionalInt.of(115200)), rb5009.console());
        assertEquals("sfp-sfpplus1", rb5009.interfaces().getLast());
        assertEquals(9, rb5009.interfaces().size());
        assertTrue(rb5009.hasRuntime());
    }

    @Test
    void hexRunsOurOwnZeroBuild() {
        BoardProfile hex = BoardProfile.load("hex");

        assertEquals(Architecture.MIPSEL, hex.architecture());
        assertTrue(hex.hasRuntime());
        assertEquals("own-zero", hex.runtime());
        assertTrue(hex.jvmOptions().contains("-Xss512k"), "Zero needs deeper native stacks");
        assertEquals(java.util.Optional.of("libnettle.so.8"), hex.pbkdf2Library(), "Zero interprets the JDK's PBKDF2");
        assertTrue(BoardProfile.load("rb5009").pbkdf2Library().isEmpty(), "a JIT runs the JDK's fast enough");
    }

    @Test
    void hostUsesTheTerminalAndAnEmulatedFlash() {
        BoardProfile host = BoardProfile.load("host");

        assertEquals(Architecture.X86_64, host.architecture());
        assertTrue(host.console().isStdio());
        assertEquals(FlashType.EMULATED, host.flash().type());
        assertEquals(List.of("ether1"), host.interfaces());
        assertEquals("temurin-host", host.runtime());
    }

    @Test
    void smallBoardsGetASmallHeap() {
        assertEquals(24, BoardProfile.load("hap-ac2").heapCapMib());
        assertEquals(512, BoardProfile.load("ccr2004").heapCapMib());
    }

    @Test
    void parsesListsSeparatedByCommasAndSpaces() {
        BoardProfile profile = parse(VALID);

        assertEquals(List.of("ether1", "ether2", "sfp-sfpplus1"), profile.interfaces());
        assertEquals(List.of("-Xmx128m", "-XX:+UseSerialGC"), profile.jvmOptions());
        assertEquals(128, profile.heapCapMib());
    }

    @Test
    void loadsAFileByPathWhateverItsFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-lab-board.properties");
        Files.writeString(file, VALID);

        assertEquals("test-board", BoardProfile.load(file.toString()).name());
    }

    @Test
    void anUnknownBoardNameSaysWhereItLooked() {
        var e = assertThrows(BoardProfileException.class, () -> BoardProfile.load("rb9999"));
        assertTrue(e.getMessage().contains("board/rb9999.properties"), e.getMessage());
    }

    @Test
    void aMissingFileThatIsNoBoardNameIsReported() {
        var e = assertThrows(BoardProfileException.class, () -> BoardProfile.load("../nowhere/x.properties"));
        assertTrue(e.getMessage().contains("no such file, and not a board name"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            name                    | <remove>             | missing key 'name'
            cpu.cores               | <remove>             | missing key 'cpu.cores'
            model                   | '  '                 | key 'model' is empty
            cpu.cores               | four                 | key 'cpu.cores' must be a whole number, was 'four'
            cpu.mhz                 | 0                    | key 'cpu.mhz' must be at least 1
            name                    | Test Board           | name 'Test Board' must match
            architecture            | sparc                | unknown architecture 'sparc'
            flash.type              | eeprom               | unknown flash type 'eeprom'
            flash.page-bytes        | 3000                 | flash.page-bytes must be a power of two
            flash.erase-block-bytes | 1000                 | must be a whole number of pages
            image.budget-mib        | 256                  | image.budget-mib (256) is larger than the flash (128 MiB)
            console.speed           | 115201               | console.speed 115201 is not a standard serial speed
            console.speed           | <remove>             | console.speed is required for console.device=/dev/ttyS0
            console.device          | ttyS0                | console.device must be 'stdio' or a path under /dev/
            interfaces              | ether1,ether1        | interface 'ether1' is listed twice
            interfaces              | averyveryverylongname1 | interface 'averyveryverylongname1' must match
            jvm.options             | -XX:+UseSerialGC     | exactly one heap cap (-Xmx...), found 0
            jvm.options             | -Xmx64m -Xmx32m      | exactly one heap cap (-Xmx...), found 2
            jvm.options             | -Xmx1g               | heap cap -Xmx of 1024 MiB is more than half of 512 MiB RAM
            jvm.options             | -Xmxlots             | heap cap '-Xmxlots' must look like -Xmx64m
            jvm.options             | Xmx64m               | jvm.options entry 'Xmx64m' is not an option
            runtime                 | debian-openjdk:armhf | runtime 'debian-openjdk:armhf' is for armhf, but the board is arm64
            runtime                 | Some Runtime         | runtime 'Some Runtime' must match
            runtime                 | own-minimal,debian-openjdk:armhf | runtime 'debian-openjdk:armhf' is for armhf, but the board is arm64
            runtime                 | own-minimal,         | runtime '' must match
            flash-size              | 128                  | unknown key(s) [flash-size]
            flash.partition         | <remove>             | missing key 'flash.partition'
            flash.partition         | /dev/mtdblock2       | flash.filesystem=ubifs goes with a UBI volume
            flash.filesystem        | <remove>             | flash.filesystem is required for flash.partition=ubi0:macserver
            flash.filesystem        | ' '                  | key 'flash.filesystem' is empty
            pbkdf2.library          | /usr/lib/libnettle.so | pbkdf2.library '/usr/lib/libnettle.so' must match
            pbkdf2.library          | ' '                  | key 'pbkdf2.library' is empty
            image.goal-mib          | 100                  | image.goal-mib (100) is larger than image.budget-mib
            image.goal-mib          | 0                    | key 'image.goal-mib' must be at least 1
            aot.cache               | maybe                | aot.cache must be yes or no, was 'maybe'
            """)
    void rejectsABadKeyNamingTheSourceAndTheProblem(String key, String value, String expected) {
        Properties properties = properties(VALID);
        if (value.equals("<remove>")) {
            properties.remove(key);
        } else {
            properties.setProperty(key, value);
        }

        var e = assertThrows(BoardProfileException.class, () -> BoardProfile.fromProperties(properties, "test.properties"));
        assertTrue(e.getMessage().startsWith("board profile test.properties: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void runtimeIsAListOfSourcesTriedInOrder() throws Exception {
        Properties properties = properties(VALID);
        properties.setProperty("runtime", "own-minimal,debian-trixie-openjdk-25:arm64");
        assertEquals("own-minimal,debian-trixie-openjdk-25:arm64",
                BoardProfile.fromProperties(properties, "t").runtime());
    }

    @Test
    void compactHeadersAreRefusedOnA32BitBoard() {
        Properties properties = properties(VALID);
        properties.setProperty("architecture", "armhf");
        properties.setProperty("runtime", "debian-trixie-openjdk-25:armhf");
        properties.setProperty("jvm.options", "-Xmx64m -XX:+UseCompactObjectHeaders");

        var e = assertThrows(BoardProfileException.class, () -> BoardProfile.fromProperties(properties, "t"));
        assertTrue(e.getMessage().contains("needs a 64-bit JVM; armhf is 32-bit"), e.getMessage());
    }

    @Test
    void stdioConsoleHasNoSpeedAndEmulatedFlashMayBeSmallerThanTheImage() {
        Properties properties = properties(VALID);
        properties.setProperty("console.device", "stdio");
        properties.remove("console.speed");
        properties.setProperty("flash.type", "emulated");
        properties.setProperty("image.budget-mib", "256");

        BoardProfile profile = BoardProfile.fromProperties(properties, "t");
        assertTrue(profile.console().isStdio());
        assertEquals(256, profile.imageBudgetMib());
    }

    @Test
    void theListsCannotBeChangedAfterLoading() {
        BoardProfile profile = parse(VALID);

        assertThrows(UnsupportedOperationException.class, () -> profile.interfaces().add("ether9"));
        assertThrows(UnsupportedOperationException.class, () -> profile.jvmOptions().clear());
    }

    private static BoardProfile parse(String text) {
        return BoardProfile.fromProperties(properties(text), "test");
    }

    private static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }
}
