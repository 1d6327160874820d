package macserver.console;

import java.util.HashMap;
import java.util.Map;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Terminal;

/**
 * Key maps lent from the first line reader of each kind of terminal to every later one. JLine
 * builds about 190 key maps for every reader (some 100 KB, most of an idle session's heap), and
 * they come out the same for every reader on the same terminal type with the same erase and kill
 * characters. JLine changes key maps only while a reader is being built, and a reader only looks
 * things up in them, so readers on many threads can share them once they are complete.
 *
 * <p>Terminal types come from the client, so at most {@code maxKinds} kinds are remembered; a
 * reader of any further kind keeps its own maps, which costs memory only while it lives.
 */
final class SharedKeyMaps {

    private final int maxKinds;
    private final Map<String, Map<String, KeyMap<Binding>>> byKind = new HashMap<>();

    SharedKeyMaps(int maxKinds) {
        this.maxKinds = maxKinds;
    }

    /**
     * Gives {@code reader} (built on {@code terminal}, all its own bindings made) the shared maps
     * of its kind, or makes its maps the shared ones if it is the first of its kind. Returns
     * whether the reader now uses shared maps.
     */
    boolean share(LineReader reader, Terminal terminal) {
        String kind = kind(terminal);
        Map<String, KeyMap<Binding>> own = reader.getKeyMaps();
        Map<String, KeyMap<Binding>> shared;
        synchronized (this) {
            shared = byKind.get(kind);
            if (shared == null) {
                if (byKind.size() >= maxKinds) {
                    return false;
                }
                // A copy of the name-to-map table; the maps in it are the reader's own, now lent out.
                byKind.put(kind, Map.copyOf(own));
                return true;
            }
        }
        own.putAll(shared);
        return true;
    }

    /** Kinds of terminal remembered now. */
    synchronized int kinds() {
        return byKind.size();
    }

    /** What JLine's default key maps are built from: the terminal type and the editing characters. */
    private static String kind(Terminal terminal) {
        Attributes a = terminal.getAttributes();
        return terminal.getType() + '|' + a.getControlChar(ControlChar.VERASE) + '|'
                + a.getControlChar(ControlChar.VWERASE) + '|' + a.getControlChar(ControlChar.VKILL) + '|'
                + a.getControlChar(ControlChar.VLNEXT);
    }
}
