package macserver.console;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminfo capabilities of each terminal type, parsed once and copied into every terminal of
 * that type. JLine parses them anew for each terminal it makes: it reads its table of capability
 * names out of its jar, runs a regular expression it compiles again over every line, and for a
 * type it has no description of built in (vt102, which the MAC-Telnet clients send) asks the
 * {@code infocmp} program, twice, each time, where the router has none. That was some 2 ms of every
 * MAC-Telnet login (the idle editor makes a terminal for the keypad string before the first prompt)
 * and of the first key after each idle spell.
 *
 * <p>Terminal types come from the client, so at most {@code maxKinds} types are remembered; a
 * terminal of any further type is parsed as JLine does it, which costs time only.
 */
final class TerminalCapabilities {

    private static final Logger LOG = Logger.getLogger(TerminalCapabilities.class.getName());
    /** What JLine falls back to for a type it cannot describe. */
    static final String FALLBACK_TYPE = "ansi";
    private static final TerminalCapabilities SHARED = new TerminalCapabilities(16);

    /** One type's capabilities as JLine would parse them, and the keypad string it sends before a prompt. */
    record Parsed(Set<Capability> bools, Map<Capability, Integer> ints, Map<Capability, String> strings,
            String keypadTransmit) {

        /** Fills a new terminal's (empty) capability tables. */
        void copyInto(Set<Capability> toBools, Map<Capability, Integer> toInts, Map<Capability, String> toStrings) {
            toBools.addAll(bools);
            toInts.putAll(ints);
            toStrings.putAll(strings);
        }
    }

    private final int maxKinds;
    private final Map<String, Parsed> byType = new HashMap<>();

    TerminalCapabilities(int maxKinds) {
        this.maxKinds = maxKinds;
    }

    /** The capabilities of {@code type} from the firmware's shared table. */
    static Parsed of(String type) {
        return SHARED.get(type);
    }

    /** The capabilities of {@code type}, parsed now if it is not remembered. */
    Parsed get(String type) {
        synchronized (this) {
            Parsed known = byType.get(type);
            if (known != null) {
                return known;
            }
        }
        // Parsed outside the lock: asking infocmp may take a while, and a second parse is harmless.
        Parsed parsed = parse(type);
        synchronized (this) {
            Parsed known = byType.get(type);
            if (known != null) {
                return known;
            }
            if (byType.size() < maxKinds && !Thread.currentThread().isInterrupted()) {
                byType.put(type, parsed);
            }
        }
        return parsed;
    }

    /** Kinds of terminal remembered now. */
    synchronized int kinds() {
        return byType.size();
    }

    /** As JLine's terminals parse theirs: the type's description if there is one, else {@link #FALLBACK_TYPE}'s. */
    private static Parsed parse(String type) {
        String description = null;
        try {
            description = InfoCmp.getInfoCmp(type);
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "no terminfo description of " + type + "; using " + FALLBACK_TYPE, e);
        } catch (InterruptedException e) {
            // Not remembered (see get): the next terminal of this type asks again.
            Thread.currentThread().interrupt();
        }
        if (description == null) {
            description = InfoCmp.getDefaultInfoCmp(FALLBACK_TYPE);
        }
        Set<Capability> bools = EnumSet.noneOf(Capability.class);
        Map<Capability, Integer> ints = new EnumMap<>(Capability.class);
        Map<Capability, String> strings = new EnumMap<>(Capability.class);
        InfoCmp.parseInfoCmp(description, bools, ints, strings);
        String keypad = strings.get(Capability.keypad_xmit);
        // Read by many terminals at once, written by none.
        return new Parsed(java.util.Collections.unmodifiableSet(bools), java.util.Collections.unmodifiableMap(ints),
                java.util.Collections.unmodifiableMap(strings), keypad == null ? "" : Curses.tputs(keypad));
    }
}
