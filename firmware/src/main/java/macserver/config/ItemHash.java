package macserver.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of an item's configuration (its settable, visible properties), shown as the
 * read-only {@code hash} property and used as the REST ETag: it changes whenever the item does.
 */
public final class ItemHash {
    private ItemHash() {
    }

    public static String of(ItemView item, References refs) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Property p : item.menu().properties()) {
            if (p.isStored() && p.isSettable() && p.isShown()) {
                Object v = item.row()[p.index()];
                String text = v == null ? "" : p.type().format(v, refs);
                md.update((p.name() + "=" + text + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
