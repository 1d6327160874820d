package macserver.system.support;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import macserver.datapath.FrameEncoder;
import macserver.datapath.RawSocket;

/**
 * Throws random and mutated MAC-Telnet, MAC-Ping and MNDP frames at a MAC, from inside a network
 * namespace ({@code ip netns exec <ns> java ... FrameFuzzer <if> <src-mac> <dst-mac> <count> <seed>}):
 * truncated headers, bad control-block lengths, huge counters, unknown types, wrong session keys,
 * random sender MACs. Bounded in count and paced, so it never floods more than the test wants.
 */
public final class FrameFuzzer {
    private static final int PORT = 20561;

    public static void main(String[] args) throws Exception {
        String ifName = args[0];
        long src = Long.parseLong(args[1].replace(":", ""), 16);
        long dst = Long.parseLong(args[2].replace(":", ""), 16);
        int count = Math.min(Integer.parseInt(args[3]), 100_000);
        Random random = new Random(Long.parseLong(args[4]));
        int ifIndex = Integer.parseInt(Files.readString(Path.of("/sys/class/net", ifName, "ifindex")).strip());
        try (Arena arena = Arena.ofConfined(); RawSocket socket = RawSocket.open(ifIndex, null, Duration.ofMillis(100))) {
            MemorySegment frame = arena.allocate(1514);
            FrameEncoder encoder = new FrameEncoder(frame.asByteBuffer(), 1);
            ByteBuffer payload = ByteBuffer.allocate(1472);
            for (int i = 0; i < count; i++) {
                long sender = random.nextInt(4) == 0 ? (random.nextLong() & 0xFEFF_FFFF_FFFFL) : src;
                fill(payload, random, sender, dst);
                int sport = random.nextInt(3) == 0 ? PORT : 1024 + random.nextInt(1024);
                int dport = random.nextInt(10) == 0 ? 5678 : PORT;
                int length = encoder.encode(sender, random.nextInt(8) == 0 ? 0xFFFF_FFFF_FFFFL : dst, 0, -1, sport, dport,
                        payload.flip());
                socket.send(frame, length);
                if (i % 200 == 199) {
                    Thread.sleep(5);
                }
            }
        }
        System.out.println("fuzzed " + count);
    }

    /** One packet: a valid-looking MAC-Telnet packet, then damaged in one of several ways. */
    private static void fill(ByteBuffer p, Random r, long sender, long receiver) {
        p.clear();
        int type = switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1, 2 -> 1;
            case 3 -> 2;
            case 4 -> 4;
            case 5 -> 255;
            case 6 -> r.nextInt(256);
            default -> 1;
        };
        p.put((byte) (r.nextInt(20) == 0 ? r.nextInt(256) : 1)).put((byte) type);
        putMac(p, sender);
        putMac(p, receiver);
        p.putShort((short) (r.nextInt(4) == 0 ? r.nextInt(65536) : 0x1234));
        p.putShort((short) (r.nextInt(20) == 0 ? r.nextInt(65536) : 0x0015));
        p.putInt(r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(200));
        int blocks = r.nextInt(4);
        for (int b = 0; b < blocks && p.remaining() > 64; b++) {
            p.putInt(0x563412FF).put((byte) r.nextInt(12));
            int declared = r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(60);
            p.putInt(declared);
            int real = Math.min(Math.max(0, declared), Math.min(p.remaining() - 16, r.nextInt(60)));
            for (int k = 0; k < real; k++) {
                p.put((byte) r.nextInt(256));
            }
        }
        if (r.nextBoolean()) {
            int n = r.nextInt(Math.min(400, p.remaining()));
            for (int k = 0; k < n; k++) {
                p.put((byte) r.nextInt(256));
            }
        }
        if (r.nextInt(4) == 0) {
            p.position(r.nextInt(p.position() + 1));
        }
    }

    private static void putMac(ByteBuffer p, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            p.put((byte) (mac >>> shift));
        }
    }
}
