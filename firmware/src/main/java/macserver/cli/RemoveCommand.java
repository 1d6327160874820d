package macserver.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import macserver.config.ConfigException;
import macserver.config.Menu;

/** {@code remove <items>}: all of them or none; on a live menu, ends those items (sessions). */
final class RemoveCommand implements Command {
    @Override
    public String name() {
        return "remove";
    }

    @Override
    public boolean writes() {
        return true;
    }

    @Override
    public String run(CommandContext ctx) throws CliException, ConfigException {
        if (ctx.args.isEmpty()) {
            throw new CliException("no such item");
        }
        Set<Integer> ids = new LinkedHashSet<>();
        for (Arg a : ctx.args) {
            if (a.kind() == Arg.Kind.NAMED || a.kind() == Arg.Kind.UNSET) {
                throw new CliException("expected end of command", a.column());
            }
            ids.addAll(ctx.items(a));
        }
        for (int id : ids) {
            if (ctx.menu.kind() == Menu.Kind.LIVE) {
                ctx.menu.liveRemover().remove(id);
            } else {
                ctx.tx.remove(ctx.menu, id);
            }
        }
        return "";
    }
}
