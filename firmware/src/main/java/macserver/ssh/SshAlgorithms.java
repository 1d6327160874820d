package macserver.ssh;

import java.util.List;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * The only algorithms the SSH server offers, strongest first: curve25519 key exchange,
 * ed25519/ECDSA signatures (SHA-2 only, so no {@code ssh-rsa}), AEAD ciphers, and CTR with
 * SHA-2 MACs for clients that lack AEAD (Paramiko, under netmiko and Ansible). No CBC, no SHA-1,
 * no finite-field Diffie-Hellman.
 */
final class SshAlgorithms {

    static final List<BuiltinDHFactories> KEY_EXCHANGES = List.of(
            BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh);
    static final List<BuiltinCiphers> CIPHERS = List.of(
            BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256ctr, BuiltinCiphers.aes128ctr);
    static final List<BuiltinMacs> MACS = List.of(
            BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256, BuiltinMacs.hmacsha512);
    /** Host key signatures and the user key signatures accepted. */
    static final List<BuiltinSignatures> SIGNATURES = List.of(
            BuiltinSignatures.ed25519, BuiltinSignatures.nistp256, BuiltinSignatures.nistp384, BuiltinSignatures.nistp521);

    private SshAlgorithms() {
    }

    static void applyTo(SshServer server) {
        server.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, KEY_EXCHANGES, ServerBuilder.DH2KEX));
        server.setCipherFactories(List.<NamedFactory<Cipher>>copyOf(CIPHERS));
        server.setMacFactories(List.<NamedFactory<Mac>>copyOf(MACS));
        server.setSignatureFactories(List.<NamedFactory<Signature>>copyOf(SIGNATURES));
    }
}
