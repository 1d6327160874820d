package macserver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import macserver.config.ItemView;
import macserver.config.Property;

/**
 * {@code find [name=value ...] [flag] [where expr]}: the ids of matching items. Typed alone it
 * prints them as {@code *1;*2}; inside brackets they feed another command.
 */
final class FindCommand implements Command {
    @Override
    public String name() {
        return "find";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public String run(CommandContext ctx) throws CliException {
        List<Integer> ids = find(ctx);
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(sb.isEmpty() ? "" : ";").append(CommandContext.idText(id));
        }
        return sb.isEmpty() ? "" : sb.append('\n').toString();
    }

    static List<Integer> find(CommandContext ctx) throws CliException {
        Predicate<ItemView> test = filter(ctx, ctx.args);
        List<Integer> out = new ArrayList<>();
        for (ItemView v : ctx.allItems()) {
            if (test.test(v)) {
                out.add(v.id());
            }
        }
        return out;
    }

    /** The conjunction of {@code name=value} and flag arguments and the where expression. */
    static Predicate<ItemView> filter(CommandContext ctx, List<Arg> args) throws CliException {
        Predicate<ItemView> test = v -> true;
        for (Arg a : args) {
            if (a.kind() != Arg.Kind.NAMED && a.kind() != Arg.Kind.BARE) {
                throw new CliException("expected end of command", a.column());
            }
            Property p = Names.property(ctx.menu, a.name(), a.column(), false);
            Predicate<ItemView> one = switch (a.kind()) {
                case NAMED -> Filter.equalsTest(p, a.value(), ctx.model);
                case BARE -> v -> Boolean.TRUE.equals(v.get(p));
                default -> throw new CliException("expected end of command", a.column());
            };
            test = test.and(one);
        }
        if (ctx.where != null) {
            test = test.and(Filter.compile(ctx.where, ctx.menu, ctx.model, ctx.regex));
        }
        return test;
    }
}
