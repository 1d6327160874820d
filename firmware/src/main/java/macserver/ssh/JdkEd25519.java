package macserver.ssh;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSAUtils;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * ssh-ed25519 for Apache MINA SSHD on the JDK's own Ed25519 (SunEC, JDK 15+). MINA SSHD finds
 * Ed25519 only through a registrar that offers an {@link EdDSASupport}, and ships two: one for
 * BouncyCastle and one for net.i2p's EdDSA library. This is a third, so the firmware needs
 * neither. {@link #install()} registers it; it must run before the first SSH key is read or made.
 * Only the registrar's EdDSA support is used: it claims no other security entity, so every other
 * algorithm still comes from the JDK's providers as before.
 */
final class JdkEd25519 implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {
    private static final String ALGORITHM = "Ed25519";
    private static final int SEED_BYTES = 32;
    private static final JdkEd25519 INSTANCE = new JdkEd25519();

    private final PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> publicDecoder =
            new GenericEd25519PublicKeyDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this) {
                @Override
                public KeyPairGenerator getKeyPairGenerator() throws GeneralSecurityException {
                    return new Generator(KeyPairGenerator.getInstance(ALGORITHM));
                }
            };
    private final PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> privateDecoder =
            new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);

    private JdkEd25519() {}

    /** Registers the JDK's Ed25519 with MINA SSHD (once; later calls do nothing). */
    static synchronized void install() {
        if (SecurityUtils.getRegisteredProvider(Registrar.NAME) == null) {
            SecurityUtils.registerSecurityProvider(new Registrar());
        }
    }

    /** The registrar MINA SSHD asks for EdDSA support; the JDK's SunEC is its provider. */
    static final class Registrar extends AbstractSecurityProviderRegistrar {
        static final String NAME = "JdkEd25519";

        Registrar() {
            super(NAME);
        }

        @Override
        public boolean isSupported() {
            return provider() != null;
        }

        @Override
        public Provider getSecurityProvider() {
            return provider();
        }

        private static Provider provider() {
            try {
                return KeyFactory.getInstance(ALGORITHM).getProvider();
            } catch (GeneralSecurityException e) {
                return Security.getProvider("SunEC");
            }
        }

        @Override
        public boolean isNamedProviderUsed() {
            return false;
        }

        /** No cipher, digest or signature is looked up through this registrar: the JDK's as usual. */
        @Override
        public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
            return false;
        }

        @Override
        public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
            return Optional.of(INSTANCE);
        }
    }

    @Override
    public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
        return publicDecoder;
    }

    @Override
    public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
        return privateDecoder;
    }

    @Override
    public Signature getEDDSASigner() {
        return new GenericSignatureEd25519(ALGORITHM);
    }

    @Override
    public int getEDDSAKeySize(Key key) {
        return key instanceof EdECPublicKey || key instanceof EdECPrivateKey ? KEY_SIZE : -1;
    }

    @Override
    public Class<EdECPublicKey> getEDDSAPublicKeyType() {
        return EdECPublicKey.class;
    }

    @Override
    public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
        return EdECPrivateKey.class;
    }

    @Override
    public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
        return k1 instanceof EdECPublicKey && k2 instanceof EdECPublicKey && Arrays.equals(k1.getEncoded(), k2.getEncoded());
    }

    @Override
    public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
        return k1 instanceof EdECPrivateKey a && k2 instanceof EdECPrivateKey b
                && a.getBytes().isPresent() && b.getBytes().isPresent()
                && java.security.MessageDigest.isEqual(a.getBytes().get(), b.getBytes().get());
    }

    /**
     * The public key of a private one. The JDK has no call for it, but its Ed25519 key pair
     * generator takes the private key as the first 32 random bytes it draws: fed the seed, it
     * makes that seed's pair.
     */
    @Override
    public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey edKey)) {
            throw new InvalidKeyException("not an Ed25519 private key: " + (key == null ? null : key.getAlgorithm()));
        }
        byte[] seed = edKey.getBytes().orElseThrow(() -> new InvalidKeyException("the private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        return (EdECPublicKey) generator.generateKeyPair().getPublic();
    }

    /**
     * The JDK's Ed25519 generator, taking the key size MINA SSHD asks for (256: the bits of an
     * Ed25519 key as SSH counts them) where the JDK's wants 255 (the curve's field size).
     */
    private static final class Generator extends KeyPairGenerator {
        private final KeyPairGenerator jdk;

        Generator(KeyPairGenerator jdk) {
            super(ALGORITHM);
            this.jdk = jdk;
        }

        @Override
        public void initialize(int keySize, SecureRandom random) {
            if (keySize != KEY_SIZE && keySize != 255) {
                throw new java.security.InvalidParameterException("an Ed25519 key has 256 bits, not " + keySize);
            }
            try {
                jdk.initialize(NamedParameterSpec.ED25519, random);
            } catch (java.security.InvalidAlgorithmParameterException e) {
                throw new java.security.InvalidParameterException(e.getMessage());
            }
        }

        @Override
        public void initialize(java.security.spec.AlgorithmParameterSpec params, SecureRandom random)
                throws java.security.InvalidAlgorithmParameterException {
            jdk.initialize(params, random);
        }

        @Override
        public java.security.KeyPair generateKeyPair() {
            return jdk.generateKeyPair();
        }
    }

    /** Hands out one seed, once; anything more is a misuse and fails. */
    private static final class SeedRandom extends SecureRandom {
        private byte[] seed;

        SeedRandom(byte[] seed) {
            super(new byte[0]);
            this.seed = seed.clone();
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            if (seed == null || bytes.length != seed.length) {
                throw new IllegalStateException("the seed of a key was asked for twice, or at another length");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
            Arrays.fill(seed, (byte) 0);
            seed = null;
        }
    }

    @Override
    public EdECPublicKey generateEDDSAPublicKey(byte[] keyData) throws GeneralSecurityException {
        return (EdECPublicKey) KeyFactory.getInstance(ALGORITHM).generatePublic(EdDSAUtils.createPublicKeySpec(keyData));
    }

    @Override
    public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException, IOException {
        if (seed.length != SEED_BYTES) {
            throw new InvalidKeyException("an Ed25519 private key is " + SEED_BYTES + " bytes, not " + seed.length);
        }
        return (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM)
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    }

    @Override
    public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
        try {
            buffer.putBytes(EdDSAUtils.getBytes(key));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return buffer;
    }

    @Override
    public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey publicKey, PrivateKey privateKey) {
        // MINA's own supports (BouncyCastle's included) leave this out too (its issue SSHD-440).
        throw new UnsupportedOperationException("writing an Ed25519 key pair into a buffer is not supported");
    }

    @Override
    public KeySpec createPublicKeySpec(EdECPublicKey key) {
        return new X509EncodedKeySpec(key.getEncoded());
    }

    @Override
    public KeySpec createPrivateKeySpec(EdECPrivateKey key) {
        return new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.getBytes().orElseThrow());
    }

    @Override
    public byte[] getPublicKeyData(EdECPublicKey key) {
        try {
            return EdDSAUtils.getBytes(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] getPrivateKeyData(EdECPrivateKey key) throws IOException {
        return key.getBytes().orElseThrow(() -> new IOException("the Ed25519 private key hides its bytes"));
    }

    @Override
    public String getKeyFactoryAlgorithm() {
        return ALGORITHM;
    }
}
