package macserver.datapath;

import java.nio.ByteBuffer;

/**
 * One received UDP datagram of an Ethernet II / IPv4 frame, decoded in place. The data path
 * reuses one instance and its buffer for every frame of a link: valid only during the handler
 * call, never kept. Addresses are plain numbers (MAC in the low 48 bits, IPv4 as an int).
 */
public final class UdpFrame {
    /** The interface the frame arrived on. */
    public int ifIndex;
    public long ethSrc;
    public long ethDst;
    public int ipSrc;
    public int ipDst;
    public int srcPort;
    public int dstPort;
    /** The UDP payload, from position to limit; a view into the receive buffer. */
    public ByteBuffer payload;
}
