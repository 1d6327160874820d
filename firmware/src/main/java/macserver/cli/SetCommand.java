package macserver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import macserver.config.ConfigException;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.Transaction;

/**
 * {@code set}, and the commands that are a set in disguise: {@code enable}, {@code disable},
 * {@code comment} and {@code unset}. On a list the first positional argument names the items;
 * on a single-value menu there is none.
 */
final class SetCommand implements Command {
    enum Mode { SET, ENABLE, DISABLE, COMMENT, UNSET }

    private final Mode mode;

    SetCommand(Mode mode) {
        this.mode = mode;
    }

    @Override
    public String name() {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean writes() {
        return true;
    }

    @Override
    public String run(CommandContext ctx) throws CliException, ConfigException {
        List<Arg> rest = new ArrayList<>(ctx.args);
        List<Integer> ids;
        if (ctx.menu.kind() == Menu.Kind.SINGLETON) {
            ids = List.of(1);
        } else {
            if (rest.isEmpty() || rest.get(0).kind() == Arg.Kind.NAMED || rest.get(0).kind() == Arg.Kind.UNSET) {
                throw new CliException("no such item");
            }
            ids = ctx.items(rest.remove(0));
        }
        Map<Property, Object> values = switch (mode) {
            case SET -> ctx.values(rest);
            case ENABLE, DISABLE -> {
                noMore(rest);
                yield Map.of(property(ctx, "disabled"), mode == Mode.DISABLE);
            }
            case COMMENT -> {
                Property comment = property(ctx, "comment");
                if (rest.size() != 1 || rest.get(0).kind() != Arg.Kind.NAMED || !rest.get(0).name().equals("comment")) {
                    throw new CliException("expected end of command", rest.isEmpty() ? 0 : rest.get(0).column());
                }
                yield Map.of(comment, comment.type().parse(rest.get(0).value(), "comment", ctx.model));
            }
            case UNSET -> {
                if (rest.size() != 1 || rest.get(0).kind() != Arg.Kind.BARE) {
                    throw new CliException("expected end of command", rest.isEmpty() ? 0 : rest.get(0).column());
                }
                yield Map.of(Names.property(ctx.menu, rest.get(0).name(), rest.get(0).column(), true), Transaction.UNSET);
            }
        };
        for (int id : ids) {
            ctx.tx.set(ctx.menu, id, values);
        }
        return "";
    }

    private static void noMore(List<Arg> rest) throws CliException {
        if (!rest.isEmpty()) {
            throw new CliException("expected end of command", rest.get(0).column());
        }
    }

    private static Property property(CommandContext ctx, String name) throws CliException {
        Property p = ctx.menu.property(name);
        if (p == null) {
            throw new CliException("bad command name " + name);
        }
        return p;
    }

    @Override
    public List<String> argumentNames(Menu menu) {
        return mode == Mode.SET
                ? menu.properties().stream().filter(Property::isSettable).map(Property::name).toList()
                : mode == Mode.COMMENT ? List.of("comment") : List.of();
    }
}
