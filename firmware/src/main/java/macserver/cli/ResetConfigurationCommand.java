package macserver.cli;

import java.util.ArrayList;
import java.util.List;
import macserver.config.ConfigException;
import macserver.config.Menu;
import macserver.config.menus.FactoryDefaults;

/**
 * {@code /system reset-configuration [keep-users]}: back to factory settings in one transaction,
 * so a power cut leaves either the old configuration or the factory one, never a mix.
 */
final class ResetConfigurationCommand implements Command {
    @Override
    public String name() {
        return "reset-configuration";
    }

    @Override
    public boolean writes() {
        return true;
    }

    @Override
    public List<String> argumentNames(Menu menu) {
        return List.of("keep-users");
    }

    @Override
    public String run(CommandContext ctx) throws CliException, ConfigException {
        boolean keepUsers = false;
        for (Arg a : ctx.args) {
            if (a.kind() == Arg.Kind.BARE && "keep-users".startsWith(a.name())) {
                keepUsers = true;
            } else if (a.kind() == Arg.Kind.NAMED && a.name().equals("keep-users")) {
                keepUsers = a.value().equals("yes") || a.value().equals("true");
            } else {
                throw new CliException("expected end of command", a.column());
            }
        }
        for (Menu m : ctx.model.schema().menus()) {
            boolean userMenu = m.path().get(0).equals("user");
            // The device key (hidden) outlives resets: it seals kept users' MD5 secrets.
            if (!m.isStored() || m.isHidden() || (keepUsers && userMenu)) {
                continue;
            }
            if (m.kind() == Menu.Kind.SINGLETON) {
                ctx.tx.setRow(m, 1, m.defaultRow());
                continue;
            }
            List<Integer> ids = new ArrayList<>();
            ctx.model.table(m).ids().forEach(ids::add);
            for (int id : ids) {
                ctx.tx.setRow(m, id, null);
            }
        }
        FactoryDefaults.apply(ctx.tx, !keepUsers);
        ctx.session.forgetPrints();
        return "configuration reset to factory settings\n";
    }
}
