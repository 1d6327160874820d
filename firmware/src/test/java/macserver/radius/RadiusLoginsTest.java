package macserver.radius;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import macserver.auth.Md5Challenge;
import org.junit.jupiter.api.Test;

class RadiusLoginsTest {
    private static final byte[] SALT = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = Md5Challenge.withSalt(SALT).expectedResponse("pw".getBytes(StandardCharsets.US_ASCII));
    private static final RadiusLogins.Request REQUEST =
            new RadiusLogins.Request("carol", SALT, RESPONSE, "router-1", "00-11-22-33-44-55");

    private final ArrayDeque<Runnable> executor = new ArrayDeque<>();
    private final List<AccessRequest> sent = new ArrayList<>();
    private final List<RadiusLogins.Answer> answers = new ArrayList<>();
    private Optional<RadiusResponse> reply = Optional.empty();

    private final RadiusLogins logins = new RadiusLogins(() -> request -> {
        sent.add(request);
        return reply;
    }, executor::add);

    private void check() {
        logins.check(REQUEST, answers::add);
        assertTrue(sent.isEmpty(), "nothing is sent on the caller's thread");
        assertTrue(answers.isEmpty());
        executor.poll().run();
        assertEquals(1, answers.size());
    }

    /** Vendor-Specific: vendor id, then type, length, value. */
    private static RadiusAttribute vendor(long id, int type, byte[] value) {
        byte[] v = new byte[6 + value.length];
        v[0] = (byte) (id >>> 24);
        v[1] = (byte) (id >>> 16);
        v[2] = (byte) (id >>> 8);
        v[3] = (byte) id;
        v[4] = (byte) type;
        v[5] = (byte) (2 + value.length);
        System.arraycopy(value, 0, v, 6, value.length);
        return new RadiusAttribute(RadiusAttribute.VENDOR_SPECIFIC, v);
    }

    @Test
    void acceptCarriesTheMikrotikGroup() {
        reply = Optional.of(new RadiusResponse(RadiusResponse.ACCESS_ACCEPT, List.of(
                vendor(9, RadiusLogins.MIKROTIK_GROUP, "cisco".getBytes(StandardCharsets.US_ASCII)),
                vendor(RadiusLogins.MIKROTIK_VENDOR, RadiusLogins.MIKROTIK_GROUP, "write".getBytes(StandardCharsets.US_ASCII)))));
        check();
        assertEquals(new RadiusLogins.Answer(RadiusLogins.Outcome.ACCEPT, "write"), answers.get(0));
    }

    @Test
    void acceptWithoutAGroupLeavesTheChoiceToTheCaller() {
        reply = Optional.of(new RadiusResponse(RadiusResponse.ACCESS_ACCEPT, List.of()));
        check();
        assertEquals(RadiusLogins.Outcome.ACCEPT, answers.get(0).outcome());
        assertNull(answers.get(0).group());
    }

    @Test
    void rejectAndSilenceAreTold() {
        reply = Optional.of(new RadiusResponse(RadiusResponse.ACCESS_REJECT, List.of()));
        check();
        assertEquals(RadiusLogins.Outcome.REJECT, answers.get(0).outcome());
        reply = Optional.empty();
        answers.clear();
        sent.clear();
        check();
        assertEquals(RadiusLogins.Outcome.UNAVAILABLE, answers.get(0).outcome());
    }

    @Test
    void theRequestIsChapWithTheClientMac() {
        check();
        AccessRequest r = sent.get(0);
        assertNull(r.password());
        assertEquals("carol", first(r, RadiusAttribute.USER_NAME).asText());
        assertArrayEquals(RESPONSE, first(r, RadiusAttribute.CHAP_PASSWORD).value());
        assertArrayEquals(SALT, first(r, RadiusAttribute.CHAP_CHALLENGE).value());
        assertEquals("00-11-22-33-44-55", first(r, RadiusAttribute.CALLING_STATION_ID).asText());
        assertEquals("router-1", first(r, RadiusAttribute.NAS_IDENTIFIER).asText());
    }

    @Test
    void aNameRadiusCannotCarryIsARejectNotACrash() {
        logins.check(new RadiusLogins.Request("x".repeat(300), SALT, RESPONSE, "r", "00-11-22-33-44-55"), answers::add);
        executor.poll().run();
        assertEquals(RadiusLogins.Outcome.REJECT, answers.get(0).outcome());
        assertTrue(sent.isEmpty());
    }

    @Test
    void malformedVendorAttributesAreSkipped() {
        byte[] bad = {0, 0, 0x3a, (byte) 0x8c, 3, 40, 'x'};
        RadiusResponse r = new RadiusResponse(RadiusResponse.ACCESS_ACCEPT, List.of(
                new RadiusAttribute(RadiusAttribute.VENDOR_SPECIFIC, bad),
                new RadiusAttribute(RadiusAttribute.VENDOR_SPECIFIC, new byte[] {0, 0}),
                vendor(RadiusLogins.MIKROTIK_VENDOR, RadiusLogins.MIKROTIK_GROUP, "read".getBytes(StandardCharsets.US_ASCII))));
        assertArrayEquals("read".getBytes(StandardCharsets.US_ASCII),
                r.vendorAttribute(RadiusLogins.MIKROTIK_VENDOR, RadiusLogins.MIKROTIK_GROUP));
        assertNull(r.vendorAttribute(RadiusLogins.MIKROTIK_VENDOR, 99));
    }

    private static RadiusAttribute first(AccessRequest r, int type) {
        return r.attributes().stream().filter(a -> a.type() == type).findFirst().orElseThrow();
    }
}
