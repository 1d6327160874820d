package macserver.auth;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * PBKDF2-HMAC-SHA256 computed by GNU Nettle ({@code nettle_pbkdf2_hmac_sha256}) through the FFM
 * linker, for boards whose VM only interprets: there the JDK's takes minutes per login, Nettle
 * well under a second. Nettle is a maintained C crypto library Debian ships for every
 * architecture (GnuTLS builds on it); its 340 KB cost less flash than a second VM would.
 */
public final class NettlePbkdf2 implements Pbkdf2 {
    private static final String SYMBOL = "nettle_pbkdf2_hmac_sha256";
    /**
     * RFC 7914, section 11: PBKDF2-HMAC-SHA256 of "passwd" with salt "salt", one round, first
     * 32 bytes. Checked on loading, so a wrong library or signature fails at boot, not at a login.
     */
    private static final byte[] KNOWN_ANSWER = HexFormat.of()
            .parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");

    private final MethodHandle pbkdf2;

    private NettlePbkdf2(MethodHandle pbkdf2) {
        this.pbkdf2 = pbkdf2;
    }

    /**
     * Loads {@code library} (a file name the dynamic loader finds, e.g. {@code libnettle.so.8}) and
     * checks it against the known answer; throws IllegalStateException when either fails.
     */
    public static NettlePbkdf2 load(String library) {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol;
        try {
            symbol = SymbolLookup.libraryLookup(library, Arena.global()).find(SYMBOL)
                    .orElseThrow(() -> new IllegalStateException(library + " has no " + SYMBOL));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot load " + library + ": " + e.getMessage(), e);
        }
        // void nettle_pbkdf2_hmac_sha256(size_t key_length, const uint8_t *key, unsigned iterations,
        //         size_t salt_length, const uint8_t *salt, size_t length, uint8_t *dst)
        MemoryLayout size = linker.canonicalLayouts().get("size_t");
        MethodHandle raw = linker.downcallHandle(symbol, FunctionDescriptor.ofVoid(size, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT, size, ValueLayout.ADDRESS, size, ValueLayout.ADDRESS));
        // size_t is an int on 32-bit boards: one Java signature (long) for both.
        MethodHandle handle = MethodHandles.explicitCastArguments(raw, MethodType.methodType(void.class,
                long.class, MemorySegment.class, int.class, long.class, MemorySegment.class, long.class,
                MemorySegment.class));
        NettlePbkdf2 loaded = new NettlePbkdf2(handle);
        byte[] answer = loaded.derive("passwd".toCharArray(), "salt".getBytes(StandardCharsets.US_ASCII), 1,
                KNOWN_ANSWER.length);
        if (!Arrays.equals(answer, KNOWN_ANSWER)) {
            throw new IllegalStateException(library + "'s " + SYMBOL + " gives a wrong answer for RFC 7914's vector");
        }
        return loaded;
    }

    @Override
    public byte[] derive(char[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1 || length < 1) {
            throw new IllegalArgumentException("iterations and length must be positive");
        }
        // The JDK's PBKDF2 encodes the chars the same way (unpaired surrogates become '?').
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(Math.max(1, encoded.remaining()));
            MemorySegment.copy(MemorySegment.ofBuffer(encoded), 0, key, 0, encoded.remaining());
            MemorySegment saltSegment = arena.allocate(Math.max(1, salt.length));
            MemorySegment.copy(salt, 0, saltSegment, ValueLayout.JAVA_BYTE, 0, salt.length);
            MemorySegment out = arena.allocate(length);
            try {
                pbkdf2.invokeExact((long) encoded.remaining(), key, iterations, (long) salt.length, saltSegment,
                        (long) length, out);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(SYMBOL + " failed", t);
            } finally {
                key.fill((byte) 0);
            }
            return out.toArray(ValueLayout.JAVA_BYTE);
        } finally {
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
