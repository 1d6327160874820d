/**
 * The router's users as every plane logs them in: {@link macserver.users.LoginService} (name and
 * password, the group policy of the plane, lockout), backed by {@link macserver.users.UserLoginService}
 * over {@code /user}, and {@link macserver.users.UserDirectory}, the immutable snapshot of login
 * material the MAC-Telnet data path reads without the model's lock. The cryptography itself
 * (password hashes, EC-SRP5, sealed secrets) is in {@code auth}, which knows no configuration.
 */
package macserver.users;
