package macserver.datapath;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The MAC server's frame I/O: one raw socket and one receive thread per interface. Frames the
 * kernel filter passes (IPv4 UDP to 20561 or 5678) are decoded and handed to the handler on that
 * link's thread; {@link #sender()} builds and sends replies on any link.
 *
 * <pre>{@code
 * try (DataPath dp = DataPath.open(List.of("ether1", "ether2"), (frame, sender) -> ...)) { ... }
 * catch (DataPathException e) { log(e.getMessage()); }  // e.isPermissionDenied(): no CAP_NET_RAW
 * }</pre>
 */
public final class DataPath implements AutoCloseable {
    /** How often a receive thread looks up from an idle socket to notice close(). */
    static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(200);
    /** How long close() waits for each receive thread beyond the receive timeout. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Opens the port of one link; the raw socket on a router, a fake in tests. */
    @FunctionalInterface
    interface PortOpener {
        PacketPort open(LinkInfo link) throws DataPathException;
    }

    private final Link[] links;
    private final List<LinkInfo> infos;
    private final FrameSender sender = new Sender();
    private volatile boolean closed;

    private DataPath(Link[] links) {
        this.links = links;
        List<LinkInfo> list = new ArrayList<>();
        for (Link link : links) {
            list.add(link.info);
        }
        this.infos = Collections.unmodifiableList(list);
    }

    /**
     * Opens a raw socket on each named interface (index, MAC and IPv4 are read now, from the
     * kernel; an interface without any IP address is fine) and starts
     * their receive threads. All or nothing: on any failure the sockets already open are closed.
     *
     * @throws DataPathException for an unknown interface, one without an Ethernet MAC, a name
     *     given twice, or a socket failure; without CAP_NET_RAW the message starts with
     *     {@link DataPathException#NO_PRIVILEGE} and {@link DataPathException#isPermissionDenied()} is true
     */
    public static DataPath open(List<String> interfaceNames, UdpFrameHandler handler) throws DataPathException {
        Set<String> seen = new HashSet<>();
        for (String name : interfaceNames) {
            if (!seen.add(name)) {
                throw new DataPathException("interface " + name + " is listed twice");
            }
        }
        List<LinkInfo> found = new ArrayList<>();
        for (String name : interfaceNames) {
            found.add(InterfaceLookup.lookUp(name));
        }
        BpfProgram filter = UdpPortFilter.macServer();
        return open(found, link -> RawSocket.open(link.ifIndex(), filter, RECEIVE_TIMEOUT), handler);
    }

    static DataPath open(List<LinkInfo> infos, PortOpener opener, UdpFrameHandler handler) throws DataPathException {
        if (handler == null) {
            throw new IllegalArgumentException("the data path needs a frame handler");
        }
        List<PacketPort> opened = new ArrayList<>();
        Link[] links = new Link[infos.size()];
        try {
            for (int i = 0; i < links.length; i++) {
                PacketPort port = opener.open(infos.get(i));
                opened.add(port);
                links[i] = new Link(infos.get(i), port);
            }
        } catch (DataPathException | RuntimeException e) {
            opened.forEach(PacketPort::close);
            throw e;
        }
        DataPath dataPath = new DataPath(links);
        for (Link link : links) {
            link.start(handler, dataPath.sender);
        }
        return dataPath;
    }

    /** Sends on any of this data path's links; thread-safe, usable from handlers and sessions. */
    public FrameSender sender() {
        return sender;
    }

    /** The links in the order their names were given. */
    public List<LinkInfo> links() {
        return infos;
    }

    /** The sums over all links. */
    public DataPathCounters counters() {
        DataPathCounters total = DataPathCounters.ZERO;
        for (Link link : links) {
            total = total.plus(link.counters());
        }
        return total;
    }

    /** One link's counts. @throws IllegalArgumentException when no link has {@code ifIndex} */
    public DataPathCounters counters(int ifIndex) {
        Link link = find(ifIndex);
        if (link == null) {
            throw new IllegalArgumentException("no data-path link has ifindex " + ifIndex);
        }
        return link.counters();
    }

    /**
     * Stops the receive threads (each notices within {@link #RECEIVE_TIMEOUT}) and closes the
     * sockets. A handler that never returns keeps its thread and socket until it does; close
     * gives up waiting for it after a grace period. Sends after close fail.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Link link : links) {
            link.stop();
        }
        try {
            for (Link link : links) {
                link.awaitStop(RECEIVE_TIMEOUT.plus(STOP_GRACE));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Link find(int ifIndex) {
        for (Link link : links) {
            if (link.info.ifIndex() == ifIndex) {
                return link;
            }
        }
        return null;
    }

    private final class Sender implements FrameSender {
        @Override
        public void send(int ifIndex, long ethDst, int ipSrc, int ipDst, int srcPort, int dstPort, ByteBuffer payload)
                throws DataPathException {
            if (closed) {
                throw new DataPathException("the data path is closed");
            }
            Link link = find(ifIndex);
            if (link == null) {
                throw new DataPathException("no data-path link has ifindex " + ifIndex);
            }
            link.send(ethDst, ipSrc, ipDst, srcPort, dstPort, payload);
        }

        @Override
        public long macOf(int ifIndex) {
            Link link = find(ifIndex);
            return link == null ? -1 : link.info.mac();
        }

        @Override
        public int ipv4Of(int ifIndex) {
            Link link = find(ifIndex);
            return link == null ? 0 : link.info.ipv4();
        }
    }
}
