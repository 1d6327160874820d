package macserver.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's memory as Linux reports it in {@code /proc/meminfo}: {@code MemTotal}, and as
 * free what {@code MemAvailable} says (free pages plus the caches the kernel can give back), or
 * {@code MemFree} on kernels older than 3.14, which lack it.
 */
public record MemInfo(long totalBytes, long freeBytes) {
    public static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

    /** The figures of a {@code /proc/meminfo} file, or empty when it cannot be read or parsed. */
    public static Optional<MemInfo> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Lines such as {@code MemTotal:  126976 kB}; empty without a total and a free figure. */
    public static Optional<MemInfo> parse(String text) {
        long total = -1;
        long available = -1;
        long free = -1;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            if (!key.equals("MemTotal") && !key.equals("MemAvailable") && !key.equals("MemFree")) {
                continue;
            }
            long bytes = bytesOf(line.substring(colon + 1).trim());
            switch (key) {
                case "MemTotal" -> total = bytes;
                case "MemAvailable" -> available = bytes;
                default -> free = bytes;
            }
        }
        long freeBytes = available >= 0 ? available : free;
        if (total <= 0 || freeBytes < 0) {
            return Optional.empty();
        }
        return Optional.of(new MemInfo(total, Math.min(freeBytes, total)));
    }

    /** "126976 kB" (the kernel's kB is KiB), or a bare number of bytes; -1 if neither. */
    private static long bytesOf(String value) {
        String[] words = value.split("\\s+");
        try {
            long n = Long.parseLong(words[0]);
            if (n < 0) {
                return -1;
            }
            if (words.length == 1) {
                return n;
            }
            return words.length == 2 && words[1].equalsIgnoreCase("kB") ? Math.multiplyExact(n, 1024L) : -1;
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
