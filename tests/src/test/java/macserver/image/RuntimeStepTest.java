package macserver.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * image/steps/runtime.sh alone, on the host profile: the runtime= list falls back past our own
 * build when it is not built (make test never builds one), and a module jdeps finds that
 * modules.conf does not name stops the step with the module's name.
 */
class RuntimeStepTest {
    private static final Path FIRMWARE = ScriptRun.REPO.resolve("firmware/target");

    private static Path hostProfileWithRuntime(Path dir, String runtime) throws Exception {
        Path profile = dir.resolve("host.properties");
        Files.writeString(profile, Files.readString(ScriptRun.REPO.resolve("board/host.properties"))
                .replaceAll("(?m)^runtime=.*$", "runtime=" + runtime));
        return profile;
    }

    private static ScriptRun runtimeStep(Path dir, Path profile, Map<String, String> environment) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        return ScriptRun.run(List.of(ScriptRun.REPO.resolve("image/steps/runtime.sh").toString(), profile.toString(),
                out.toString(), FIRMWARE.toString()), environment, dir.resolve("runtime.log"), 300);
    }

    @Test
    void anUnbuiltOwnRuntimeFallsBackToTheNextSourceAndSaysHowToBuildIt(@TempDir Path dir) throws Exception {
        Path profile = hostProfileWithRuntime(dir, "own-minimal,temurin-host");
        Path emptyCache = Files.createDirectories(dir.resolve("cache"));

        ScriptRun run = runtimeStep(dir, profile, Map.of("IMAGE_CACHE", emptyCache.toString()));

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("make runtime ARCH=amd64 VARIANT=minimal"), run.output());
        assertEquals("temurin-host", Files.readString(dir.resolve("out/runtime-source.txt")).strip());
        assertTrue(Files.isExecutable(dir.resolve("out/runtime/bin/java")));
        assertEquals("java.base,java.logging,jdk.unsupported,java.management",
                Files.readString(dir.resolve("out/modules.txt")).strip());
    }

    @Test
    void aModuleModulesConfDoesNotNameStopsTheStep(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("modules.conf");
        Files.write(conf, Files.readAllLines(ScriptRun.REPO.resolve("image/runtime/modules.conf")).stream()
                .filter(l -> !l.matches("leave +jdk\\.jfr .*")).toList());

        ScriptRun run = runtimeStep(dir, hostProfileWithRuntime(dir, "temurin-host"),
                Map.of("IMAGE_MODULES_CONF", conf.toString()));

        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("jdk.jfr, named nowhere in " + conf), run.output());
    }
}
