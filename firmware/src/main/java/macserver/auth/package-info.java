/**
 * The cryptography of logins and secrets, with no configuration behind it: password hashes,
 * MikroTik's EC-SRP5 (curve, encoding, server side of the exchange, fake verifiers for unknown
 * users), the MD5 challenge of old clients, sealed legacy secrets and SSH public keys. The users
 * themselves, and which plane may log in, are {@code users}.
 */
package macserver.auth;
