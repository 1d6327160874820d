package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import macserver.cli.CliSession;
import macserver.cli.ModelCliSessions;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.RowCodec;
import macserver.config.menus.SystemMenus;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

/** The legacy MD5 login's password is kept sealed under the device key, and only when allowed. */
class LegacyMd5SecretTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final CliSession cli = new ModelCliSessions(t.model, "test").open("admin", Plane.STDIO);
    private final Menu users = t.model.schema().menu("user");

    private Credentials credentials(String user) throws Exception {
        return Credentials.decode(t.model.read(() -> (byte[]) t.model.table(users).get(t.model.idByName(users, user))
                [users.property("credentials").index()]));
    }

    @Test
    void offByDefaultAndSealedWhenAllowed() throws Exception {
        cli.execute("/user add name=old group=full password=legacy1");
        assertTrue(credentials("old").legacyMd5Secret().isEmpty());
        assertEquals("failure: allow-md5-login=yes needs the password in the same command\n",
                cli.execute("/user set old allow-md5-login=yes"));
        assertEquals("", cli.execute("/user set old allow-md5-login=yes password=legacy2"));
        byte[] sealed = credentials("old").legacyMd5Secret().orElseThrow();
        byte[] key = t.model.read(() -> SystemMenus.deviceKey(t.model));
        assertArrayEquals("legacy2".getBytes(StandardCharsets.UTF_8), LegacySecretBox.open(key, sealed));
        Object[] row = t.model.read(() -> t.model.table(users).get(t.model.idByName(users, "old")));
        String onFlash = new String(RowCodec.encode(users, row), StandardCharsets.ISO_8859_1);
        assertTrue(!onFlash.contains("legacy2"));
        assertEquals("", cli.execute("/user set old allow-md5-login=no"));
        assertTrue(credentials("old").legacyMd5Secret().isEmpty());
        assertTrue(credentials("old").matches("legacy2".toCharArray()), "the password itself is unchanged");
    }

    @Test
    void aBoxOpensOnlyWithItsKey() {
        byte[] box = LegacySecretBox.seal(LegacySecretBox.newKey(), "pw".getBytes(StandardCharsets.UTF_8));
        assertNull(LegacySecretBox.open(LegacySecretBox.newKey(), box));
        assertNull(LegacySecretBox.open(LegacySecretBox.newKey(), new byte[5]));
    }

    @Test
    void theDeviceKeyIsHiddenFromTheCli() {
        assertTrue(cli.execute("/system device print").startsWith("bad command name device"));
        assertTrue(!cli.execute("/export verbose").contains("key"));
    }
}
