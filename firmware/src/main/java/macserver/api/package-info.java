/**
 * The RouterOS API: binary sentences over TCP, {@code api} (8728) and {@code api-ssl} (8729, TLS
 * with the www-ssl certificate), for the clients operators already automate RouterOS with
 * (librouteros, Ansible's community.routeros, node-routeros, mikrotik-java, Terraform's
 * {@code api://}).
 *
 * <h2>Layers</h2>
 * {@link macserver.api.ApiServer} (listeners per {@code /ip service} entry) →
 * its pipeline → {@code ApiSentenceDecoder} / {@code ApiSentenceEncoder}
 * (the framing codec: length-prefixed words, sentences, limits; no business state) →
 * {@code ApiSession} (login, order, tags, flood control) → {@code ApiCommands} (a sentence as
 * REST's {@code POST /rest/<menu>/<verb>}, through {@link macserver.rest.RestApi} with
 * {@link macserver.config.Plane#API}: the same menus, permissions and transactions as every plane).
 *
 * <h2>Threads</h2>
 * Two event-loop threads (shared by both services) decode, encode and keep each session's state;
 * nothing there blocks. A pool of 4 worker threads (queue of 1,024) runs logins (PBKDF2) and
 * commands (a write waits for flash); one command per connection at a time, so replies to
 * untagged commands come in order. A full pool answers {@code !trap}.
 *
 * <h2>Limits</h2>
 * <ul>
 * <li>Framing ({@link macserver.api.ApiLimits}): a word of at most 64 KiB, a sentence of at most
 *     1 MiB and 4,096 words; a length prefix from {@code 0xF1} up (RouterOS reserves {@code 0xF8}
 *     and up) ends the connection with {@code !fatal}. A connection buffers at most one
 *     sentence.</li>
 * <li>A sentence must arrive whole within 30 s of its first byte, else {@code !fatal}.</li>
 * <li>Words are UTF-8; a sentence with one that is not is answered {@code !trap} and not run.</li>
 * <li>Login within 60 s of connecting; before it, three strikes (failed logins, other commands)
 *     and the connection gets {@code !fatal}. After it, the user is checked before each command
 *     (exists, enabled, group has {@code api}); one who no longer passes gets {@code !fatal}.</li>
 * <li>At 16 queued sentences a connection stops being read until it drains to 4, so a flood
 *     costs the flooder its own socket buffer and nobody else anything.</li>
 * <li>{@code address} and {@code max-sessions} of the service, as for REST.</li>
 * </ul>
 */
package macserver.api;
