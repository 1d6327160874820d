package macserver.api;

/**
 * A whole, well-framed sentence that {@link ApiSentenceDecoder} will not pass on to be run, with
 * the reason (a word that is not UTF-8): the session answers it with {@code !trap}, in its turn
 * and with its {@code .tag}, and the connection carries on.
 */
record ApiRefusedSentence(ApiSentence sentence, String reason) {
}
