package macserver.mactelnet.testsupport;

import java.security.SecureRandom;

/**
 * Not random at all: every {@code nextBytes} call fills 00 01 02 …, so an MD5 salt is the
 * fact sheet's {@code 00..0f}. Every other draw is built from such bytes too.
 */
public final class CountingRandom extends SecureRandom {

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
    }
}
