package macserver.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import macserver.board.BoardProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make image BOARD=host`, as `make test` can afford it (IMAGE_FAST=yes: 128 KiB squashfs
 * blocks, parts measured unpacked only): the image and its manifest, checked against the image
 * file itself and the board profile. The first run downloads Debian 13's amd64 libc6 and
 * Debian 12's busybox source into image/build/cache, and builds that busybox there with this
 * machine's gcc (under a minute; image/steps/busybox.sh).
 */
class HostImageTest {
    private static final Path OUT = ScriptRun.REPO.resolve("tests/target/image-host");
    /** Guards against a hung build; not a speed requirement. */
    private static final long LIMIT_SECONDS = 600;

    private static ScriptRun build;
    private static Properties manifest;

    @BeforeAll
    static void buildTheHostImage() throws Exception {
        Files.createDirectories(OUT);
        build = ScriptRun.run(List.of(ScriptRun.REPO.resolve("image/build-image.sh").toString(), "host", OUT.toString()),
                Map.of("IMAGE_FAST", "yes", "FIRMWARE", ScriptRun.REPO.resolve("firmware/target").toString()),
                OUT.resolveSibling("image-host.log"), LIMIT_SECONDS);
        assertEquals(0, build.status(), "image/build-image.sh host failed:\n" + build.output());
        manifest = new Properties();
        manifest.load(new StringReader(Files.readString(OUT.resolve("manifest.properties"))));
    }

    @Test
    void theManifestDescribesTheImageFile() throws Exception {
        Path image = OUT.resolve("host.squashfs");

        assertEquals("host.squashfs", manifest.getProperty("image"));
        assertEquals(Long.toString(Files.size(image)), manifest.getProperty("image.bytes"));
        assertEquals(sha256(image), manifest.getProperty("image.sha256"));
        assertEquals("host", manifest.getProperty("board"));
        assertEquals("x86_64", manifest.getProperty("architecture"));
        assertTrue(manifest.getProperty("runtime.version").startsWith("25"), manifest.getProperty("runtime.version"));
        assertTrue(manifest.getProperty("firmware.version").matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), manifest.getProperty("firmware.version"));
        assertEquals("yes", manifest.getProperty("aot-cache"));
    }

    @Test
    void theImageFitsTheBoardsBudgetAndEveryPartIsSized() throws Exception {
        long budget = BoardProfile.load("host").imageBudgetMib() * 1024L * 1024L;

        assertEquals(Long.toString(budget), manifest.getProperty("image.budget-bytes"));
        assertTrue(Long.parseLong(manifest.getProperty("image.bytes")) <= budget);
        long parts = 0;
        for (String part : List.of("runtime", "firmware", "aot-cache", "c-library", "busybox")) {
            long bytes = Long.parseLong(manifest.getProperty("part." + part + ".files", "0"));
            assertNotEquals(0, bytes, part + " has no size in the manifest");
            assertTrue(build.output().lines().anyMatch(l -> l.matches("image: +" + part + " +[0-9.]+ MiB.*")), part + " size not printed");
            parts += bytes;
        }
        // Unpacked, the parts are larger than the compressed image.
        assertTrue(parts > Long.parseLong(manifest.getProperty("image.bytes")));
    }

    @Test
    void theRuntimeHoldsTheKeptModulesOfModulesConfAndNoOthers() throws Exception {
        List<String> modules = List.of(manifest.getProperty("runtime.modules").split(","));
        List<String> kept = Files.readAllLines(ScriptRun.REPO.resolve("image/runtime/modules.conf")).stream()
                .map(String::strip).filter(l -> l.startsWith("keep ")).map(l -> l.split("\\s+")[1]).toList();

        assertEquals(kept, modules);
        assertTrue(modules.containsAll(List.of("java.base", "java.logging")), modules.toString());
        assertFalse(modules.contains("java.desktop"), "an optional module (java.desktop) was linked in: " + modules);
        assertFalse(modules.contains("java.sql") || modules.contains("jdk.jfr"), "an optional module was linked in: " + modules);
    }

    @Test
    void theImageHoldsInitTheSupervisorTheRuntimeAndOnlyThisArchitecturesNatives() throws Exception {
        ScriptRun listing = ScriptRun.run(List.of("unsquashfs", "-l", "-n", OUT.resolve("host.squashfs").toString()), Map.of(),
                OUT.resolveSibling("image-host-listing.log"), 120);
        assertEquals(0, listing.status(), listing.output());
        List<String> files = listing.output().lines().map(String::strip).toList();

        for (String path : List.of("squashfs-root/init", "squashfs-root/usr/sbin/macserver-supervise",
                "squashfs-root/usr/sbin/macserver-start", "squashfs-root/etc/macserver/boot.conf",
                "squashfs-root/etc/macserver/board.properties", "squashfs-root/opt/macserver/runtime/bin/java",
                "squashfs-root/opt/macserver/macserver.aot", "squashfs-root/opt/macserver/firmware/macserver.jar",
                "squashfs-root/usr/bin/busybox", "squashfs-root/lib64", "squashfs-root/usr/lib64/ld-linux-x86-64.so.2",
                "squashfs-root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "squashfs-root/usr/lib/x86_64-linux-gnu/libc.so.6")) {
            assertTrue(files.contains(path), path + " is missing from the image");
        }
        assertFalse(files.stream().anyMatch(f -> f.endsWith(".debuginfo") || f.endsWith(".jsa")), "debug files or CDS archives");
        String jserialcomm = files.stream().filter(f -> f.contains("jSerialComm")).findFirst().orElseThrow();
        List<String> natives = jarEntries(OUT.resolve("rootfs").resolve(jserialcomm.substring("squashfs-root/".length())))
                .stream().filter(e -> e.endsWith(".so") || e.endsWith(".dll") || e.endsWith(".jnilib")).toList();
        assertEquals(List.of("Linux/x86_64/libjSerialComm.so"), natives);
    }

    @Test
    void anImageOverItsBudgetFailsTheBuildAndSaysWhy(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("tiny.properties");
        Files.writeString(profile, Files.readString(ScriptRun.REPO.resolve("board/host.properties"))
                .replaceAll("(?m)^name=.*$", "name=tiny").replaceAll("(?m)^image\\.budget-mib=.*$", "image.budget-mib=1"));
        Path rootfs = Files.createDirectories(dir.resolve("out/rootfs/opt/macserver/runtime"));
        byte[] noise = new byte[3 << 20];
        new java.util.Random(8).nextBytes(noise); // incompressible: 3 MiB stays 3 MiB
        Files.write(rootfs.resolve("noise"), noise);

        ScriptRun pack = ScriptRun.run(List.of(ScriptRun.REPO.resolve("image/steps/pack.sh").toString(), profile.toString(),
                dir.resolve("out").toString()), Map.of("IMAGE_FAST", "yes"), dir.resolve("pack.log"), 120);

        assertEquals(1, pack.status(), pack.output());
        assertTrue(pack.output().contains("over board tiny's flash budget of 1 MiB"), pack.output());
    }

    private static List<String> jarEntries(Path jar) throws IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
