package macserver.mactelnet;

import java.security.SecureRandom;
import java.util.Arrays;
import macserver.auth.EcSrp5ServerLogin;
import macserver.auth.EcSrp5Verifier;
import macserver.auth.FakeVerifiers;
import macserver.auth.InvalidPointException;
import macserver.auth.Md5Challenge;

/**
 * The authentication half of one session. The method follows from the client's first auth DATA
 * (§4.1): a client PASSSALT means EC-SRP5, BEGINAUTH alone means the legacy MD5 challenge. Every
 * path looks the same to the client whether or not the user exists or may log in; the answer
 * comes only from {@link #attempt}.
 */
final class SessionLogin {

    enum Mode { NONE, EC_SRP5, MD5 }

    private final LoginGate logins;
    private final FakeVerifiers fakes;
    private final SecureRandom random;
    private Mode mode = Mode.NONE;
    private EcSrp5ServerLogin srp;
    private String srpUser;
    private Md5Challenge md5;
    /** The remote check's answer, set by whichever thread the host answers on. */
    private volatile RemoteVerdict verdict;
    private String remoteUser;
    /** The MD5 response, kept while a REMOTE_THEN_LOCAL check runs (zeroed once it is used). */
    private byte[] heldResponse;

    SessionLogin(LoginGate logins, FakeVerifiers fakes, SecureRandom random) {
        this.logins = logins;
        this.fakes = fakes;
        this.random = random;
    }

    Mode mode() {
        return mode;
    }

    /**
     * The 49-byte server PASSSALT answering the client's key, or null when the login cannot go on
     * (an MD5 exchange already began, another user name than before, or a key that is no usable
     * curve point).
     */
    byte[] serverKey(String user, byte[] clientKey) {
        if (mode == Mode.MD5 || (srp != null && !srpUser.equals(user))) {
            return null;
        }
        if (srp == null) {
            LoginMaterial material = logins.loginMaterial(user);
            EcSrp5Verifier verifier = material != null && material.verifier() != null
                    ? material.verifier()
                    : fakes.forUnknownUser(user);
            srp = new EcSrp5ServerLogin(verifier, random);
            srpUser = user;
            mode = Mode.EC_SRP5;
        }
        try {
            return srp.serverKey(clientKey);
        } catch (InvalidPointException | IllegalStateException e) {
            return null;
        }
    }

    /** The MD5 salt to send for a BEGINAUTH (the same one every time), or null once EC-SRP5 has begun. */
    byte[] md5Salt() {
        if (mode == Mode.EC_SRP5) {
            return null;
        }
        if (md5 == null) {
            md5 = Md5Challenge.create(random);
            mode = Mode.MD5;
        }
        return md5.salt();
    }

    /**
     * Checks the PASSWORD value for {@code user} (cut at '+'). The proof is checked even when the
     * answer is already "no" (locked out, not allowed), so the time taken gives nothing away.
     */
    boolean attempt(String user, byte[] password, boolean lockedOut) {
        LoginMaterial material = logins.loginMaterial(user);
        boolean allowed = material != null && material.macTelnetAllowed() && !lockedOut;
        return switch (mode) {
            case EC_SRP5 -> {
                boolean proofOk = password.length == EcSrp5ServerLogin.PROOF_LENGTH && srp.verify(password);
                yield proofOk && allowed && user.equals(srpUser) && material.verifier() != null;
            }
            case MD5 -> {
                byte[] secret = material == null ? null : material.md5Secret();
                if (secret == null) {
                    yield false;
                }
                try {
                    yield md5.verify(secret, password) && allowed;
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
            case NONE -> false;
        };
    }

    /**
     * Hands an MD5 login to the host's remote check when {@code route} asks for one. Returns
     * false (nothing started) for a local route or an EC-SRP5 login; otherwise the verdict comes
     * to {@link #takeVerdict} later and {@code wake} is run once it is there.
     */
    boolean checkRemotely(long clientMac, int serverId, String user, byte[] password, LoginRoute route, Runnable wake) {
        if (route == LoginRoute.LOCAL || mode != Mode.MD5 || remoteUser != null
                || password.length != Md5Challenge.RESPONSE_LENGTH) {
            return false;
        }
        remoteUser = user;
        if (route == LoginRoute.REMOTE_THEN_LOCAL) {
            heldResponse = password.clone();
        }
        logins.checkRemotely(new RemoteLogin(clientMac, serverId, user, md5.salt(), password), v -> {
            verdict = v;
            wake.run();
        });
        return true;
    }

    /** The remote verdict once it has come (then null again), or null while the check runs. */
    RemoteVerdict takeVerdict() {
        RemoteVerdict v = verdict;
        verdict = null;
        return v;
    }

    /** The user a remote check is (or was) about. */
    String remoteUser() {
        return remoteUser;
    }

    /**
     * After a remote check went unanswered on a REMOTE_THEN_LOCAL route: the local check of the
     * same response. False when nothing was held (a REMOTE route).
     */
    boolean attemptLocallyInstead(boolean lockedOut) {
        byte[] held = heldResponse;
        heldResponse = null;
        if (held == null) {
            return false;
        }
        try {
            return attempt(remoteUser, held, lockedOut);
        } finally {
            Arrays.fill(held, (byte) 0);
        }
    }
}
