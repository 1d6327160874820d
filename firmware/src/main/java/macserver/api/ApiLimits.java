package macserver.api;

/**
 * The framing limits of one API connection: a word's length, a sentence's total bytes and its
 * number of words. A client that goes over any of them gets {@code !fatal} and is closed, since
 * the rest of its stream can no longer be trusted to line up with word boundaries.
 */
public record ApiLimits(int maxWordBytes, int maxSentenceBytes, int maxWords) {
    public ApiLimits {
        if (maxWordBytes < 1 || maxSentenceBytes < maxWordBytes || maxWords < 1) {
            throw new IllegalArgumentException("API limits must be positive, a sentence at least one word long");
        }
    }

    /** 64 KiB words, 1 MiB sentences (REST's body limit), 4,096 words. */
    public static ApiLimits defaults() {
        return new ApiLimits(64 * 1024, 1 << 20, 4096);
    }
}
