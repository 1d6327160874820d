package macserver.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Topic names of a group, and the one spelling of a MAC that counts. */
class FleetTopicsTest {
    private final FleetTopics topics = FleetTopics.of("isp/routers", "north");

    @Test
    void namesTheGroupsTopics() {
        assertEquals("isp/routers/fleet/north/binding/+", topics.bindingFilter());
        assertEquals("isp/routers/fleet/north/binding/00:11:22:AA:BB:CC", topics.binding(0x001122AABBCCL));
        assertEquals("isp/routers/fleet/north/sync/edge-1", topics.sync("edge-1"));
    }

    @Test
    void readsOnlyTheCanonicalMacOfItsOwnGroup() {
        assertEquals(0x001122AABBCCL, topics.macOf("isp/routers/fleet/north/binding/00:11:22:AA:BB:CC"));
        assertEquals(-1, topics.macOf("isp/routers/fleet/north/binding/00:11:22:aa:bb:cc"));
        assertEquals(-1, topics.macOf("isp/routers/fleet/north/binding/001122AABBCC"));
        assertEquals(-1, topics.macOf("isp/routers/fleet/south/binding/00:11:22:AA:BB:CC"));
        assertEquals(-1, topics.macOf("isp/routers/fleet/north/binding/00:11:22:AA:BB:CC/x"));
        assertEquals(-1, topics.macOf("isp/routers/fleet/north/binding/"));
    }

    @Test
    void refusesGroupsAndPrefixesThatWouldLeaveTheSubtree() {
        for (String group : new String[] {"", "a/b", "+", "#", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> FleetTopics.of("isp", group), group);
        }
        for (String prefix : new String[] {"", "isp/", "isp/#", "a//b"}) {
            assertThrows(IllegalArgumentException.class, () -> FleetTopics.of(prefix, "north"), prefix);
        }
    }
}
