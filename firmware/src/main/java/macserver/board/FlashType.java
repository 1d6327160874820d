package macserver.board;

import java.util.Locale;

/** The kind of flash the configuration store writes to. */
public enum FlashType {
    NAND,
    NOR,
    /** A file on the host standing in for a flash chip. */
    EMULATED;

    public String profileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlashType fromProfileName(String value) {
        for (FlashType type : values()) {
            if (type.profileName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown flash type '" + value + "' (known: nand, nor, emulated)");
    }
}
