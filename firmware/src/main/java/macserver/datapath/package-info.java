/**
 * The MAC server's raw-frame data path: Ethernet frames in and out of each interface, with no
 * IP stack in between (the reference server's {@code -n} mode).
 *
 * <h2>Layers</h2>
 * {@link macserver.datapath.DataPath} (one {@code Link} per interface: a receive thread, the
 * counters, the send lock) → {@link macserver.datapath.FrameDecoder} / {@link macserver.datapath.FrameEncoder}
 * (Ethernet II / IPv4 / UDP, in place, no allocation per frame) → {@code PacketPort}
 * ({@link macserver.datapath.RawSocket}: {@code AF_PACKET}/{@code SOCK_RAW} through the FFM API;
 * a fake in tests). {@link macserver.datapath.UdpPortFilter} is the classic BPF program the kernel
 * runs before a frame is copied out; {@code InterfaceLookup} reads index, MAC and IPv4 with
 * SIOCGIF* ioctls.
 *
 * <h2>The hot path</h2>
 * {@code Link.receiveLoop}: one {@code recvmmsg} ({@link macserver.datapath.RawSocket#receive(macserver.datapath.ReceiveBatch)},
 * {@code MSG_WAITFORONE}: it waits for the first frame only, so a lone MAC-Ping is not held back)
 * fills up to 16 slots of a {@link macserver.datapath.ReceiveBatch}; each frame is decoded in its
 * slot and handed to the handler, whose reply goes out through {@code Link.send} (encode into the
 * link's send buffer, one {@code send}) on the same thread. No allocation, no lock on the receive
 * side, counters written by their one thread. Before the first receive the thread warms this
 * path up ({@code Link.warmUp}) so that it is compiled before traffic rather than after it.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Only IPv4 UDP to 20561 (MAC-Telnet, MAC-Ping) and 5678 (MNDP) reaches user space; frames
 *     the host sends itself never do. Malformed frames are counted and dropped, never thrown.</li>
 * <li>A received {@link macserver.datapath.UdpFrame} and its payload are views of the link's
 *     receive buffer, valid only during the handler call.</li>
 * <li>Sent frames: TOS 0x10, TTL 64, DF, IP id counting up per link, both checksums, padded to
 *     60 bytes; payload at most 1472 bytes.</li>
 * <li>Without CAP_NET_RAW, {@link macserver.datapath.DataPath#open} throws a
 *     {@link macserver.datapath.DataPathException} whose message begins with
 *     {@link macserver.datapath.DataPathException#NO_PRIVILEGE}: one log line, and the rest of the
 *     firmware runs on.</li>
 * </ul>
 */
package macserver.datapath;
