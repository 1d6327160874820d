package macserver.board;

import java.util.Arrays;
import java.util.stream.Collectors;

/** CPU architecture of a board, with the names the image tooling needs. */
public enum Architecture {
    X86_64("x86_64", "amd64", true),
    ARM64("arm64", "arm64", true),
    ARMHF("armhf", "armhf", false),
    MIPSEL("mipsel", "mipsel", false);

    private final String profileName;
    private final String debianName;
    private final boolean sixtyFourBit;

    Architecture(String profileName, String debianName, boolean sixtyFourBit) {
        this.profileName = profileName;
        this.debianName = debianName;
        this.sixtyFourBit = sixtyFourBit;
    }

    /** The value of {@code architecture=} in a board profile. */
    public String profileName() {
        return profileName;
    }

    /** Debian's name for the architecture, as used in runtime sources such as {@code ...:arm64}. */
    public String debianName() {
        return debianName;
    }

    public boolean is64Bit() {
        return sixtyFourBit;
    }

    public static Architecture fromProfileName(String value) {
        for (Architecture architecture : values()) {
            if (architecture.profileName.equals(value)) {
                return architecture;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + value + "' (known: "
                + Arrays.stream(values()).map(Architecture::profileName).collect(Collectors.joining(", ")) + ")");
    }
}
