package macserver.system;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import macserver.board.BoardProfile;

/**
 * The rows of {@code /system resource} and {@code /interface}: the board profile's figures and
 * what the operating system and the JVM report now.
 */
public final class SystemStatus {
    /**
     * What {@code version} says: the RouterOS release whose API and REST behaviour this firmware
     * follows, in RouterOS's own form, because clients parse it (Terraform's provider and
     * Ansible's facts read {@code 7.x.y (channel)} and pick features by it). 7.16 is the last
     * line before RouterOS began to answer an empty print with {@code !empty}, which this firmware
     * does not send. The firmware's own version is {@code firmware-version}.
     */
    public static final String ROUTEROS_VERSION = "7.16.2 (stable)";

    private final BoardProfile board;
    private final String version;
    private final long startMillis = System.currentTimeMillis();
    private final LongSupplier flashFree;
    private final Supplier<Optional<MemInfo>> memory;

    /** The machine's memory from {@code /proc/meminfo}. */
    public SystemStatus(BoardProfile board, String version, LongSupplier flashFreeBytes) {
        this(board, version, flashFreeBytes, () -> MemInfo.read(MemInfo.PROC_MEMINFO));
    }

    /** {@code memory} gives the machine's memory when asked, or empty where it cannot be read. */
    public SystemStatus(BoardProfile board, String version, LongSupplier flashFreeBytes, Supplier<Optional<MemInfo>> memory) {
        this.board = board;
        this.version = version;
        this.flashFree = flashFreeBytes;
        this.memory = memory;
    }

    /** One row in the property order of /system resource, then its id. */
    public List<Object[]> resource() {
        Runtime rt = Runtime.getRuntime();
        long uptime = (System.currentTimeMillis() - startMillis) / 1000;
        // The machine's real memory, as RouterOS shows its own; where /proc/meminfo cannot be read,
        // the board profile's RAM, less what the firmware's heap uses of it.
        long ram = board.ramMib() * 1024L * 1024L;
        MemInfo mem = memory.get().orElseGet(() -> new MemInfo(ram, Math.max(0, ram - (rt.totalMemory() - rt.freeMemory()))));
        return List.<Object[]>of(new Object[] {
            uptime, ROUTEROS_VERSION, version, board.model(), board.architecture().toString().toLowerCase(java.util.Locale.ROOT),
            board.cpu().model(), (long) board.cpu().cores(), board.cpu().mhz() + "MHz",
            mem.totalBytes(), mem.freeBytes(),
            board.flash().type().toString().toLowerCase(java.util.Locale.ROOT), board.flash().sizeBytes(),
            flashFree.getAsLong(), Runtime.version().toString(), 1});
    }

    /** The row of /system routerboard: the board profile's model; the host is no RouterBOARD. */
    public List<Object[]> routerboard() {
        String arch = board.architecture().toString().toLowerCase(java.util.Locale.ROOT);
        return List.<Object[]>of(new Object[] {!board.name().equals("host"), board.name(), board.model(), arch, version, 1});
    }

    /** The rows of /system package: the one package this firmware is. */
    public List<Object[]> packages() {
        String arch = board.architecture().toString().toLowerCase(java.util.Locale.ROOT);
        return List.<Object[]>of(new Object[] {"macserver", version, arch, 1});
    }

    /**
     * The operating system's Ethernet interfaces (those with a 6-byte hardware address): name,
     * type, MAC, MTU, running, then the id (the interface index).
     */
    public static List<Object[]> interfaces() {
        List<Object[]> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] hw = nif.getHardwareAddress();
                if (hw == null || hw.length != 6) {
                    continue;
                }
                long mac = 0;
                for (byte b : hw) {
                    mac = (mac << 8) | (b & 0xFF);
                }
                out.add(new Object[] {nif.getName(), "ether", mac, (long) nif.getMTU(), nif.isUp(), nif.getIndex()});
            }
        } catch (SocketException e) {
            return out;
        }
        out.sort((a, b) -> Integer.compare((Integer) a[5], (Integer) b[5]));
        return out;
    }
}
