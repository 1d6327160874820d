package macserver.cli;

import java.util.List;
import macserver.config.ConfigException;
import macserver.config.Menu;
import macserver.config.Property;

/** {@code add name=value ...}: a new item at the end of a list. */
final class AddCommand implements Command {
    @Override
    public String name() {
        return "add";
    }

    @Override
    public boolean writes() {
        return true;
    }

    @Override
    public String run(CommandContext ctx) throws CliException, ConfigException {
        for (Arg a : ctx.args) {
            if (a.kind() == Arg.Kind.QUOTED || a.kind() == Arg.Kind.IDS) {
                throw new CliException("expected end of command", a.column());
            }
        }
        ctx.tx.add(ctx.menu, ctx.values(ctx.args));
        return "";
    }

    @Override
    public List<String> argumentNames(Menu menu) {
        return menu.properties().stream().filter(Property::isSettable).map(Property::name).toList();
    }
}
