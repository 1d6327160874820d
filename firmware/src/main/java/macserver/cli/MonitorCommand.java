package macserver.cli;

import java.util.List;
import java.util.SequencedMap;
import macserver.config.Menu;
import macserver.display.DisplayText;

/**
 * {@code monitor <items> [once]}: the live values of items in a menu that has a
 * {@link Menu.Monitor}, as RouterOS shows them (names right-aligned, one per line). A console has
 * no screen to refresh, so it always prints once; {@code once} is accepted for scripts written
 * for RouterOS.
 */
final class MonitorCommand implements Command {
    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public String run(CommandContext ctx) throws CliException {
        List<Arg> pos = ctx.positionals();
        if (pos.size() != ctx.args.size() || pos.isEmpty() || pos.size() > 2
                || (pos.size() == 2 && !"once".equals(pos.get(1).text()))) {
            int column = ctx.args.isEmpty() ? 0 : ctx.args.get(ctx.args.size() - 1).column();
            throw new CliException(pos.isEmpty() ? "missing value for numbers" : "expected end of command", column);
        }
        StringBuilder out = new StringBuilder();
        for (int id : ctx.items(pos.get(0))) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            SequencedMap<String, String> values = ctx.menu.monitor().values(id);
            int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
            values.forEach((name, value) -> out.append(" ".repeat(width - name.length() + 2)).append(name).append(": ")
                    .append(DisplayText.escape(value)).append('\n'));
        }
        return out.toString();
    }

    @Override
    public List<String> argumentNames(Menu menu) {
        return List.of("once");
    }
}
