/**
 * The MAC server decision for one packet: which server instance serves a client MAC (its
 * binding, else the default server, else dropped), the servers' switches and interface lists,
 * login lockouts, the registry of logged-in sessions, binding expiry and last-seen times.
 *
 * <h2>Threads and locks</h2>
 * <ul>
 * <li>{@link macserver.policy.MacPolicy#admit} runs on the receive thread for every SESSIONSTART and
 *     PING: no lock, no allocation, one binding lookup, one answer with its drop reason. It reads
 *     an immutable snapshot (servers, default, gates) swapped in by a change listener, and the
 *     binding table through its seqlock.</li>
 * <li>Work that must not happen per packet is handed off without a lock: unbound MACs on a
 *     RADIUS server go into {@link macserver.policy.MacKnocks}, a fixed ring the RADIUS worker drains.</li>
 * <li>Counters are {@code LongAdder}s: bumped on the data path, summed by whoever prints them.</li>
 * </ul>
 */
package macserver.policy;
