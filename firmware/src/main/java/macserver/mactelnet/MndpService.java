package macserver.mactelnet;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import macserver.datapath.FrameSender;
import macserver.datapath.UdpFrame;
import macserver.mactelnet.MacServerCounters.Counter;

/**
 * MNDP: announces this router on every discovery interface each period and on request (at most
 * once a second), and passes other devices' announcements to the host. Runs under the server lock.
 */
final class MndpService {

    private static final Logger LOG = Logger.getLogger(MndpService.class.getName());
    private static final long REQUEST_SPACING_MILLIS = 1000;

    private final SessionContext ctx;
    private final ByteBuffer out = ByteBuffer.allocate(MndpCodec.MAX_LENGTH);
    private long nextAnnouncement = Long.MIN_VALUE;
    private long lastRequestAnswer = Long.MIN_VALUE / 2;
    private int sequence;
    /** PINGs answered this period; the MAC-Ping responder's budget is reset with each announcement. */
    int pingsThisPeriod;

    MndpService(SessionContext ctx) {
        this.ctx = ctx;
    }

    void onFrame(UdpFrame frame, FrameSender sender, long now) {
        if (!listensOn(frame.ifIndex)) {
            return;
        }
        MndpMessage message = MndpCodec.decode(frame.payload);
        switch (message) {
            case MndpMessage.DiscoveryRequest r -> {
                ctx.counters.increment(Counter.MNDP_REQUESTS);
                if (now - lastRequestAnswer >= REQUEST_SPACING_MILLIS) {
                    lastRequestAnswer = now;
                    announce(now);
                }
            }
            case MndpAnnouncement a -> {
                if (isOurs(a.mac(), sender)) {
                    return;
                }
                ctx.counters.increment(Counter.MNDP_NEIGHBOURS);
                ctx.discovery.neighbourSeen(new Neighbour(frame.ifIndex, ctx.discovery.interfaceName(frame.ifIndex), frame.ipSrc,
                        a, now));
            }
            case MndpMessage.Malformed m -> {
                ctx.counters.increment(Counter.MALFORMED);
                LOG.log(Level.FINE, () -> "MNDP datagram ignored: " + m.reason());
            }
        }
    }

    /** Announces when the period is up; returns the time of the next announcement. */
    long onTimer(long now) {
        if (now >= nextAnnouncement) {
            announce(now);
        }
        return nextAnnouncement;
    }

    /** One announcement per discovery interface; restarts the period and the ping budget. */
    void announce(long now) {
        nextAnnouncement = now + ctx.config.mndpPeriodMillis();
        pingsThisPeriod = 0;
        FrameSender sender = ctx.sender;
        if (sender == null) {
            return;
        }
        MndpIdentity id = ctx.discovery.mndpIdentity();
        sequence = (sequence + 1) & 0xFFFF;
        for (int ifIndex : ctx.discovery.discoveryInterfaces()) {
            long mac = sender.macOf(ifIndex);
            if (mac < 0) {
                continue;
            }
            int ip = sender.ipv4Of(ifIndex);
            byte[] ipv4 = ip == 0 ? null : ByteBuffer.allocate(4).putInt(ip).array();
            MndpAnnouncement a = new MndpAnnouncement(mac, id.identity(), id.version(), id.platform(),
                    id.uptimeSeconds(), id.softwareId(), id.board(), ctx.discovery.interfaceName(ifIndex), ipv4, null);
            out.clear();
            MndpCodec.encode(out, a, sequence);
            ctx.send(ifIndex, Mac48.BROADCAST, ip, MndpCodec.PORT, MndpCodec.PORT, out.flip());
            ctx.counters.increment(Counter.MNDP_SENT);
        }
    }

    private boolean listensOn(int ifIndex) {
        for (int i : ctx.discovery.discoveryInterfaces()) {
            if (i == ifIndex) {
                return true;
            }
        }
        return false;
    }

    /** Our own announcements come back to us on other interfaces of the same segment. */
    private boolean isOurs(long mac, FrameSender sender) {
        for (int i : ctx.discovery.discoveryInterfaces()) {
            if (sender.macOf(i) == mac) {
                return true;
            }
        }
        return false;
    }
}
