package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import macserver.board.BoardProfile;
import macserver.config.Menu;
import macserver.config.menus.LiveStatus;
import macserver.config.menus.StandardSchema;
import org.junit.jupiter.api.Test;

class SystemStatusTest {
    @Test
    void versionIsRouterOsFormAndTheFirmwaresOwnIsKeptBeside() throws Exception {
        SystemStatus status = new SystemStatus(BoardProfile.load("host"), "0.1.0-test", () -> 1234);
        Menu resource = StandardSchema.create(new LiveStatus()).menu("system resource");
        Object[] row = status.resource().getFirst();
        assertEquals(resource.properties().size() + 1, row.length, "one value per property, then the id");
        String version = (String) row[resource.property("version").index()];
        assertTrue(version.matches("7\\.\\d+\\.\\d+ \\(stable\\)"), version);
        assertEquals(SystemStatus.ROUTEROS_VERSION, version);
        assertEquals("0.1.0-test", row[resource.property("firmware-version").index()]);
        assertEquals(1234L, row[resource.property("free-hdd-space").index()]);
        assertEquals(List.of(1), List.of(row[row.length - 1]));
    }

    @Test
    void memoryIsTheMachinesNotTheProfilesNominalRam() {
        BoardProfile hapAc2 = BoardProfile.load("hap-ac2"); // 128 MiB in its profile
        Menu resource = StandardSchema.create(new LiveStatus()).menu("system resource");
        MemInfo machine = new MemInfo(124112L * 1024, 80356L * 1024);
        Object[] row = new SystemStatus(hapAc2, "t", () -> 0, () -> Optional.of(machine)).resource().getFirst();
        assertEquals(124112L * 1024, row[resource.property("total-memory").index()]);
        assertEquals(80356L * 1024, row[resource.property("free-memory").index()]);

        // This machine's own /proc/meminfo, not the profile's 128 MiB (this host has more).
        Optional<MemInfo> here = MemInfo.read(MemInfo.PROC_MEMINFO);
        if (here.isPresent()) {
            Object[] real = new SystemStatus(hapAc2, "t", () -> 0).resource().getFirst();
            assertEquals(here.get().totalBytes(), real[resource.property("total-memory").index()]);
        }
    }

    @Test
    void withoutMeminfoTheProfilesRamLessTheHeapInUse() {
        Menu resource = StandardSchema.create(new LiveStatus()).menu("system resource");
        Object[] row = new SystemStatus(BoardProfile.load("hap-ac2"), "t", () -> 0, Optional::empty).resource().getFirst();
        long total = (Long) row[resource.property("total-memory").index()];
        long free = (Long) row[resource.property("free-memory").index()];
        assertEquals(128L << 20, total);
        // The heap in use is this test JVM's, which may be over the hAP's 128 MiB: then nothing is free.
        assertTrue(free < total && free >= 0, free + " of " + total);
    }
}
