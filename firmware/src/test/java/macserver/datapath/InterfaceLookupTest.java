package macserver.datapath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads only: compares the ioctl answers with what sysfs says about this host's interfaces. */
class InterfaceLookupTest {
    @Test
    void findsEveryEthernetInterfaceWithSysfsIndexAndAddress() throws Exception {
        for (Path dir : interfaces()) {
            if (!Files.readString(dir.resolve("type")).strip().equals("1")) {
                continue;
            }
            String name = dir.getFileName().toString();
            LinkInfo link = InterfaceLookup.lookUp(name);
            assertEquals(name, link.name());
            assertEquals(Integer.parseInt(Files.readString(dir.resolve("ifindex")).strip()), link.ifIndex());
            assertEquals(Files.readString(dir.resolve("address")).strip(), link.macText().toLowerCase());
        }
    }

    @Test
    void refusesLoopbackUnknownAndMalformedNames() {
        assertEquals("interface lo has no Ethernet MAC address",
                assertThrows(DataPathException.class, () -> InterfaceLookup.lookUp("lo")).getMessage());
        assertEquals("no network interface named nosuchif9",
                assertThrows(DataPathException.class, () -> InterfaceLookup.lookUp("nosuchif9")).getMessage());
        assertEquals("not an interface name: 'a-name-of-16-chr'",
                assertThrows(DataPathException.class, () -> InterfaceLookup.lookUp("a-name-of-16-chr")).getMessage());
        assertThrows(DataPathException.class, () -> InterfaceLookup.lookUp(""));
        assertThrows(DataPathException.class, () -> InterfaceLookup.lookUp("a/b"));
    }

    private static List<Path> interfaces() throws IOException {
        try (Stream<Path> list = Files.list(Path.of("/sys/class/net"))) {
            return list.sorted().toList();
        }
    }
}
