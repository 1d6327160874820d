package macserver.system.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two generations of the open-source MAC-Telnet tools (mactelnet, macping, mndp) and how to
 * run each. 0.4.4 is Debian 12's mactelnet-client (MD5 login only). 0.6.1 is Debian 13's, unpacked
 * by tests/fetch-trixie-mactelnet.sh and run through trixie's own loader (EC-SRP5 login by
 * default, MD5 with {@code -o}).
 */
public enum ClientVersion {
    V0_4_4("mactelnet-client 0.4.4 (Debian 12: apt-get install mactelnet-client, or run tests/install-peers.sh as root)"),
    V0_6_1("mactelnet-client 0.6.1 (Debian 13, unpacked into var/peers/trixie: run tests/fetch-trixie-mactelnet.sh)");

    private final String description;

    ClientVersion(String description) {
        this.description = description;
    }

    /** The command line that runs {@code tool} (mactelnet, macping or mndp) of this version. */
    public List<String> command(String tool, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (this == V0_4_4) {
            command.add("/usr/bin/" + tool);
        } else {
            command.add(trixieCache().resolve("run").toString());
            command.add(tool);
        }
        command.addAll(arguments);
        return command;
    }

    /** Throws with the peer's name and how to get it when its programs are not here. */
    public void require() {
        if (!isInstalled()) {
            throw new IllegalStateException("missing peer: " + description);
        }
    }

    public boolean isInstalled() {
        return this == V0_4_4
                ? Files.isExecutable(Path.of("/usr/bin/mactelnet")) && Files.isExecutable(Path.of("/usr/bin/macping"))
                : Files.isExecutable(trixieCache().resolve("run")) && Files.isRegularFile(trixieCache().resolve("ok"));
    }

    /** Where tests/fetch-trixie-mactelnet.sh keeps 0.6.1: var/peers/trixie of the repository, unless overridden. */
    public static Path trixieCache() {
        String override = System.getenv("MACSERVER_TRIXIE_CACHE");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("macserver.root", "..")).toAbsolutePath().normalize().resolve("var/peers/trixie");
    }

    public String description() {
        return description;
    }
}
