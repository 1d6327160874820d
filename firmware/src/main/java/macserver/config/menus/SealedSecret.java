package macserver.config.menus;

import java.nio.charset.StandardCharsets;
import macserver.auth.LegacySecretBox;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.MenuRules;
import macserver.config.Property;
import macserver.config.Transaction;

/**
 * A write-only secret the firmware needs back in clear (a RADIUS secret, a broker password), so
 * it cannot be hashed like a login password: the rules seal it with the device key in the same
 * transaction, and only the sealed form reaches flash.
 */
final class SealedSecret implements MenuRules {
    private final String clearName;
    private final String sealedName;

    SealedSecret(String clearName, String sealedName) {
        this.clearName = clearName;
        this.sealedName = sealedName;
    }

    @Override
    public void afterWrite(Transaction tx, Menu menu, int id, Object[] before, Object[] after) throws ConfigException {
        Property clear = menu.property(clearName);
        String text = (String) after[clear.index()];
        if (text == null) {
            return;
        }
        Object[] row = after.clone();
        row[menu.property(sealedName).index()] = text.isEmpty() ? null
                : LegacySecretBox.seal(SystemMenus.deviceKey(tx.model()), text.getBytes(StandardCharsets.UTF_8));
        row[clear.index()] = null;
        tx.setRow(menu, id, row);
    }

    /** The clear secret of a stored row, or null when none was set. Call with the model locked. */
    static byte[] open(ConfigModel model, Menu menu, String sealedName, Object[] row) {
        byte[] sealed = (byte[]) row[menu.property(sealedName).index()];
        return sealed == null ? null : LegacySecretBox.open(SystemMenus.deviceKey(model), sealed);
    }
}
