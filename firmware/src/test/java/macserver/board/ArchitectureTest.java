package macserver.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchitectureTest {
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void profileNamesRoundTrip(Architecture architecture) {
        assertEquals(architecture, Architecture.fromProfileName(architecture.profileName()));
    }

    @Test
    void x86UsesDebiansNameAmd64() {
        assertEquals("amd64", Architecture.X86_64.debianName());
        assertEquals("x86_64", Architecture.X86_64.profileName());
    }

    @Test
    void knowsWhichArchitecturesAre64Bit() {
        assertTrue(Architecture.ARM64.is64Bit());
        assertFalse(Architecture.ARMHF.is64Bit());
        assertFalse(Architecture.MIPSEL.is64Bit());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Architecture.fromProfileName("aarch64"));
        assertTrue(e.getMessage().contains("x86_64, arm64, armhf, mipsel"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(FlashType.class)
    void flashTypeNamesRoundTrip(FlashType type) {
        assertEquals(type, FlashType.fromProfileName(type.profileName()));
        assertThrows(IllegalArgumentException.class, () -> FlashType.fromProfileName(type.name()));
    }
}
