/**
 * The TCP side of {@code /ip service}: for each entry a plane serves (www and www-ssl for REST,
 * api and api-ssl for the RouterOS API), a listener at its port (plus the port shift of a host
 * run), rebuilt when its port or {@code disabled} changes, and a {@link macserver.service.ConnectionGate}
 * in front of every connection that applies {@code address} and {@code max-sessions}. The planes
 * add their own handlers behind the gate and TLS; this package knows no protocol.
 */
package macserver.service;
