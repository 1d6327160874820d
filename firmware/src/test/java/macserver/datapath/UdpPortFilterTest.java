package macserver.datapath;

import static macserver.datapath.TestFrames.fixIpChecksum;
import static macserver.datapath.TestFrames.put16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UdpPortFilterTest {
    private final ClassicBpfInterpreter filter = new ClassicBpfInterpreter(UdpPortFilter.macServer());

    private static boolean passes(ClassicBpfInterpreter filter, byte[] frame) {
        return filter.run(frame) > 0;
    }

    @Test
    void passesMacTelnetAndMndpWholeFrames() {
        byte[] macTelnet = TestFrames.udp(1024, 20561, new byte[1472]);
        byte[] mndp = TestFrames.udp(5678, 5678, new byte[40]);

        assertTrue(filter.run(macTelnet) >= macTelnet.length, "the whole frame must reach user space");
        assertTrue(passes(filter, mndp));
        assertTrue(passes(filter, TestFrames.udp(20561, 20561, new byte[0])));
    }

    @Test
    void dropsOtherPortsAndTheSourcePortAlone() {
        for (int port : new int[] {0, 1, 53, 5677, 5679, 20560, 20562, 65535}) {
            assertEquals(0, filter.run(TestFrames.udp(20561, port, new byte[10])), "port " + port);
        }
    }

    @Test
    void dropsOtherProtocolsTagsAndFragments() {
        byte[] tcp = TestFrames.udp(1024, 20561, new byte[10]);
        tcp[23] = 6;
        assertEquals(0, filter.run(tcp));

        byte[] arp = TestFrames.udp(1024, 20561, new byte[10]);
        put16(arp, 12, 0x0806);
        assertEquals(0, filter.run(arp));

        byte[] inner = TestFrames.udp(1024, 20561, new byte[10]);
        byte[] tagged = new byte[inner.length + 4];
        System.arraycopy(inner, 0, tagged, 0, 12);
        put16(tagged, 12, 0x8100);
        put16(tagged, 14, 5);
        System.arraycopy(inner, 12, tagged, 16, inner.length - 12);
        assertEquals(0, filter.run(tagged));

        byte[] moreFragments = TestFrames.udp(1024, 20561, new byte[10]);
        put16(moreFragments, 20, 0x2000);
        assertEquals(0, filter.run(moreFragments));
        byte[] laterFragment = TestFrames.udp(1024, 20561, new byte[10]);
        put16(laterFragment, 20, 0x4000 | 0x00B9);
        assertEquals(0, filter.run(laterFragment));
        byte[] dontFragment = TestFrames.udp(1024, 20561, new byte[10]);
        put16(dontFragment, 20, 0x4000);
        assertTrue(passes(filter, dontFragment));
    }

    @Test
    void findsThePortAfterIpOptions() {
        // IHL 6: one option word moves the UDP header 4 bytes on.
        byte[] plain = TestFrames.udp(1024, 20561, new byte[12]);
        byte[] withOptions = new byte[plain.length + 4];
        System.arraycopy(plain, 0, withOptions, 0, 34);
        System.arraycopy(plain, 34, withOptions, 38, plain.length - 34);
        withOptions[14] = 0x46;
        fixIpChecksum(withOptions);
        assertTrue(passes(filter, withOptions));

        // 20561 where the port would be without options, but the real destination is 9.
        byte[] decoy = withOptions.clone();
        put16(decoy, 36, 20561);
        put16(decoy, 40, 9);
        assertEquals(0, filter.run(decoy));
    }

    @Test
    void dropsEveryFrameCutBeforeTheDestinationPort() {
        byte[] frame = TestFrames.udp(1024, 20561, new byte[10]);
        for (int length = 0; length < 38; length++) {
            assertEquals(0, filter.run(Arrays.copyOf(frame, length)), "cut at " + length);
        }
        assertTrue(passes(filter, Arrays.copyOf(frame, 38)), "the decoder, not the filter, checks lengths");
    }

    @Test
    void buildsFiltersForOtherPortSets() {
        ClassicBpfInterpreter one = new ClassicBpfInterpreter(UdpPortFilter.forPorts(9));
        assertTrue(passes(one, TestFrames.udp(1, 9, new byte[1])));
        assertEquals(0, one.run(TestFrames.udp(1, 20561, new byte[1])));

        int[] many = new int[200];
        for (int i = 0; i < many.length; i++) {
            many[i] = 1000 + 3 * i;
        }
        ClassicBpfInterpreter wide = new ClassicBpfInterpreter(UdpPortFilter.forPorts(many));
        for (int port = 990; port < 1700; port++) {
            boolean listed = port >= 1000 && port < 1600 && (port - 1000) % 3 == 0;
            assertEquals(listed, passes(wide, TestFrames.udp(1, port, new byte[1])), "port " + port);
        }
        assertThrows(IllegalArgumentException.class, UdpPortFilter::forPorts);
        assertThrows(IllegalArgumentException.class, () -> UdpPortFilter.forPorts(65536));
        assertThrows(IllegalArgumentException.class, () -> UdpPortFilter.forPorts(-1));
        assertThrows(IllegalArgumentException.class, () -> UdpPortFilter.forPorts(new int[201]));
    }

    @Test
    void agreesWithAPlainReadingOfTheHeadersOnRandomFrames() {
        Random random = new Random(20561);
        int passed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] f = TestFrames.udp(random.nextInt(65536), random.nextInt(4) == 0 ? 5678 : 20561, new byte[random.nextInt(40)]);
            // Damage a few header bytes, often the ones the filter reads.
            for (int d = random.nextInt(4); d > 0; d--) {
                f[random.nextInt(2) == 0 ? 12 + random.nextInt(28) : random.nextInt(f.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = Arrays.copyOf(f, random.nextInt(10) == 0 ? random.nextInt(f.length + 1) : f.length);
            boolean expected = plainReading(cut);
            assertEquals(expected, passes(filter, cut), () -> "frame " + java.util.HexFormat.of().formatHex(
                    Arrays.copyOf(cut, Math.min(cut.length, 48))));
            passed += expected ? 1 : 0;
        }
        assertTrue(passed > 1000 && passed < 19_000, "the random frames must exercise both outcomes: " + passed);
    }

    private static boolean plainReading(byte[] f) {
        if (f.length < 24 || TestFrames.u16(f, 12) != 0x0800 || f[23] != 17 || (TestFrames.u16(f, 20) & 0x3FFF) != 0) {
            return false;
        }
        int port = 14 + (f[14] & 0x0F) * 4 + 2;
        if (port + 2 > f.length) {
            return false;
        }
        int dport = TestFrames.u16(f, port);
        return dport == 20561 || dport == 5678;
    }
}
