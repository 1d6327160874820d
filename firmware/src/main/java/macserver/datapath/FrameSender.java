package macserver.datapath;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends UDP payloads as raw Ethernet frames, building the Ethernet, IPv4 (checksummed, TTL 64,
 * DF) and UDP (checksummed) headers around them, the way the reference server's raw mode does.
 * Thread-safe: sessions send from their own threads. The payload is copied before return.
 */
public interface FrameSender {
    /** Sends {@code payload} (position to limit) from the interface's own MAC to {@code ethDst}. */
    void send(int ifIndex, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, ByteBuffer payload)
            throws IOException;

    /** The interface's own MAC, or -1 when the data path has no such interface. */
    long macOf(int ifIndex);

    /** The interface's IPv4 address, or 0 when it has none. */
    int ipv4Of(int ifIndex);
}
