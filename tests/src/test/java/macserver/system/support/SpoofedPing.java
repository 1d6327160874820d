package macserver.system.support;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import macserver.datapath.DecodeResult;
import macserver.datapath.FrameDecoder;
import macserver.datapath.FrameEncoder;
import macserver.datapath.RawSocket;
import macserver.datapath.UdpFrame;
import macserver.mactelnet.Direction;
import macserver.mactelnet.MtDecodeResult;
import macserver.mactelnet.MtHeader;
import macserver.mactelnet.MtPacketDecoder;
import macserver.mactelnet.MtPacketEncoder;
import macserver.mactelnet.MtPacketType;

/**
 * MAC-Pings whose MAC-Telnet header names one client MAC while the Ethernet frame comes from
 * another, as a host would send them to borrow someone else's binding. Run inside a namespace
 * ({@code ip netns exec <ns> java ... SpoofedPing <if> <eth-src> <header-mac> <router-mac> <count>});
 * prints {@code pongs N}: the PONGs the router sent back to the header's MAC.
 */
public final class SpoofedPing {
    private static final Duration LISTEN_AFTER = Duration.ofSeconds(2);

    public static void main(String[] args) throws Exception {
        String ifName = args[0];
        long ethSrc = mac(args[1]);
        long headerMac = mac(args[2]);
        long router = mac(args[3]);
        int count = Math.min(Integer.parseInt(args[4]), 50);
        int ifIndex = Integer.parseInt(Files.readString(Path.of("/sys/class/net", ifName, "ifindex")).strip());
        try (Arena arena = Arena.ofConfined(); RawSocket socket = RawSocket.open(ifIndex, null, Duration.ofMillis(50))) {
            MemorySegment tx = arena.allocate(FrameEncoder.MAX_FRAME_BYTES);
            FrameEncoder encoder = new FrameEncoder(tx.asByteBuffer(), 1);
            MemorySegment rx = arena.allocate(FrameEncoder.MAX_FRAME_BYTES + 64);
            FrameDecoder decoder = new FrameDecoder(rx.asByteBuffer(), false);
            MtHeader h = new MtHeader();
            ByteBuffer payload = ByteBuffer.allocate(64);
            int pongs = 0;
            long nextSend = System.nanoTime();
            long end = Long.MAX_VALUE;
            for (int sent = 0; System.nanoTime() < end; ) {
                if (sent < count && System.nanoTime() >= nextSend) {
                    payload.clear();
                    MtPacketEncoder.writePingHeader(payload, MtPacketType.PING, headerMac, router);
                    payload.putInt(sent).flip();
                    int length = encoder.encode(ethSrc, router, 0, -1, MtHeader.PORT, MtHeader.PORT, payload);
                    socket.send(tx, length);
                    sent++;
                    nextSend = System.nanoTime() + 50_000_000L;
                    if (sent == count) {
                        end = System.nanoTime() + LISTEN_AFTER.toNanos();
                    }
                }
                int n = socket.receive(rx);
                if (n <= 0 || decoder.decode(n, ifIndex) != DecodeResult.OK) {
                    continue;
                }
                UdpFrame f = decoder.frame();
                if (f.srcPort == MtHeader.PORT && MtPacketDecoder.decode(f.payload, Direction.SERVER_TO_CLIENT, h) == MtDecodeResult.OK
                        && h.type == MtPacketType.PONG && h.senderMac == router && h.receiverMac == headerMac) {
                    pongs++;
                }
            }
            System.out.println("pongs " + pongs);
        }
    }

    private static long mac(String text) {
        return Long.parseLong(text.replace(":", ""), 16);
    }
}
