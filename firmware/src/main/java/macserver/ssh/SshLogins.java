package macserver.ssh;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import macserver.auth.LoginName;
import macserver.auth.SshPublicKey;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Plane;
import macserver.config.menus.SshMenus.KeyRow;
import macserver.policy.LoginGuard;
import macserver.users.LoginService;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Who may log in over SSH: passwords through the same login service as every other plane
 * (policy {@code ssh}, the factory-empty admin password refused), public keys from
 * {@code /user ssh-keys}. Wrong passwords and unknown users fail alike and count towards a
 * lockout of the client's address (its /64 for IPv6): after {@link #LOGIN_RETRY} failures the
 * address is refused everything, keys included, for {@link #LOCKOUT_SECONDS}, the MAC server's
 * factory {@code login-retry} and {@code lockout-time}.
 */
final class SshLogins implements PasswordAuthenticator, PublickeyAuthenticator {
    static final int LOGIN_RETRY = 5;
    static final long LOCKOUT_SECONDS = 300;
    private static final Logger LOG = Logger.getLogger(SshLogins.class.getName());

    private final ConfigModel model;
    private final LoginService logins;
    private final LoginGuard guard;

    SshLogins(ConfigModel model, LoginService logins, LoginGuard guard) {
        this.model = model;
        this.logins = logins;
        this.guard = guard;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        long client = clientKey(session.getClientAddress());
        if (guard.isLockedOut(client)) {
            return false;
        }
        char[] secret = password.toCharArray();
        try {
            if (logins.login(username, secret, Plane.SSH) == LoginService.Outcome.SUCCESS) {
                guard.succeeded(client);
                return true;
            }
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
        if (guard.failed(client, LOGIN_RETRY, LOCKOUT_SECONDS)) {
            LOG.info("ssh: " + address(session.getClientAddress()) + " locked out for " + LOCKOUT_SECONDS
                    + " s after failed logins");
        }
        return false;
    }

    /**
     * Called for a key the client offers, and again when it proves it holds it; a key that does
     * not fit is no failed login (clients try each of theirs).
     */
    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (guard.isLockedOut(clientKey(session.getClientAddress())) || !logins.admits(username, Plane.SSH)) {
            return false;
        }
        ByteArrayBuffer wire = new ByteArrayBuffer();
        wire.putRawPublicKey(key);
        byte[] offered = wire.getCompactData();
        String user = LoginName.parse(username).user();
        return keysOf(user).stream().anyMatch(k -> k.matches(offered));
    }

    /** The keys {@code /user ssh-keys} holds for a user. */
    private List<SshPublicKey> keysOf(String user) {
        return model.read(() -> {
            Menu keys = model.schema().menu("user ssh-keys");
            int userId = model.idByName(model.schema().menu("user"), user);
            List<SshPublicKey> out = new ArrayList<>();
            for (var it = model.table(keys).iterator(); it.hasNext(); ) {
                Object[] row = it.next().getValue();
                if (userId >= 0 && KeyRow.user(row) == userId) {
                    out.add(KeyRow.key(row));
                }
            }
            return out;
        });
    }

    /** The lockout key of a client: its IPv4 address, or the /64 its IPv6 address is in. */
    static long clientKey(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return 0;
        }
        byte[] raw = inet.getAddress().getAddress();
        if (raw.length == 4) {
            return Integer.toUnsignedLong(ByteBuffer.wrap(raw).getInt());
        }
        // Set the top bit so that no IPv6 prefix equals an IPv4 address.
        return ByteBuffer.wrap(raw).getLong() | Long.MIN_VALUE;
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    static InetAddress inetOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
