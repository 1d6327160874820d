package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import macserver.system.support.StdioFirmware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the firmware during a burst of binding adds through its console: after a
 * restart on the same flash, every add the console acknowledged is there.
 */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    private static String mac(int i) {
        return String.format("02:00:00:%02X:%02X:%02X", (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF);
    }

    @Test
    void everyAcknowledgedAddSurvivesKill9() throws Exception {
        Path flash = dir.resolve("flash.img");
        int acknowledged = 0;
        try (StdioFirmware fw = StdioFirmware.start(flash)) {
            fw.send("/ip mac-server add name=isp");
            fw.send("/ip mac-server print count-only");
            fw.await("[admin@MikroTik] > /ip mac-server print count-only", 60);
            // Keep several adds in flight, so the kill lands between acknowledgement and the next add.
            int sent = 0;
            for (; sent < 8; sent++) {
                fw.send(addAndConfirm(sent));
            }
            long killAfter = 150 + (System.nanoTime() % 100);
            while (acknowledged < killAfter) {
                // find prints the new item's id only after the add in the same line was durable.
                fw.awaitLine(String.format("*%X", acknowledged + 1), 30);
                acknowledged++;
                fw.send(addAndConfirm(sent++));
            }
            fw.kill9();
        }
        try (StdioFirmware fw = StdioFirmware.start(flash)) {
            fw.send("/ip mac-server binding print terse proplist=mac-address");
            String out = fw.finish(60);
            Set<String> present = new HashSet<>();
            for (String line : out.split("\n")) {
                int at = line.indexOf("mac-address=");
                if (at >= 0) {
                    present.add(line.substring(at + "mac-address=".length()).trim());
                }
            }
            for (int i = 0; i < acknowledged; i++) {
                assertTrue(present.contains(mac(i)), "acknowledged add " + i + " (" + mac(i) + ") lost; transcript:\n" + out);
            }
            assertTrue(present.size() >= acknowledged, out);
            assertTrue(present.size() <= acknowledged + 8, "more adds than were sent: " + present.size());
            assertEquals(present.size(), present.stream().filter(m -> m.startsWith("02:00:00:")).count());
        }
    }

    private static String addAndConfirm(int i) {
        return "/ip mac-server binding add mac-address=" + mac(i) + " server=isp; /ip mac-server binding find mac-address=" + mac(i);
    }
}
