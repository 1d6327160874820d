/**
 * The MAC-Telnet protocol on the data path: packet and control-block codecs, the session state
 * machine (login, reliable DATA, terminal), MAC-Ping answers and MNDP. What the wire carries is
 * summarised in {@code firmware/MAC-TELNET.md}; comments cite its sections as (§n).
 *
 * <h2>Threads and locks</h2>
 * <ul>
 * <li>{@link macserver.mactelnet.MacServer#onFrame} runs on the data path's receive thread; resends,
 *     timeouts and announcements run on the server's timer thread. Both hold the server's one lock
 *     ({@code SessionContext.lock}) while they touch sessions, so session state needs no lock of its own.</li>
 * <li>Calls into the host's roles ({@link macserver.mactelnet.AdmissionPolicy}, {@link macserver.mactelnet.LoginGate},
 *     {@link macserver.mactelnet.SessionHost}, {@link macserver.mactelnet.Discovery}; one
 *     {@link macserver.mactelnet.MacServerHost} may play them all) are made with that lock held: a host
 *     must answer from memory it already has and never block, or every session and the receive
 *     thread wait with it. Slow answers (a RADIUS check) are asked for and delivered later.</li>
 * <li>Each logged-in session's terminal runs on a thread of its own (virtual by default). It talks
 *     to its session only through the bounded rings {@code TerminalInput}/{@code TerminalOutput}; a
 *     terminal that writes faster than the client acknowledges waits on the ring, never under the lock.</li>
 * <li>Nothing a peer sends makes an exception leave {@code onFrame}: malformed input is counted
 *     ({@link macserver.mactelnet.MacServerCounters}) and dropped.</li>
 * </ul>
 */
package macserver.mactelnet;
