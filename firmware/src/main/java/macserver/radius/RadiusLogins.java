package macserver.radius;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks legacy MD5 MAC-Telnet logins against RADIUS as CHAP ({@link ChapLogin}) without ever
 * blocking the caller: the exchange runs on {@code executor} and the {@link Answer} goes to the
 * caller's callback, exactly once. The group comes from RouterOS's {@code Mikrotik-Group} reply
 * attribute (vendor 14988, type 3) when the answer has one.
 */
public final class RadiusLogins {
    /** MikroTik's private enterprise number. */
    public static final long MIKROTIK_VENDOR = 14988;
    /** {@code Mikrotik-Group}: the name of the user group a login gets. */
    public static final int MIKROTIK_GROUP = 3;
    private static final Logger LOG = Logger.getLogger(RadiusLogins.class.getName());

    /** What RADIUS said. UNAVAILABLE: no server gave a verified answer. */
    public enum Outcome { ACCEPT, REJECT, UNAVAILABLE }

    /** @param group the Mikrotik-Group of an accept, or null when it named none */
    public record Answer(Outcome outcome, String group) {
    }

    /**
     * One login to check.
     *
     * @param salt the 16-byte salt the router sent (the CHAP-Challenge)
     * @param response the client's 17-byte PASSWORD value (CHAP identifier 0 and the MD5)
     * @param callingStation the client's MAC as Calling-Station-Id
     */
    public record Request(String user, byte[] salt, byte[] response, String nasIdentifier, String callingStation) {
        public Request {
            salt = salt.clone();
            response = response.clone();
        }
    }

    private final Supplier<AccessRequester> client;
    private final Executor executor;

    /** @param client the current client of the login servers (the list can change between logins) */
    public RadiusLogins(Supplier<AccessRequester> client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /** Starts the check and returns at once; {@code done} hears the answer on an executor thread. */
    public void check(Request request, Consumer<Answer> done) {
        executor.execute(() -> done.accept(ask(request)));
    }

    private Answer ask(Request request) {
        try {
            Optional<RadiusResponse> answer = client.get().authenticate(accessRequest(request));
            if (answer.isEmpty()) {
                return new Answer(Outcome.UNAVAILABLE, null);
            }
            RadiusResponse response = answer.get();
            if (!response.accepted()) {
                return new Answer(Outcome.REJECT, null);
            }
            byte[] group = response.vendorAttribute(MIKROTIK_VENDOR, MIKROTIK_GROUP);
            return new Answer(Outcome.ACCEPT, group == null ? null : new String(group, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // A request that cannot even be built (a name too long for RADIUS) is a refusal, not a crash.
            LOG.log(Level.WARNING, "RADIUS login check for " + request.user() + " failed", e);
            return new Answer(Outcome.REJECT, null);
        }
    }

    /** The CHAP Access-Request with the client's MAC as Calling-Station-Id (RFC 3580). */
    public static AccessRequest accessRequest(Request request) {
        AccessRequest chap = ChapLogin.accessRequest(request.user(), request.salt(), request.response(),
                request.nasIdentifier());
        List<RadiusAttribute> attributes = new ArrayList<>(chap.attributes());
        attributes.add(RadiusAttribute.text(RadiusAttribute.CALLING_STATION_ID, request.callingStation()));
        return new AccessRequest(attributes, null);
    }
}
