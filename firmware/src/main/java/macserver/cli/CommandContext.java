package macserver.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import macserver.config.BoolType;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Property;
import macserver.config.Transaction;

/** Everything one running command needs: where it runs, its arguments, the transaction if it writes. */
final class CommandContext {
    final ModelCliSession session;
    final ConfigModel model;
    final Menu menu;
    final List<Arg> args;
    /** Tokens after {@code where}, ending with an END token; null without where. */
    final List<Token> where;
    final Transaction tx;
    /** Answers the {@code ~} tests of this command. */
    final RegexVerdicts regex;

    CommandContext(ModelCliSession session, Menu menu, List<Arg> args, List<Token> where, Transaction tx,
                   RegexVerdicts regex) {
        this.session = session;
        this.model = session.model();
        this.menu = menu;
        this.args = args;
        this.where = where;
        this.tx = tx;
        this.regex = regex;
    }

    Origin origin() {
        return session.origin();
    }

    /** The positional arguments (bare words, quoted strings and [find] results). */
    List<Arg> positionals() {
        List<Arg> out = new ArrayList<>();
        for (Arg a : args) {
            if (a.kind() == Arg.Kind.BARE || a.kind() == Arg.Kind.QUOTED || a.kind() == Arg.Kind.IDS) {
                out.add(a);
            }
        }
        return out;
    }

    /** Resolves an item reference: numbers from the last print, {@code *ID}s, names, find results. */
    List<Integer> items(Arg a) throws CliException {
        if (a.kind() == Arg.Kind.IDS) {
            return a.ids();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : a.text().split(",", -1)) {
            out.add(item(part.trim(), a.column()));
        }
        return out;
    }

    private int item(String ref, int column) throws CliException {
        if (ref.startsWith("*") && ref.length() > 1) {
            try {
                int id = Integer.parseUnsignedInt(ref.substring(1), 16);
                if (exists(id)) {
                    return id;
                }
            } catch (NumberFormatException e) {
                throw new CliException("no such item");
            }
            throw new CliException("no such item");
        }
        if (!ref.isEmpty() && ref.chars().allMatch(Character::isDigit) && ref.length() < 10) {
            int[] numbers = session.lastPrint(menu);
            int n = Integer.parseInt(ref);
            if (numbers != null && n < numbers.length && exists(numbers[n])) {
                return numbers[n];
            }
            if (numbers != null || menu.nameProperty() == null) {
                throw new CliException("no such item");
            }
        }
        if (menu.kind() == Menu.Kind.LIST && menu.nameProperty() != null) {
            int id = model.idByName(menu, ref);
            if (id >= 0) {
                return id;
            }
        }
        throw new CliException("no such item");
    }

    private boolean exists(int id) {
        if (menu.kind() == Menu.Kind.LIVE) {
            for (Object[] row : menu.liveRows()) {
                if ((Integer) row[row.length - 1] == id) {
                    return true;
                }
            }
            return false;
        }
        return model.table(menu).get(id) != null;
    }

    /**
     * The property values that {@code add} or {@code set} arguments give: {@code name=value},
     * {@code !name} (back to default) and a bare boolean property name (meaning yes).
     */
    Map<Property, Object> values(List<Arg> given) throws CliException, ConfigException {
        Map<Property, Object> out = new LinkedHashMap<>();
        for (Arg a : given) {
            Property p;
            int before = out.size();
            switch (a.kind()) {
                case NAMED -> {
                    p = Names.property(menu, a.name(), a.column(), true);
                    out.put(p, p.type().parse(a.value(), p.name(), model));
                }
                case UNSET -> {
                    p = Names.property(menu, a.name(), a.column(), true);
                    out.put(p, Transaction.UNSET);
                }
                case BARE -> {
                    p = Names.property(menu, a.name(), a.column(), true);
                    if (p.type() != BoolType.INSTANCE) {
                        throw new CliException("value of " + p.name() + " must be given", a.column());
                    }
                    out.put(p, Boolean.TRUE);
                }
                default -> throw new CliException("expected end of command", a.column());
            }
            if (out.size() == before) {
                throw new CliException("expected end of command", a.column());
            }
        }
        return out;
    }

    /** A view of every item of the menu, in id order (live menus included). */
    List<ItemView> allItems() {
        List<ItemView> out = new ArrayList<>();
        if (menu.kind() == Menu.Kind.LIVE) {
            for (Object[] row : menu.liveRows()) {
                out.add(model.view(menu, (Integer) row[row.length - 1], row));
            }
        } else {
            for (var it = model.table(menu).iterator(); it.hasNext(); ) {
                var e = it.next();
                out.add(model.view(menu, e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    ItemView view(int id) {
        if (menu.kind() == Menu.Kind.LIVE) {
            for (Object[] row : menu.liveRows()) {
                if ((Integer) row[row.length - 1] == id) {
                    return model.view(menu, id, row);
                }
            }
            return null;
        }
        Object[] row = model.table(menu).get(id);
        return row == null ? null : model.view(menu, id, row);
    }

    static String idText(int id) {
        return "*" + Integer.toHexString(id).toUpperCase(Locale.ROOT);
    }
}
