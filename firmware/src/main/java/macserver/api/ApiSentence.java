package macserver.api;

import java.util.List;

/**
 * One sentence of the RouterOS API: its words in order, without the empty word that ends it. A
 * client's first word is the command ({@code /ip/address/print}); a reply's is {@code !re},
 * {@code !done}, {@code !trap} or {@code !fatal}.
 */
public record ApiSentence(List<String> words) {
    public ApiSentence {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a sentence has at least one word");
        }
    }

    public static ApiSentence of(String... words) {
        return new ApiSentence(List.of(words));
    }

    public String first() {
        return words.getFirst();
    }

    static ApiSentence done() {
        return of("!done");
    }

    static ApiSentence trap(String message) {
        return of("!trap", "=message=" + message);
    }

    static ApiSentence fatal(String reason) {
        return of("!fatal", reason);
    }
}
