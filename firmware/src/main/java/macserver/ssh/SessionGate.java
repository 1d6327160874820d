package macserver.ssh;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import macserver.config.AddressListType;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Admits SSH connections: from an address in the service's {@code address} list, at most
 * {@code max-sessions} at a time, and of those at most {@link #maxUnauthenticated} that have not
 * logged in yet, so a crowd of idle or slow pre-auth connections cannot take every slot (each
 * also has the server's login time limit). Others are closed as they arrive, before any key
 * exchange. Sessions are created on the acceptor's thread one at a time, so the counts are exact.
 */
final class SessionGate implements SessionListener {
    /** The settings read fresh for each connection, so {@code /ip service set} applies at once. */
    record Limits(List<String> allowed, int maxSessions) {}

    private static final Logger LOG = Logger.getLogger(SessionGate.class.getName());
    private static final AttributeKey<State> STATE = new AttributeKey<>();

    private enum State { UNAUTHENTICATED, AUTHENTICATED }

    private final Supplier<Limits> limits;
    private final int maxUnauthenticated;
    private int open;
    private int unauthenticated;

    SessionGate(Supplier<Limits> limits, int maxUnauthenticated) {
        this.limits = limits;
        this.maxUnauthenticated = maxUnauthenticated;
    }

    @Override
    public void sessionCreated(Session session) {
        Limits l = limits.get();
        InetAddress from = SshLogins.inetOf(session.getRemoteAddress());
        String refusal = null;
        synchronized (this) {
            if (from == null || !AddressListType.allows(l.allowed(), from)) {
                refusal = "not in the service's address list";
            } else if (open >= l.maxSessions()) {
                refusal = "max-sessions (" + l.maxSessions() + ") reached";
            } else if (unauthenticated >= maxUnauthenticated) {
                refusal = maxUnauthenticated + " connections are already logging in";
            } else {
                open++;
                unauthenticated++;
                session.setAttribute(STATE, State.UNAUTHENTICATED);
            }
        }
        if (refusal != null) {
            LOG.fine("ssh: connection from " + session.getRemoteAddress() + " refused: " + refusal);
            session.close(true);
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            synchronized (this) {
                if (session.getAttribute(STATE) == State.UNAUTHENTICATED) {
                    session.setAttribute(STATE, State.AUTHENTICATED);
                    unauthenticated--;
                }
            }
        }
    }

    @Override
    public void sessionClosed(Session session) {
        synchronized (this) {
            State state = session.removeAttribute(STATE);
            if (state != null) {
                open--;
                if (state == State.UNAUTHENTICATED) {
                    unauthenticated--;
                }
            }
        }
    }

    synchronized int open() {
        return open;
    }

    synchronized int unauthenticated() {
        return unauthenticated;
    }
}
