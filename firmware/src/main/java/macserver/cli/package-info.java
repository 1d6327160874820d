/**
 * The RouterOS-syntax command line over the configuration model: lexer, commands (add, set,
 * remove, print, export, find, get, enable/disable, monitor), {@code where} filters, completion
 * and errors in RouterOS's words.
 *
 * <h2>Threads and locks</h2>
 * <ul>
 * <li>A {@link macserver.cli.CliSession} belongs to one terminal or request at a time and is not
 *     thread-safe; many sessions run side by side, each on its own terminal's thread.</li>
 * <li>Each command line runs as one model transaction when it writes (under the model's write
 *     lock, durable before it returns) or under the read lock when it only reads. Nothing here
 *     keeps a copy of the configuration between commands: the next command sees every plane's
 *     changes.</li>
 * <li>Rights are checked per command against the session's user and {@link macserver.config.Plane};
 *     a plane never gets more than its user's group allows.</li>
 * </ul>
 */
package macserver.cli;
