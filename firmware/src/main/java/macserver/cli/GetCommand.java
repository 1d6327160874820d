package macserver.cli;

import java.util.List;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.display.DisplayText;
import macserver.config.Property;

/** {@code get <item> <property>}, or {@code get <property>} on a single-value menu. */
final class GetCommand implements Command {
    @Override
    public String name() {
        return "get";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public String run(CommandContext ctx) throws CliException {
        List<Arg> pos = ctx.positionals();
        boolean single = ctx.menu.isSingleValue();
        if (pos.size() != ctx.args.size() || pos.size() != (single ? 1 : 2)) {
            throw new CliException("expected end of command", ctx.args.isEmpty() ? 0 : ctx.args.get(ctx.args.size() - 1).column());
        }
        int id;
        if (single) {
            id = ctx.menu.kind() == Menu.Kind.SINGLETON ? 1 : firstLiveId(ctx);
        } else {
            List<Integer> ids = ctx.items(pos.get(0));
            if (ids.size() != 1) {
                throw new CliException("no such item");
            }
            id = ids.get(0);
        }
        Arg propArg = pos.get(pos.size() - 1);
        Property p = Names.property(ctx.menu, propArg.text(), propArg.column(), false);
        ItemView v = ctx.view(id);
        if (v == null) {
            throw new CliException("no such item");
        }
        Object value = v.get(p);
        return (value == null ? "" : DisplayText.escape(p.type().format(value, ctx.model))) + "\n";
    }

    private static int firstLiveId(CommandContext ctx) throws CliException {
        List<Object[]> rows = ctx.menu.liveRows();
        if (rows.isEmpty()) {
            throw new CliException("no such item");
        }
        Object[] row = rows.get(0);
        return (Integer) row[row.length - 1];
    }
}
