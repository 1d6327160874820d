package macserver.cli;

import java.util.ArrayList;
import java.util.List;
import macserver.config.Menu;
import macserver.config.Property;

/**
 * Tab completion and {@code ?} help for a session: what can come after the words typed so far
 * (menus, commands, argument names, values).
 */
final class Completion {
    private final ModelCliSession session;

    Completion(ModelCliSession session) {
        this.session = session;
    }

    /** Whole-word candidates for the last (possibly empty) word of {@code line}. */
    List<String> complete(String line) {
        Context c = context(line);
        List<String> out = new ArrayList<>();
        for (String candidate : c.candidates) {
            if (candidate.startsWith(c.prefix)) {
                out.add(candidate);
            }
        }
        return out;
    }

    String help(String line) {
        Context c = context(line.endsWith(" ") || line.isEmpty() ? line : line + " ");
        StringBuilder sb = new StringBuilder();
        for (String candidate : c.candidates) {
            sb.append(candidate).append('\n');
        }
        return sb.toString();
    }

    private record Context(String prefix, List<String> candidates) {}

    private Context context(String line) {
        int cut = line.lastIndexOf(' ') + 1;
        String head = line.substring(0, cut);
        String last = line.substring(cut);
        List<String> words = new ArrayList<>(List.of(head.trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        Menu menu = session.current();
        int i = 0;
        if (!words.isEmpty() && words.get(0).startsWith("/")) {
            menu = session.model().schema().root();
            for (String part : words.get(0).substring(1).split("/")) {
                Menu next = part.isEmpty() ? menu : session.child(menu, part, true);
                if (next == null) {
                    return new Context(last, List.of());
                }
                menu = next;
            }
            i = 1;
        } else if (words.isEmpty() && last.startsWith("/")) {
            return slashPath(last);
        }
        for (; i < words.size(); i++) {
            Menu next = words.get(i).equals("..") ? menu.parent() : session.child(menu, words.get(i), false);
            if (next == null) {
                break;
            }
            menu = next;
        }
        if (i == words.size()) {
            List<String> out = new ArrayList<>();
            for (Menu child : menu.children()) {
                out.add(child.path().get(child.path().size() - 1));
            }
            out.addAll(session.commands().names(menu));
            return new Context(last, out);
        }
        Command cmd = session.commands().find(menu, words.get(i));
        if (cmd == null) {
            return new Context(last, List.of());
        }
        int eq = last.indexOf('=');
        if (eq > 0) {
            Property p = menu.property(last.substring(0, eq));
            List<String> out = new ArrayList<>();
            if (p != null) {
                Menu m = menu;
                List<String> values = session.model().read(() -> p.type().completions(session.model()));
                for (String v : values) {
                    out.add(last.substring(0, eq + 1) + v);
                }
            }
            return new Context(last, out);
        }
        List<String> out = new ArrayList<>();
        for (String a : cmd.argumentNames(menu)) {
            Property p = menu.property(a);
            out.add(p != null && p.type() != macserver.config.BoolType.INSTANCE || a.equals("proplist") ? a + "=" : a);
        }
        if (menu.kind() == Menu.Kind.LIST && menu.nameProperty() != null
                && List.of("set", "remove", "enable", "disable", "get", "comment", "unset").contains(cmd.name())
                && i == words.size() - 1) {
            Menu m = menu;
            out.addAll(session.model().read(() -> session.model().names(m)));
        }
        return new Context(last, out);
    }

    private Context slashPath(String last) {
        int slash = last.lastIndexOf('/');
        Menu menu = session.model().schema().root();
        String done = last.substring(0, slash + 1);
        for (String part : last.substring(1, slash + 1).split("/")) {
            if (!part.isEmpty()) {
                menu = session.child(menu, part, true);
                if (menu == null) {
                    return new Context(last, List.of());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Menu child : menu.children()) {
            out.add(done + child.path().get(child.path().size() - 1));
        }
        for (String c : session.commands().names(menu)) {
            out.add(done + c);
        }
        return new Context(last, out);
    }
}
