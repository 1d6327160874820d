package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import macserver.system.support.FirmwareProcess;
import macserver.system.support.FlashImage;
import macserver.system.support.HostTerminal;
import macserver.system.support.SocatPtyPair;
import macserver.system.support.StdioFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, rows 4-7: a copy of the real firmware's flash file is damaged from outside (random
 * bytes over a block header or a range of records, one flipped bit, a cut-short file), and the
 * packaged firmware is booted on it: it mounts, applies no transaction in part, reports every
 * loss in its log and under {@code /system store}, and the console still reaches admin.
 */
class FlashDamageSystemTest {
    private static final String PROMPT = "[admin@MikroTik] > ";

    @TempDir
    Path dir;

    private Path flash() {
        return dir.resolve("flash.img");
    }

    /** Boots the firmware on the flash, runs the commands on its console, and returns the whole transcript. */
    private String boot(String... commands) throws Exception {
        try (StdioFirmware fw = StdioFirmware.start(flash())) {
            for (String c : commands) {
                fw.send(c);
            }
            return fw.finish(180);
        }
    }

    private static String mac(int i) {
        return String.format("02:00:00:00:%02X:%02X", (i >> 8) & 0xFF, i & 0xFF);
    }

    /** The value of {@code name} in the output of a {@code print} of a single-value menu. */
    private static String field(String transcript, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + ": \"?([^\"\\n]*)\"?$").matcher(transcript);
        assertTrue(m.find(), "no " + name + " in:\n" + transcript);
        return m.group(1).trim();
    }

    private static long severeLinesAbout(String transcript, String text) {
        return transcript.lines().filter(l -> l.startsWith("macserver: SEVERE: flash damage:") && l.contains(text)).count();
    }

    /** Sets admin's password, then (a second boot writes a new block) makes the first log block's header random bytes. */
    private void destroyFactorySnapshotHeader() throws Exception {
        boot("/user set admin password=first-secret", "/user add name=ops group=read password=ops-secret");
        // A second boot writes into a new log block, so the first one (the factory snapshot) is not the newest.
        boot("/ip mac-server add name=isp");
        FlashImage image = new FlashImage(flash());
        image.randomize(image.logBlock(1), 64, 4);
    }

    @Test
    void factorySnapshotHeaderDestroyedStillLeavesTheConsoleAnAdmin() throws Exception {
        destroyFactorySnapshotHeader();

        String out = boot("/user print", "/user group print", "/system store print", "/system store damage print detail",
                "/ip mac-server print");
        assertFalse(out.contains("not enough permissions"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+admin\\s+full.*")), out);
        for (String group : List.of("read", "write", "full")) {
            assertTrue(out.lines().anyMatch(l -> l.matches("\\s*\\d+ \\*\\s+" + group + "\\s.*")), group + " group:\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.matches("0\\s+isp\\s.*")), "the later block still mounts:\n" + out);
        assertEquals("damaged at mount", field(out, "status"));
        assertEquals("1", field(out, "missing-blocks"));
        assertTrue(field(out, "restored").contains("user admin"), out);
        assertTrue(out.contains("transactions=\"up to "), out);
        assertEquals(1, severeLinesAbout(out, "re-created group read, group write, group full, user admin"), out);
        assertTrue(severeLinesAbout(out, "lost") >= 1, out);

        // The console's admin has the factory password and sets a new one, as after a reset.
        String next = boot("/user set admin password=new-secret", "/user print");
        assertFalse(next.contains("not enough permissions") || next.contains("failure"), next);
        assertTrue(next.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+admin\\s+full.*")), next);
    }

    @Test
    void serialConsoleLogsInAsAdminAfterTheUsersAreLost() throws Exception {
        destroyFactorySnapshotHeader();
        Duration wait = Duration.ofSeconds(30);
        String prompt = "[admin@MikroTik] ";
        try (SocatPtyPair line = SocatPtyPair.start(dir);
                FirmwareProcess firmware = FirmwareProcess.start(dir, "--console=" + line.routerEnd(), "--flash=" + flash());
                HostTerminal host = new HostTerminal(line.hostEnd())) {
            try {
                host.type("\r");
                host.await("MikroTik Login: ", wait);
                // The password set before the damage is gone with it: admin is back on the factory one.
                host.type("admin\r");
                host.await("Password: ", wait);
                host.type("\r");
                host.await("new password> ", wait);
                host.type("after-Damage-1\r");
                host.await("repeat new password> ", wait);
                host.type("after-Damage-1\r");
                host.await(prompt, wait);
                host.type("/system store print\r");
                String status = host.await(prompt, wait);
                assertTrue(status.contains("restored: ") && status.contains("user admin"), status);
                host.type("/user print\r");
                String users = host.await(prompt, wait);
                assertFalse(users.contains("not enough permissions"), users);
                assertTrue(users.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+admin\\s+full.*")), users);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- firmware log ---\n" + firmware.log(), e);
            }
        }
    }

    @Test
    void oneFlippedBitInA500RecordRemovalKeepsAllOfTheBindings() throws Exception {
        String[] commands = new String[503];
        commands[0] = "/ip mac-server add name=isp";
        for (int i = 0; i < 500; i++) {
            commands[1 + i] = "/ip mac-server binding add mac-address=" + mac(i) + " server=isp";
        }
        commands[501] = "/ip mac-server binding remove [find]";
        commands[502] = "/ip mac-server binding print count-only";
        String first = boot(commands);
        assertTrue(first.lines().anyMatch(l -> l.equals("0")), "the removal ran:\n" + first.substring(Math.max(0, first.length() - 2000)));
        FlashImage image = new FlashImage(flash());
        // DELETE records: magic A7, type 2, payload length 8 (the key).
        List<Long> deletes = image.findAll(new byte[] {(byte) 0xA7, 2, 0, 8});
        assertEquals(500, deletes.size(), "the removal's records");
        image.flipBit(deletes.get(249) + 8 + 7, 0);

        String out = boot("/ip mac-server binding print count-only", "/system store print", "/system store damage print detail");
        assertTrue(out.lines().anyMatch(l -> l.equals("500")), "a removal applies whole or not at all:\n" + out);
        assertEquals("1", field(out, "lost-transactions"));
        assertEquals("1", field(out, "damaged-records"));
        assertTrue(out.contains("cause=\"a damaged record inside it\""), out);
        assertTrue(out.contains("touched=\"/ip mac-server binding ") && out.contains("and 491 more record(s)"), out);
        assertEquals(1, severeLinesAbout(out, "lost (a damaged record inside it); touched: /ip mac-server binding"), out);
    }

    @Test
    void fourKibOfRandomBytesReportEveryTransactionTheyTook() throws Exception {
        String[] commands = new String[42];
        commands[0] = "/user set admin password=changed-secret";
        commands[1] = "/ip mac-server add name=isp";
        for (int i = 0; i < 40; i++) {
            commands[2 + i] = "/ip mac-server binding add mac-address=" + mac(i) + " server=isp comment=n" + i;
        }
        boot(commands);
        FlashImage image = new FlashImage(flash());
        image.randomize(image.logBlock(1) + 0x1000, 4096, 6);

        String out = boot("/ip mac-server binding print count-only", "/system store print", "/system store damage print detail");
        String lost = field(out, "lost-transactions");
        assertTrue(lost.matches("[1-9]\\d*"), "the count is known exactly: " + lost + "\n" + out);
        long rows = out.lines().filter(l -> l.matches("\\s*\\d+\\s+transactions=.*")).count();
        long logged = severeLinesAbout(out, " lost (");
        assertTrue(rows >= 1, out);
        assertEquals(rows, logged, "every lost run is both listed and logged:\n" + out);
        Matcher count = Pattern.compile("(?m)^(\\d+)$").matcher(out);
        assertTrue(count.find(), out);
        int bindings = Integer.parseInt(count.group(1));
        assertTrue(40 - bindings <= Integer.parseInt(lost),
                "every binding that is gone went with a reported transaction: " + bindings + " of 40, lost " + lost + "\n" + out);
    }

    @Test
    void cutShortImageMountsItsIntactPrefix() throws Exception {
        boot("/ip mac-server add name=isp", "/ip mac-server binding add mac-address=" + mac(1) + " server=isp");
        FlashImage image = new FlashImage(flash());
        image.truncate(576 * 1024);

        String out = boot("/ip mac-server binding print count-only", "/system store print");
        assertTrue(out.lines().anyMatch(l -> l.equals("1")), "what the prefix held is there:\n" + out);
        assertEquals(Long.toString(FlashImage.SIZE - 576 * 1024), field(out, "missing-bytes"));
        assertEquals("damaged at mount", field(out, "status"));
        assertEquals(1, severeLinesAbout(out, "the flash image was cut short"), out);
        assertEquals(FlashImage.SIZE, Files.size(flash()), "the file is whole again");

        image.truncate(100);
        String tiny = boot("/user print", "/system store print", "/ip mac-server print");
        assertFalse(tiny.contains("not enough permissions"), tiny);
        assertTrue(tiny.lines().anyMatch(l -> l.matches("\\s*\\d+\\s+admin\\s+full.*")), tiny);
        assertEquals(Long.toString(FlashImage.SIZE - 100), field(tiny, "missing-bytes"));
    }
}
