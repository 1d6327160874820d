package macserver.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import macserver.config.Plane;
import macserver.users.LoginService;

/**
 * Remembers recent successful REST logins for a short while, because every REST request carries
 * the password and checking it (PBKDF2) costs far more than the request. Only a salted digest of
 * the password is kept, in memory; {@link #clear} runs on any change to users or groups, so a
 * new password, a disabled user or a removed policy applies at once.
 */
final class LoginCache {
    private static final int MAX_ENTRIES = 256;

    private final LoginService logins;
    private final LongSupplier nanoTime;
    private final long ttlNanos;
    private final byte[] salt = new byte[16];
    private final Map<String, Long> validUntil = new ConcurrentHashMap<>();

    LoginCache(LoginService logins, LongSupplier nanoTime, long ttlNanos) {
        this.logins = logins;
        this.nanoTime = nanoTime;
        this.ttlNanos = ttlNanos;
        new java.security.SecureRandom().nextBytes(salt);
    }

    boolean login(String user, String password) {
        String key = user + "\n" + digest(password);
        Long until = validUntil.get(key);
        long now = nanoTime.getAsLong();
        if (until != null && now - until < 0) {
            return true;
        }
        if (logins.login(user, password.toCharArray(), Plane.REST) != LoginService.Outcome.SUCCESS) {
            return false;
        }
        if (validUntil.size() >= MAX_ENTRIES) {
            validUntil.clear();
        }
        validUntil.put(key, now + ttlNanos);
        return true;
    }

    void clear() {
        validUntil.clear();
    }

    private String digest(String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
