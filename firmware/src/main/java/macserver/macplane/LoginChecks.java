package macserver.macplane;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import macserver.auth.Credentials;
import macserver.config.ConfigModel;
import macserver.config.menus.RadiusMenus;
import macserver.mac.MacAddress;
import macserver.mactelnet.LoginGate;
import macserver.mactelnet.LoginMaterial;
import macserver.mactelnet.LoginRoute;
import macserver.mactelnet.RemoteLogin;
import macserver.mactelnet.RemoteVerdict;
import macserver.policy.LoginGuard;
import macserver.policy.MacPolicy;
import macserver.policy.ServerPolicy;
import macserver.radius.MacFormat;
import macserver.radius.RadiusLogins;
import macserver.users.UserDirectory;

/**
 * MAC-Telnet logins against {@code /user} (the login material snapshot, no model lock), lockouts
 * by {@code login-retry} and {@code lockout-time}, and RADIUS logins by the server's
 * {@code authentication} order.
 */
final class LoginChecks implements LoginGate {
    private static final Logger LOG = Logger.getLogger(LoginChecks.class.getName());

    private final ConfigModel model;
    private final MacPolicy policy;
    private final UserDirectory users;
    private final LoginGuard guard;
    private final RadiusLogins radiusLogins;
    private final Supplier<String> identity;
    private final SessionEvents events;

    LoginChecks(ConfigModel model, MacPolicy policy, UserDirectory users, LoginGuard guard, RadiusLogins radiusLogins,
            Supplier<String> identity, SessionEvents events) {
        this.model = model;
        this.policy = policy;
        this.users = users;
        this.guard = guard;
        this.radiusLogins = radiusLogins;
        this.identity = identity;
        this.events = events;
    }

    @Override
    public boolean isLockedOut(long clientMac, int serverId) {
        return guard.isLockedOut(clientMac);
    }

    @Override
    public void loginFailed(long clientMac, int serverId) {
        ServerPolicy p = policy.server(serverId);
        boolean lockedOut = p != null && guard.failed(clientMac, policy.loginRetry(clientMac, p), p.lockoutSeconds());
        if (lockedOut) {
            LOG.info("MAC " + MacAddress.format(clientMac) + " locked out for " + p.lockoutSeconds() + " s after failed logins");
        }
        events.loginFailed(clientMac, serverId, lockedOut);
    }

    @Override
    public void loginSucceeded(long clientMac, int serverId) {
        guard.succeeded(clientMac);
    }

    @Override
    public LoginMaterial loginMaterial(String user) {
        UserDirectory.Entry e = users.find(user);
        if (e == null) {
            return null;
        }
        Credentials c = e.credentials();
        return new LoginMaterial(c.ecSrp5Verifier(), users.openMd5(e), e.mayUse("telnet") && !c.isEmptyPassword());
    }

    /**
     * By the server's {@code authentication} list in its order: {@code local} decides for users
     * that exist here, {@code radius} for everyone else; with radius listed first, a local user is
     * checked locally only when no RADIUS server answers.
     */
    @Override
    public LoginRoute loginRoute(String user, int serverId) {
        ServerPolicy p = policy.server(serverId);
        List<String> order = p == null ? List.of() : p.authentication();
        int local = order.indexOf("local");
        int radius = order.indexOf("radius");
        if (radius < 0) {
            return LoginRoute.LOCAL;
        }
        if (local < 0 || users.find(user) == null) {
            return LoginRoute.REMOTE;
        }
        return local < radius ? LoginRoute.LOCAL : LoginRoute.REMOTE_THEN_LOCAL;
    }

    /**
     * RADIUS CHAP to the {@code /radius} entries with service=login. An accept gets the group its
     * Mikrotik-Group names, else {@code /user aaa default-group}; a group that does not exist
     * here refuses the login.
     */
    @Override
    public void checkRemotely(RemoteLogin login, Consumer<RemoteVerdict> done) {
        radiusLogins.check(new RadiusLogins.Request(login.user(), login.salt(), login.response(), identity.get(),
                MacFormat.DASHES.format(login.clientMac())), answer -> done.accept(switch (answer.outcome()) {
                    case ACCEPT -> acceptedAs(login.user(), answer.group());
                    case REJECT -> RemoteVerdict.REJECT;
                    case UNAVAILABLE -> {
                        LOG.info("no RADIUS server answered for the login of " + login.user());
                        yield RemoteVerdict.UNAVAILABLE;
                    }
                }));
    }

    // On the RADIUS worker's thread, not under the MAC server's lock: the model may be read.
    private RemoteVerdict acceptedAs(String user, String named) {
        String group = named != null ? named : model.read(() -> RadiusMenus.defaultGroup(model));
        boolean exists = model.read(() -> model.idByName(model.schema().menu("user group"), group) >= 0);
        if (!exists) {
            LOG.warning("RADIUS accepted " + user + " with group " + group + ", which does not exist here: refused");
            return RemoteVerdict.REJECT;
        }
        return RemoteVerdict.accept(group);
    }

    @Override
    public void remoteLoginNeedsMd5(String user, int serverId) {
        LOG.info("EC-SRP5 login by " + user + " refused: only RADIUS could admit this user, and RADIUS can check"
                + " MD5 logins only (mactelnet 0.4.4, or 0.6.x with -o)");
    }
}
