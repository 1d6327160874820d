package macserver.config.menus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HexFormat;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** Identifiers shown to the network come from the device key one way only, and differ per purpose. */
class DeviceIdentifierTest {
    private final TestModels.Clocked t = TestModels.fresh();

    @Test
    void identifiersAreStableAndShowNoBytesOfTheKey() {
        byte[] key = t.model.read(() -> SystemMenus.deviceKey(t.model));
        byte[] client = t.model.read(() -> SystemMenus.deviceIdentifier(t.model, "mqtt client-id", 6));
        byte[] softid = t.model.read(() -> SystemMenus.deviceIdentifier(t.model, "mndp softid", 4));
        assertEquals(6, client.length);
        assertArrayEquals(client, t.model.read(() -> SystemMenus.deviceIdentifier(t.model, "mqtt client-id", 6)));
        String keyHex = HexFormat.of().formatHex(key);
        assertFalse(keyHex.contains(HexFormat.of().formatHex(client, 0, 3)), "client id reveals key bytes");
        assertFalse(keyHex.contains(HexFormat.of().formatHex(softid, 0, 3)), "softid reveals key bytes");
        assertFalse(HexFormat.of().formatHex(client).startsWith(HexFormat.of().formatHex(softid)));
    }
}
