package macserver.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Map;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.menus.SshMenus.SshRow;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The router's SSH host key: an ed25519 pair made at first boot and kept (in OpenSSH's private
 * key format) in the hidden {@code host-key} of {@code /ip ssh}, so clients see the same key
 * after every reboot. Its type and fingerprint are written beside it for {@code /ip ssh print}.
 */
record SshHostKey(KeyPair pair, String fingerprint) {

    static final String TYPE = "ed25519";

    static {
        JdkEd25519.install();
    }

    /** The stored key, made and stored first if there is none yet. */
    static SshHostKey loadOrCreate(ConfigModel model) throws ConfigException {
        Menu menu = model.schema().menu("ip ssh");
        byte[] stored = model.read(() -> SshRow.hostKey(model.table(menu).get(1)));
        try {
            if (stored != null) {
                SshHostKey key = decode(stored);
                return key;
            }
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            SshHostKey made = new SshHostKey(pair, KeyUtils.getFingerPrint(pair.getPublic()));
            byte[] encoded = encode(pair);
            model.write(Origin.SYSTEM, tx -> {
                tx.set(menu, 1, Map.of(SshRow.HOST_KEY.in(menu), encoded,
                        SshRow.HOST_KEY_TYPE.in(menu), TYPE,
                        SshRow.HOST_KEY_FINGERPRINT.in(menu), made.fingerprint()));
                return null;
            });
            return made;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("failure: ssh host key: " + e.getMessage(), e);
        }
    }

    static byte[] encode(KeyPair pair) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "macserver", null, out);
        return out.toByteArray();
    }

    static SshHostKey decode(byte[] stored) throws IOException, GeneralSecurityException {
        Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("ssh host key"),
                new ByteArrayInputStream(stored), null);
        Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
        if (it == null || !it.hasNext()) {
            throw new GeneralSecurityException("the stored host key is unreadable");
        }
        KeyPair pair = it.next();
        return new SshHostKey(pair, KeyUtils.getFingerPrint(pair.getPublic()));
    }
}
