package macserver.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to {@link ApiSentence}s: each word is a length in 1 to 5 bytes ({@code 0xxxxxxx},
 * {@code 10xxxxxx} + 1, {@code 110xxxxx} + 2, {@code 1110xxxx} + 3, {@code 0xF0} + 4) and that
 * many bytes of UTF-8; an empty word ends the sentence, and an empty sentence is skipped. A
 * sentence with a word that is not UTF-8 is passed on as an {@link ApiRefusedSentence}. A first byte above {@code 0xF0} (RouterOS reserves
 * {@code 0xF8} and up for control bytes, and {@code 0xF1} to {@code 0xF7} are no length at all)
 * or a word or sentence over the {@link ApiLimits} yields one {@link ApiFramingError}, after
 * which every further byte is dropped. A word's bytes are buffered only once its declared length
 * passed the limits, so a connection holds at most one sentence's worth. One per connection.
 */
final class ApiSentenceDecoder extends ByteToMessageDecoder {
    private final ApiLimits limits;
    private List<String> words = new ArrayList<>();
    private long sentenceBytes;
    private boolean failed;
    /** Why the sentence being read cannot be run (a word that is not UTF-8), or null. */
    private String refusal;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    ApiSentenceDecoder(ApiLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            int at = in.readerIndex();
            int first = in.getUnsignedByte(at);
            int prefix = prefixBytes(first);
            if (prefix < 0) {
                fail(in, out, String.format("bad length prefix 0x%02X", first));
                return;
            }
            if (in.readableBytes() < prefix) {
                return;
            }
            long length = length(in, at, prefix, first);
            if (length > limits.maxWordBytes()) {
                fail(in, out, "word of " + length + " bytes is over the limit of " + limits.maxWordBytes());
                return;
            }
            if (sentenceBytes + prefix + length > limits.maxSentenceBytes()) {
                fail(in, out, "sentence is over the limit of " + limits.maxSentenceBytes() + " bytes");
                return;
            }
            if (in.readableBytes() < prefix + length) {
                return;
            }
            in.skipBytes(prefix);
            if (length == 0) {
                if (!words.isEmpty()) {
                    out.add(refusal == null ? new ApiSentence(words) : new ApiRefusedSentence(new ApiSentence(words), refusal));
                    words = new ArrayList<>();
                    sentenceBytes = 0;
                    refusal = null;
                }
                continue;
            }
            if (words.size() == limits.maxWords()) {
                fail(in, out, "sentence has more than " + limits.maxWords() + " words");
                return;
            }
            words.add(word(in, (int) length));
            sentenceBytes += prefix + length;
        }
    }

    /**
     * The next word. One that is not UTF-8 is kept with U+FFFD in place of its bad bytes (so the
     * sentence's .tag can still be found) and makes the sentence refused, not run with a changed
     * value.
     */
    private String word(ByteBuf in, int length) {
        try {
            String w = utf8.reset().decode(in.nioBuffer(in.readerIndex(), length)).toString();
            in.skipBytes(length);
            return w;
        } catch (CharacterCodingException e) {
            if (refusal == null) {
                refusal = "word " + (words.size() + 1) + " is not UTF-8";
            }
            return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
        }
    }

    /** How many bytes the length takes, from its first byte; -1 for a byte that starts none. */
    static int prefixBytes(int first) {
        if (first < 0x80) {
            return 1;
        } else if (first < 0xC0) {
            return 2;
        } else if (first < 0xE0) {
            return 3;
        } else if (first < 0xF0) {
            return 4;
        }
        return first == 0xF0 ? 5 : -1;
    }

    private static long length(ByteBuf in, int at, int prefix, int first) {
        return switch (prefix) {
            case 1 -> first;
            case 2 -> in.getUnsignedShort(at) & 0x3FFF;
            case 3 -> in.getUnsignedMedium(at) & 0x1FFFFF;
            case 4 -> in.getUnsignedInt(at) & 0x0FFFFFFFL;
            default -> in.getUnsignedInt(at + 1);
        };
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        failed = true;
        words = List.of();
        in.skipBytes(in.readableBytes());
        out.add(new ApiFramingError(reason));
    }

    /** A sentence has begun and not ended: some of its words, or part of one, have arrived. */
    boolean midSentence() {
        return !failed && (!words.isEmpty() || actualReadableBytes() > 0);
    }
}
