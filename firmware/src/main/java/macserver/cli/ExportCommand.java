package macserver.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Property;

/**
 * {@code export [verbose]}: a script that recreates the configuration of this menu and the menus
 * below it when fed back through a console. Dynamic items, users (whose passwords are never
 * exported), SSH keys (as RouterOS) and status are left out; built-in items appear only as
 * {@code set} of what changed. {@code show-sensitive} and {@code hide-sensitive} are accepted
 * for the scripts and backup tools that send them and change nothing: write-only values
 * (passwords, secrets) are never exported.
 */
final class ExportCommand implements Command {
    private final String version;

    ExportCommand(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public List<String> argumentNames(Menu menu) {
        return List.of("verbose", "terse", "show-sensitive", "hide-sensitive");
    }

    @Override
    public String run(CommandContext ctx) throws CliException {
        boolean verbose = false;
        for (Arg a : ctx.args) {
            if (a.kind() == Arg.Kind.BARE && "verbose".startsWith(a.name())) {
                verbose = true;
            } else if (!(a.kind() == Arg.Kind.BARE && ("terse".startsWith(a.name())
                    || a.name().equals("show-sensitive") || a.name().equals("hide-sensitive")))) {
                throw new CliException("expected end of command", a.column());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")))
          .append(" by macserver ").append(version).append('\n');
        sb.append(body(ctx.model, ctx.menu, verbose));
        return sb.toString();
    }

    /** The script for {@code top} and everything below it, without the header. */
    static String body(ConfigModel model, Menu top, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        for (Menu m : model.schema().menus()) {
            if (!m.isStored() || m.isHidden() || !under(m, top) || m.path().equals(List.of("user"))
                    || m.path().equals(List.of("user", "ssh-keys"))) {
                continue;
            }
            List<String> lines = m.kind() == Menu.Kind.SINGLETON ? singleton(model, m, verbose) : list(model, m, verbose);
            if (!lines.isEmpty()) {
                sb.append(m.spacedPath()).append('\n');
                lines.forEach(l -> sb.append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    private static boolean under(Menu m, Menu top) {
        return m.path().size() >= top.path().size() && m.path().subList(0, top.path().size()).equals(top.path());
    }

    private static List<String> singleton(ConfigModel model, Menu m, boolean verbose) {
        String args = assignments(model, m, model.table(m).get(1), verbose);
        return args.isEmpty() ? List.of() : List.of("set" + args);
    }

    private static List<String> list(ConfigModel model, Menu m, boolean verbose) {
        List<String> out = new ArrayList<>();
        Property dynamic = m.property("dynamic");
        for (var it = model.table(m).iterator(); it.hasNext(); ) {
            Object[] row = it.next().getValue();
            if (dynamic != null && Boolean.TRUE.equals(row[dynamic.index()])) {
                continue;
            }
            if (m.isBuiltin(row)) {
                // Built-in items keep their factory settings; only a comment can be theirs.
                Property comment = m.property("comment");
                String args = comment == null || row[comment.index()] == null ? ""
                        : " comment=" + Lexer.quote((String) row[comment.index()]);
                if (!args.isEmpty()) {
                    Property name = m.nameProperty();
                    out.add("set [ find " + name.name() + "=" + Lexer.quote(name.type().format(row[name.index()], model))
                            + " ]" + args);
                }
                continue;
            }
            out.add("add" + assignments(model, m, row, verbose));
        }
        return out;
    }

    private static String assignments(ConfigModel model, Menu m, Object[] row, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        for (Property p : m.properties()) {
            if (!p.isStored() || !p.isSettable() || !p.isShown()) {
                continue;
            }
            Object v = row[p.index()];
            if (v == null || (!verbose && Objects.deepEquals(v, p.defaultValue()))) {
                continue;
            }
            sb.append(' ').append(p.name()).append('=').append(Lexer.quote(p.type().format(v, model)));
        }
        return sb.toString();
    }
}
