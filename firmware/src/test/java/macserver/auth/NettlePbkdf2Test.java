package macserver.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nettle's PBKDF2 against the JDK's on this host's libnettle (Debian's libnettle8, which GnuTLS and
 * so apt itself depend on): the hEX image carries the same library built for mipsel.
 */
class NettlePbkdf2Test {

    private static final String LIBRARY = "libnettle.so.8";
    private final Random random = new Random(20261203);

    @AfterEach
    void backToTheJdk() {
        PasswordHash.use(Pbkdf2.JDK);
    }

    @Test
    void givesTheJdksBytesForEveryKindOfPassword() {
        NettlePbkdf2 nettle = NettlePbkdf2.load(LIBRARY);
        String[] passwords = {"", "a", "passwd", "pässwörd", "日本語のパスワード", "emoji \uD83D\uDE00",
                "unpaired \uD800 surrogate", "x".repeat(200)};
        for (String password : passwords) {
            byte[] salt = new byte[random.nextInt(0, 40)];
            random.nextBytes(salt);
            int iterations = random.nextInt(1, 3000);
            int length = 1 + random.nextInt(0, 80);
            assertArrayEquals(Pbkdf2.JDK.derive(password.toCharArray(), salt, iterations, length),
                    nettle.derive(password.toCharArray(), salt, iterations, length), password);
        }
    }

    @Test
    void aHashMadeByTheJdkMatchesThroughNettleAndTheOtherWayRound() {
        char[] password = "Sup3r secret".toCharArray();
        PasswordHash byJdk = PasswordHash.create(password, PasswordHash.MIN_ITERATIONS, new SecureRandom());
        PasswordHash.use(NettlePbkdf2.load(LIBRARY));
        assertTrue(byJdk.matches(password));
        PasswordHash byNettle = PasswordHash.create(password, PasswordHash.MIN_ITERATIONS, new SecureRandom());
        PasswordHash empty = PasswordHash.create(new char[0], PasswordHash.MIN_ITERATIONS, new SecureRandom());
        PasswordHash.use(Pbkdf2.JDK);
        assertTrue(byNettle.matches(password));
        assertTrue(empty.matches(new char[0]));
    }

    @Test
    void theKnownAnswerOfRfc7914IsTheJdksToo() {
        // The vector load() checks, computed by the JDK: so the constant is not just Nettle's word.
        byte[] jdk = Pbkdf2.JDK.derive("passwd".toCharArray(), "salt".getBytes(StandardCharsets.US_ASCII), 1, 32);
        byte[] nettle = NettlePbkdf2.load(LIBRARY).derive("passwd".toCharArray(),
                "salt".getBytes(StandardCharsets.US_ASCII), 1, 32);
        assertArrayEquals(jdk, nettle);
    }

    @Test
    void aLibraryThatIsNotThereOrHasNoPbkdf2IsRefusedAtLoading() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> NettlePbkdf2.load("libno-such-library.so.1"));
        assertTrue(missing.getMessage().contains("cannot load libno-such-library.so.1"), missing.getMessage());
        IllegalStateException noSymbol = assertThrows(IllegalStateException.class,
                () -> NettlePbkdf2.load("libz.so.1"));
        assertTrue(noSymbol.getMessage().contains("has no nettle_pbkdf2_hmac_sha256"), noSymbol.getMessage());
    }

    @Test
    void badArgumentsAreRefusedBeforeTheCall() {
        NettlePbkdf2 nettle = NettlePbkdf2.load(LIBRARY);
        assertThrows(IllegalArgumentException.class, () -> nettle.derive("p".toCharArray(), new byte[16], 0, 32));
        assertThrows(IllegalArgumentException.class, () -> nettle.derive("p".toCharArray(), new byte[16], 1, 0));
    }
}
