package macserver.api;

/**
 * What {@link ApiSentenceDecoder} passes on instead of a sentence when the byte stream breaks the
 * framing rules: the connection cannot be resynchronised, so the session answers {@code !fatal}
 * with this reason and closes.
 */
record ApiFramingError(String reason) {
}
