package macserver.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
