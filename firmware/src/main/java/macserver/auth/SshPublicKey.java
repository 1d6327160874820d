package macserver.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A user's SSH public key as an {@code authorized_keys} line ({@code ssh-ed25519 AAAA... comment}):
 * checked for form here, matched against the key a client offers by its wire blob. Only the
 * types that sign with SHA-2 are taken (ed25519 and the three NIST ECDSA curves); RSA keys are
 * refused because {@code ssh-rsa} signs with SHA-1 unless both ends agree otherwise.
 *
 * @param type the key type as in the line, e.g. {@code ssh-ed25519}
 * @param blob the key in SSH wire form, as the base64 field decodes
 * @param comment the text after the key (usually {@code user@host}), empty when none
 */
public record SshPublicKey(String type, byte[] blob, String comment) {

    /** Key type -> the ECDSA curve name inside its blob (null for ed25519) and the key's bits. */
    private static final Map<String, Curve> TYPES = Map.of(
            "ssh-ed25519", new Curve(null, 256, 32),
            "ecdsa-sha2-nistp256", new Curve("nistp256", 256, 65),
            "ecdsa-sha2-nistp384", new Curve("nistp384", 384, 97),
            "ecdsa-sha2-nistp521", new Curve("nistp521", 521, 133));

    private record Curve(String name, int bits, int pointBytes) {}

    public SshPublicKey {
        blob = blob.clone();
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /**
     * Parses one line; throws IllegalArgumentException with a message fit for the console when
     * it is not a key of an accepted type.
     */
    public static SshPublicKey parse(String line) {
        String[] parts = line.strip().split("\\s+", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("failure: not a public key, expected \"<type> <base64> [comment]\"");
        }
        Curve curve = TYPES.get(parts[0]);
        if (curve == null) {
            throw new IllegalArgumentException("failure: unsupported key type " + parts[0]
                    + ", use ssh-ed25519 or ecdsa-sha2-nistp256/384/521");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failure: public key is not valid base64");
        }
        checkBlob(parts[0], curve, blob);
        return new SshPublicKey(parts[0], blob, parts.length == 3 ? parts[2].strip() : "");
    }

    private static void checkBlob(String type, Curve curve, byte[] blob) {
        try {
            ByteBuffer in = ByteBuffer.wrap(blob);
            String inner = new String(string(in), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                throw new IllegalArgumentException("failure: key says " + type + " but holds a " + inner + " key");
            }
            if (curve.name() != null && !new String(string(in), StandardCharsets.US_ASCII).equals(curve.name())) {
                throw new IllegalArgumentException("failure: " + type + " key with the wrong curve");
            }
            if (string(in).length != curve.pointBytes() || in.hasRemaining()) {
                throw new IllegalArgumentException("failure: " + type + " key of the wrong length");
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("failure: public key is truncated");
        }
    }

    /** One SSH {@code string}: a 32-bit length, then that many bytes. */
    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    /** The key's size as {@code /user ssh-keys print} shows it. */
    public int bits() {
        return TYPES.get(type).bits();
    }

    /** OpenSSH's fingerprint: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
    public String fingerprint() {
        return fingerprint(blob);
    }

    /** The fingerprint of any key blob (host keys too). */
    public static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as one line, without its comment. */
    public String line() {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** True when a client offered this very key ({@code offered} in wire form). */
    public boolean matches(byte[] offered) {
        return MessageDigest.isEqual(blob, offered);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey k && type.equals(k.type) && Arrays.equals(blob, k.blob) && comment.equals(k.comment);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return line() + (comment.isEmpty() ? "" : " " + comment);
    }
}
