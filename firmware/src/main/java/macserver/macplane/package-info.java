/**
 * The MAC server plane wired to the rest of the firmware: {@link macserver.macplane.MacServerPlane}
 * opens the data path and the protocol layer ({@code mactelnet}) and hands it the four roles it
 * asks of the firmware, each a class here: admission (the MAC policy), logins (users, lockouts,
 * RADIUS), logged-in sessions (registry and CLI terminals) and discovery (MNDP identity and
 * neighbours).
 *
 * <h2>Threads and locks</h2>
 * The roles are called by the protocol layer with the MAC server's lock held, on the receive
 * thread or the server's timer thread: they answer from snapshots and lock-free tables (the
 * policy's snapshot, the binding table's seqlock, the login material snapshot, the identity copy
 * a change listener keeps) and never take the configuration model's lock. A RADIUS login is
 * asked for and answered later on a worker thread, where the model may be read.
 */
package macserver.macplane;
