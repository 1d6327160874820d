package macserver.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image/rootfs/macserver-start, the command line the image starts the firmware with, read back
 * by putting printf where the emulator launcher would go (so nothing runs but the script).
 */
class StartScriptTest {
    private static final Path START = ScriptRun.REPO.resolve("image/rootfs/macserver-start");

    @TempDir
    Path root;

    private List<String> commandLine(String bootConf, Map<String, String> extra) throws Exception {
        Files.createDirectories(root.resolve("etc/macserver"));
        Files.writeString(root.resolve("etc/macserver/boot.conf"), bootConf);
        Map<String, String> environment = new HashMap<>(Map.of("MACSERVER_ROOT", root.toString(),
                "MACSERVER_LAUNCHER", "printf %s\\n"));
        environment.putAll(extra);
        ScriptRun run = ScriptRun.run(List.of("sh", START.toString()), environment, root.resolve("out.log"), 30);
        assertEquals(0, run.status(), run.output());
        return run.output().lines().toList();
    }

    private static final String RB5009 = """
            BOARD_NAME=rb5009
            CONSOLE_DEVICE=/dev/ttyS0
            CONSOLE_SPEED=115200
            JVM_OPTIONS=-Xmx256m\\ -XX:+UseSerialGC
            """;

    @Test
    void theProfilesJvmOptionsConsoleAndFlashFile() throws Exception {
        List<String> args = commandLine(RB5009, Map.of());

        assertEquals(root + "/opt/macserver/runtime/bin/java", args.getFirst());
        assertTrue(args.containsAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "--console=/dev/ttyS0", "--speed=115200", "--flash=/flash/macserver.flash",
                "--board=" + root + "/etc/macserver/board.properties")), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), "no cache in this root, so no -XX:AOTCache");
    }

    @Test
    void theImagesAotCacheIsUsedWhenItIsThere() throws Exception {
        Files.createDirectories(root.resolve("opt/macserver"));
        Files.writeString(root.resolve("opt/macserver/macserver.aot"), "cache");

        List<String> args = commandLine(RB5009, Map.of());

        assertTrue(args.contains("-XX:AOTCache=" + root + "/opt/macserver/macserver.aot"), args.toString());
    }

    @Test
    void theKernelCommandLinesConsoleWinsAndStdioHasNoSpeed() throws Exception {
        List<String> args = commandLine(RB5009, Map.of("MACSERVER_CONSOLE", "stdio", "MACSERVER_FLASH", "/run/x.flash"));

        assertTrue(args.contains("--console=stdio"), args.toString());
        assertTrue(args.contains("--flash=/run/x.flash"), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.startsWith("--speed")), args.toString());
    }
}
