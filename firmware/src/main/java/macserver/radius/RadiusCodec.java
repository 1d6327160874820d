package macserver.radius;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes Access-Requests and checks their answers (RFC 2865, RFC 3579), with the Blast-RADIUS
 * (CVE-2024-3596) rules: Message-Authenticator is always the first attribute of a request, and an
 * answer is taken only if its identifier, length, Response Authenticator and (when present, or
 * always when required) Message-Authenticator check out and it carries no Proxy-State, since this
 * client never sends one. Stateless; every failure is a {@link RadiusException}.
 */
public final class RadiusCodec {
    public static final int ACCESS_REQUEST = 1;
    public static final int HEADER = 20;
    public static final int MAX_PACKET = 4096;
    private static final int AUTHENTICATOR = 16;
    private static final int MAX_PASSWORD = 128;

    private RadiusCodec() {
    }

    /** The request as sent: header, Message-Authenticator, the attributes, then User-Password if any. */
    public static byte[] encodeRequest(AccessRequest request, int identifier, byte[] requestAuthenticator, byte[] secret) {
        if (requestAuthenticator.length != AUTHENTICATOR) {
            throw new IllegalArgumentException("request authenticator must be 16 octets");
        }
        List<RadiusAttribute> attributes = new ArrayList<>();
        attributes.add(new RadiusAttribute(RadiusAttribute.MESSAGE_AUTHENTICATOR, new byte[AUTHENTICATOR]));
        attributes.addAll(request.attributes());
        if (request.password() != null) {
            attributes.add(new RadiusAttribute(RadiusAttribute.USER_PASSWORD,
                    hidePassword(request.password(), secret, requestAuthenticator)));
        }
        int length = HEADER;
        for (RadiusAttribute a : attributes) {
            length += 2 + a.value().length;
        }
        if (length > MAX_PACKET) {
            throw new IllegalArgumentException("request longer than 4096 octets");
        }
        byte[] packet = new byte[length];
        packet[0] = ACCESS_REQUEST;
        packet[1] = (byte) identifier;
        packet[2] = (byte) (length >>> 8);
        packet[3] = (byte) length;
        System.arraycopy(requestAuthenticator, 0, packet, 4, AUTHENTICATOR);
        int at = HEADER;
        for (RadiusAttribute a : attributes) {
            byte[] v = a.value();
            packet[at] = (byte) a.type();
            packet[at + 1] = (byte) (2 + v.length);
            System.arraycopy(v, 0, packet, at + 2, v.length);
            at += 2 + v.length;
        }
        // Message-Authenticator sits right after the header; it is computed over the packet with its own value zero.
        System.arraycopy(hmacMd5(secret, packet, 0, length), 0, packet, HEADER + 2, AUTHENTICATOR);
        return packet;
    }

    /** RFC 2865 5.2: pad to a multiple of 16 and XOR with the MD5 chain of secret and authenticator. */
    public static byte[] hidePassword(byte[] password, byte[] secret, byte[] requestAuthenticator) {
        if (password.length > MAX_PASSWORD) {
            throw new IllegalArgumentException("User-Password longer than 128 octets");
        }
        int padded = Math.max(AUTHENTICATOR, (password.length + AUTHENTICATOR - 1) / AUTHENTICATOR * AUTHENTICATOR);
        byte[] out = Arrays.copyOf(password, padded);
        byte[] previous = requestAuthenticator;
        for (int block = 0; block < padded; block += AUTHENTICATOR) {
            MessageDigest md5 = md5();
            md5.update(secret);
            md5.update(previous);
            byte[] b = md5.digest();
            for (int i = 0; i < AUTHENTICATOR; i++) {
                out[block + i] ^= b[i];
            }
            previous = Arrays.copyOfRange(out, block, block + AUTHENTICATOR);
        }
        return out;
    }

    /**
     * Checks an answer to the request that had {@code identifier} and {@code requestAuthenticator}.
     *
     * @param requireMessageAuthenticator drop an answer that has no Message-Authenticator
     */
    public static RadiusResponse decodeResponse(byte[] buffer, int received, int identifier, byte[] requestAuthenticator,
            byte[] secret, boolean requireMessageAuthenticator) throws RadiusException {
        if (received < HEADER) {
            throw new RadiusException("answer shorter than 20 octets");
        }
        if (received > MAX_PACKET) {
            throw new RadiusException("answer longer than 4096 octets");
        }
        int code = buffer[0] & 0xff;
        if (code != RadiusResponse.ACCESS_ACCEPT && code != RadiusResponse.ACCESS_REJECT
                && code != RadiusResponse.ACCESS_CHALLENGE) {
            throw new RadiusException("unexpected code " + code);
        }
        if ((buffer[1] & 0xff) != (identifier & 0xff)) {
            throw new RadiusException("identifier " + (buffer[1] & 0xff) + " does not match " + (identifier & 0xff));
        }
        int length = ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
        if (length < HEADER || length > received) {
            throw new RadiusException("length field " + length + " does not fit the " + received + " octets received");
        }
        // Octets past the length field are padding (RFC 2865 section 3) and are ignored.
        byte[] packet = Arrays.copyOf(buffer, length);
        MessageDigest md5 = md5();
        md5.update(packet, 0, 4);
        md5.update(requestAuthenticator);
        md5.update(packet, HEADER, length - HEADER);
        md5.update(secret);
        if (!MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(packet, 4, HEADER))) {
            throw new RadiusException("bad Response Authenticator (wrong shared secret or forged answer)");
        }
        List<RadiusAttribute> attributes = new ArrayList<>();
        int messageAuthenticatorAt = -1;
        for (int at = HEADER; at < length; ) {
            if (length - at < 2) {
                throw new RadiusException("truncated attribute header");
            }
            int type = packet[at] & 0xff;
            int attributeLength = packet[at + 1] & 0xff;
            if (attributeLength < 2 || at + attributeLength > length || type == 0) {
                throw new RadiusException("malformed attribute " + type);
            }
            if (type == RadiusAttribute.MESSAGE_AUTHENTICATOR) {
                if (attributeLength != 2 + AUTHENTICATOR || messageAuthenticatorAt >= 0) {
                    throw new RadiusException("malformed Message-Authenticator");
                }
                messageAuthenticatorAt = at + 2;
            } else if (type == RadiusAttribute.PROXY_STATE) {
                throw new RadiusException("answer carries a Proxy-State this client never sent");
            } else {
                attributes.add(new RadiusAttribute(type, Arrays.copyOfRange(packet, at + 2, at + attributeLength)));
            }
            at += attributeLength;
        }
        if (messageAuthenticatorAt < 0) {
            if (requireMessageAuthenticator) {
                throw new RadiusException("answer without Message-Authenticator");
            }
        } else {
            byte[] got = Arrays.copyOfRange(packet, messageAuthenticatorAt, messageAuthenticatorAt + AUTHENTICATOR);
            byte[] copy = packet.clone();
            System.arraycopy(requestAuthenticator, 0, copy, 4, AUTHENTICATOR);
            Arrays.fill(copy, messageAuthenticatorAt, messageAuthenticatorAt + AUTHENTICATOR, (byte) 0);
            if (!MessageDigest.isEqual(got, hmacMd5(secret, copy, 0, length))) {
                throw new RadiusException("bad Message-Authenticator");
            }
        }
        return new RadiusResponse(code, attributes);
    }

    /**
     * Encodes an answer the way a server would: used by tests and the fake server, and to forge
     * answers in tests. {@code withMessageAuthenticator} puts one first.
     */
    public static byte[] encodeResponse(int code, int identifier, byte[] requestAuthenticator, byte[] secret,
            List<RadiusAttribute> attributes, boolean withMessageAuthenticator) {
        List<RadiusAttribute> all = new ArrayList<>();
        if (withMessageAuthenticator) {
            all.add(new RadiusAttribute(RadiusAttribute.MESSAGE_AUTHENTICATOR, new byte[AUTHENTICATOR]));
        }
        all.addAll(attributes);
        int length = HEADER;
        for (RadiusAttribute a : all) {
            length += 2 + a.value().length;
        }
        byte[] packet = new byte[length];
        packet[0] = (byte) code;
        packet[1] = (byte) identifier;
        packet[2] = (byte) (length >>> 8);
        packet[3] = (byte) length;
        System.arraycopy(requestAuthenticator, 0, packet, 4, AUTHENTICATOR);
        int at = HEADER;
        for (RadiusAttribute a : all) {
            byte[] v = a.value();
            packet[at] = (byte) a.type();
            packet[at + 1] = (byte) (2 + v.length);
            System.arraycopy(v, 0, packet, at + 2, v.length);
            at += 2 + v.length;
        }
        if (withMessageAuthenticator) {
            System.arraycopy(hmacMd5(secret, packet, 0, length), 0, packet, HEADER + 2, AUTHENTICATOR);
        }
        MessageDigest md5 = md5();
        md5.update(packet);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, packet, 4, AUTHENTICATOR);
        return packet;
    }

    private static byte[] hmacMd5(byte[] secret, byte[] data, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            // The JCE refuses an empty key; HMAC pads keys with zeros, so one zero octet is the same key.
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacMD5"));
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 missing from this JDK", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 missing from this JDK", e);
        }
    }
}
