package macserver.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.TextType;
import macserver.display.DisplayText;

/**
 * {@code print} in the RouterOS v7 layouts: a table with a flags legend (default), {@code detail},
 * {@code terse}, {@code count-only}, and {@code name: value} lines on single-value menus. Numbers
 * it shows are remembered by the session for later commands. Every value is shown with its
 * control characters escaped ({@link DisplayText}), whatever the layout: values come from the wire
 * too (a neighbour's identity), and must not drive the reader's terminal.
 */
final class PrintCommand implements Command {
    private static final Set<String> OPTIONS = Set.of("detail", "terse", "brief", "count-only", "without-paging",
            "show-ids", "as-value");
    private static final int WRAP = 79;

    @Override
    public String name() {
        return "print";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public List<String> argumentNames(Menu menu) {
        List<String> out = new ArrayList<>(OPTIONS);
        out.add("proplist");
        out.add("from");
        out.add("where");
        return out;
    }

    @Override
    public String run(CommandContext ctx) throws CliException {
        Set<String> opts = new LinkedHashSet<>();
        List<Property> props = null;
        List<Integer> from = null;
        for (Arg a : ctx.args) {
            if (a.kind() == Arg.Kind.BARE && Names.match(a.name(), OPTIONS) != null) {
                opts.add(Names.match(a.name(), OPTIONS));
            } else if (a.kind() == Arg.Kind.NAMED && "proplist".startsWith(a.name()) && a.name().length() >= 2) {
                props = new ArrayList<>();
                for (String n : a.value().split(",")) {
                    props.add(Names.property(ctx.menu, n.trim(), a.column(), false));
                }
            } else if (a.kind() == Arg.Kind.NAMED && a.name().equals("from")) {
                from = ctx.items(new Arg(Arg.Kind.QUOTED, null, a.value(), List.of(), a.column()));
            } else if (a.kind() == Arg.Kind.NAMED && a.name().equals("from") || a.kind() == Arg.Kind.IDS) {
                from = a.ids();
            } else {
                throw new CliException("expected end of command", a.column());
            }
        }
        Predicate<ItemView> test = FindCommand.filter(ctx, List.of());
        List<ItemView> items = new ArrayList<>();
        if (from != null) {
            for (int id : from) {
                ItemView v = ctx.view(id);
                if (v != null && test.test(v)) {
                    items.add(v);
                }
            }
        } else {
            for (ItemView v : ctx.allItems()) {
                if (test.test(v)) {
                    items.add(v);
                }
            }
        }
        if (opts.contains("count-only")) {
            return items.size() + "\n";
        }
        if (ctx.menu.isSingleValue()) {
            return items.isEmpty() ? "" : singleValue(ctx, items.get(0), props);
        }
        int[] numbers = new int[items.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = items.get(i).id();
        }
        ctx.session.rememberPrint(ctx.menu, numbers);
        boolean showIds = opts.contains("show-ids");
        if (opts.contains("detail") || opts.contains("terse") || opts.contains("as-value")) {
            boolean terse = !opts.contains("detail");
            return valueLines(ctx, items, props == null ? shown(ctx.menu) : props, terse, showIds);
        }
        return table(ctx, items, props == null ? columns(ctx.menu) : props, showIds);
    }

    private static List<Property> shown(Menu menu) {
        return menu.properties().stream().filter(Property::isShown).toList();
    }

    private static List<Property> columns(Menu menu) {
        List<Property> out = new ArrayList<>();
        for (String c : menu.columns()) {
            out.add(menu.property(c));
        }
        return out.isEmpty() ? shown(menu) : out;
    }

    private static String flags(Menu menu, ItemView v) {
        StringBuilder sb = new StringBuilder();
        for (Menu.Flag f : menu.flags()) {
            if (f.test().test(v)) {
                sb.append(f.letter());
            }
        }
        return sb.toString();
    }

    private static String legend(Menu menu) {
        if (menu.flags().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Flags: ");
        for (int i = 0; i < menu.flags().size(); i++) {
            Menu.Flag f = menu.flags().get(i);
            sb.append(i == 0 ? "" : "; ").append(f.letter()).append(" - ").append(f.word().toUpperCase(Locale.ROOT));
        }
        return sb.append('\n').toString();
    }

    private static String value(CommandContext ctx, ItemView v, Property p) {
        Object x = v.get(p);
        return x == null ? "" : DisplayText.escape(p.type().format(x, ctx.model));
    }

    private static String comment(ItemView v) {
        Property c = v.menu().property("comment");
        String text = c == null ? null : (String) v.get(c);
        return text == null ? null : DisplayText.escape(text);
    }

    private String table(CommandContext ctx, List<ItemView> items, List<Property> cols, boolean showIds) {
        Menu menu = ctx.menu;
        int numWidth = 1;
        String[] numbers = new String[items.size()];
        for (int i = 0; i < items.size(); i++) {
            numbers[i] = showIds ? CommandContext.idText(items.get(i).id()) : Integer.toString(i);
            numWidth = Math.max(numWidth, numbers[i].length());
        }
        int flagWidth = menu.flags().isEmpty() ? 0 : 1;
        for (ItemView v : items) {
            flagWidth = Math.max(flagWidth, flags(menu, v).length());
        }
        int[] widths = new int[cols.size()];
        List<String[]> cells = new ArrayList<>(items.size());
        for (int c = 0; c < cols.size(); c++) {
            widths[c] = cols.get(c).name().length();
        }
        for (ItemView v : items) {
            String[] row = new String[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                row[c] = value(ctx, v, cols.get(c));
                widths[c] = Math.max(widths[c], row[c].length());
            }
            cells.add(row);
        }
        StringBuilder sb = new StringBuilder(legend(menu));
        sb.append("Columns: ");
        for (int c = 0; c < cols.size(); c++) {
            sb.append(c == 0 ? "" : ", ").append(cols.get(c).name().toUpperCase(Locale.ROOT));
        }
        sb.append('\n');
        StringBuilder head = new StringBuilder(pad("#", numWidth)).append(' ');
        if (flagWidth > 0) {
            head.append(" ".repeat(flagWidth)).append(' ');
        }
        appendCells(head, cols.stream().map(p -> p.name().toUpperCase(Locale.ROOT)).toArray(String[]::new), widths, cols);
        sb.append(head.toString().stripTrailing()).append('\n');
        for (int i = 0; i < items.size(); i++) {
            ItemView v = items.get(i);
            String indent = " ".repeat(numWidth + 1 + (flagWidth > 0 ? flagWidth + 1 : 0));
            String comment = comment(v);
            StringBuilder line = new StringBuilder(padLeft(numbers[i], numWidth)).append(' ');
            if (flagWidth > 0) {
                line.append(pad(flags(menu, v), flagWidth)).append(' ');
            }
            if (comment != null) {
                sb.append(line).append(";;; ").append(comment).append('\n');
                line = new StringBuilder(indent);
            }
            appendCells(line, cells.get(i), widths, cols);
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static void appendCells(StringBuilder sb, String[] cells, int[] widths, List<Property> cols) {
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = cols.get(c).type() instanceof macserver.config.IntType;
            sb.append(numeric ? padLeft(cells[c], widths[c]) : pad(cells[c], widths[c]));
            if (c < cells.length - 1) {
                sb.append("  ");
            }
        }
    }

    private String valueLines(CommandContext ctx, List<ItemView> items, List<Property> props, boolean terse, boolean showIds) {
        StringBuilder sb = new StringBuilder(terse ? "" : legend(ctx.menu));
        int numWidth = Math.max(1, Integer.toString(Math.max(0, items.size() - 1)).length());
        for (int i = 0; i < items.size(); i++) {
            ItemView v = items.get(i);
            String number = showIds ? CommandContext.idText(v.id()) : Integer.toString(i);
            String head = " " + padLeft(number, numWidth) + " " + pad(flags(ctx.menu, v), Math.min(1, ctx.menu.flags().size())) + " ";
            List<String> pairs = new ArrayList<>();
            String comment = comment(v);
            for (Property p : props) {
                if (p.name().equals("comment")) {
                    continue;
                }
                Object x = v.get(p);
                String text = x == null ? "" : p.type().format(x, ctx.model);
                text = !terse && p.type() instanceof TextType ? Lexer.forceQuote(text) : DisplayText.escape(text);
                if (x != null) {
                    pairs.add(p.name() + "=" + text);
                }
            }
            if (terse) {
                sb.append(head);
                if (comment != null) {
                    sb.append("comment=").append(Lexer.quote((String) v.get(v.menu().property("comment")))).append(' ');
                }
                sb.append(String.join(" ", pairs)).append('\n');
                continue;
            }
            if (comment != null) {
                sb.append(head).append(";;; ").append(comment).append('\n');
                head = " ".repeat(head.length());
            }
            StringBuilder line = new StringBuilder(head);
            String indent = " ".repeat(head.length());
            for (String pair : pairs) {
                if (line.length() + pair.length() + 1 > WRAP && line.length() > indent.length()) {
                    sb.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(indent);
                }
                line.append(pair).append(' ');
            }
            sb.append(line.toString().stripTrailing()).append("\n\n");
        }
        return sb.toString();
    }

    private String singleValue(CommandContext ctx, ItemView v, List<Property> props) {
        List<Property> list = props == null ? shown(ctx.menu) : props;
        int width = list.stream().mapToInt(p -> p.name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Property p : list) {
            sb.append(padLeft(p.name(), width + 2)).append(": ").append(value(ctx, v, p)).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
