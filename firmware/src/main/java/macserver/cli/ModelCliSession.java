package macserver.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.config.Transaction;
import macserver.display.DisplayText;

/**
 * A CLI session over the configuration model: parses RouterOS command lines, moves between
 * menus, and runs each command as one transaction (writes) or under the read lock. A read
 * command that matches regular expressions runs twice under the lock, matching in between
 * without it ({@link RegexVerdicts}), so a slow pattern never holds writers up.
 */
final class ModelCliSession implements CliSession {
    private final ConfigModel model;
    private final CommandSet commands;
    private final String user;
    /** The group of a user authenticated by RADIUS; null for a local user (rights from /user). */
    private final String group;
    private final Plane plane;
    /** The remote request this session runs, or null. */
    private final String request;
    private final Map<Menu, int[]> lastPrint = new HashMap<>();
    private Menu current;
    private boolean quit;
    /** The rights the current command was checked against. */
    private Set<String> policies = Set.of();

    ModelCliSession(ConfigModel model, CommandSet commands, String user, String group, Plane plane) {
        this(model, commands, user, group, plane, null);
    }

    ModelCliSession(ConfigModel model, CommandSet commands, String user, String group, Plane plane, String request) {
        this.request = request;
        this.model = model;
        this.commands = commands;
        this.user = user;
        this.group = group;
        this.plane = plane;
        this.current = model.schema().root();
    }

    ConfigModel model() { return model; }
    CommandSet commands() { return commands; }
    Menu current() { return current; }
    /** Who runs the current command, with the rights checked for it, so rules can ask for more. */
    Origin origin() { return new Origin(user, plane, policies, request); }
    int[] lastPrint(Menu menu) { return lastPrint.get(menu); }
    void rememberPrint(Menu menu, int[] ids) { lastPrint.put(menu, ids); }
    void forgetPrints() { lastPrint.clear(); }
    void requestQuit() { quit = true; }

    @Override
    public String userName() {
        return user;
    }

    @Override
    public boolean quitRequested() {
        return quit;
    }

    @Override
    public String prompt() {
        // A RADIUS user's name comes from the wire and is not checked like a local one.
        return "[" + DisplayText.escape(user) + "@" + ModelCliSessions.identity(model) + "] "
                + (current.path().isEmpty() ? "" : current.slashPath()) + "> ";
    }

    @Override
    public String execute(String line) {
        return answer(line).output();
    }

    @Override
    public Answer answer(String line) {
        StringBuilder out = new StringBuilder();
        try {
            List<Token> tokens = Lexer.lex(line);
            for (List<Token> statement : statements(tokens)) {
                out.append(run(statement));
                if (quit) {
                    break;
                }
            }
            return new Answer(out.toString(), false);
        } catch (CliException e) {
            out.append(e.display()).append('\n');
        } catch (ConfigException e) {
            out.append(e.getMessage()).append('\n');
        } catch (RuntimeException e) {
            // A bug must not take the console down; say so plainly.
            out.append("failure: internal error (").append(e).append(")\n");
        }
        return new Answer(out.toString(), true);
    }

    @Override
    public List<String> complete(String line) {
        return new Completion(this).complete(line);
    }

    @Override
    public String help(String line) {
        return new Completion(this).help(line);
    }

    /** Splits at top-level semicolons; each statement ends with an END token. */
    private static List<List<Token>> statements(List<Token> tokens) throws CliException {
        List<List<Token>> out = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.is(Token.Kind.OPEN_BRACKET)) {
                depth++;
            } else if (t.is(Token.Kind.CLOSE_BRACKET) && --depth < 0) {
                throw new CliException("syntax error", t.column());
            }
            if ((t.is(Token.Kind.SEMICOLON) && depth == 0) || t.is(Token.Kind.END)) {
                if (depth > 0) {
                    throw new CliException("syntax error", t.column());
                }
                cur.add(new Token(Token.Kind.END, "", t.column()));
                if (cur.size() > 1) {
                    out.add(cur);
                }
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        return out;
    }

    /** Where a statement's path leads and which command it names. */
    record Target(Menu menu, boolean pathGiven, Command command, int argStart, int commandColumn) {}

    Target resolve(List<Token> t) throws CliException {
        Menu menu = current;
        int i = 0;
        boolean pathGiven = false;
        Token first = t.get(0);
        if (first.is(Token.Kind.WORD) && first.text().startsWith("/")) {
            menu = model.schema().root();
            pathGiven = true;
            int col = first.column() + 1;
            for (String part : first.text().substring(1).split("/")) {
                if (!part.isEmpty()) {
                    Menu next = child(menu, part, true);
                    if (next == null) {
                        Command c = commands.find(menu, part);
                        if (c != null && first.text().endsWith(part)) {
                            return new Target(menu, true, c, 1, col);
                        }
                        throw new CliException("bad command name " + part, col);
                    }
                    menu = next;
                }
                col += part.length() + 1;
            }
            i = 1;
        }
        while (t.get(i).is(Token.Kind.WORD)) {
            String w = t.get(i).text();
            Menu next = w.equals("..") ? (menu.parent() == null ? menu : menu.parent()) : child(menu, w, false);
            if (next == null) {
                break;
            }
            menu = next;
            pathGiven = true;
            i++;
        }
        Token word = t.get(i);
        if (word.is(Token.Kind.END)) {
            return new Target(menu, pathGiven, null, i, word.column());
        }
        if (!word.is(Token.Kind.WORD)) {
            throw new CliException("syntax error", word.column());
        }
        Command c = commands.find(menu, word.text());
        if (c == null) {
            throw new CliException("bad command name " + word.text(), word.column());
        }
        return new Target(menu, pathGiven, c, i + 1, word.column());
    }

    /** The child menu a word names (exactly, or by a prefix that fits nothing else), or null. */
    Menu child(Menu menu, String word, boolean inSlashPath) {
        List<String> names = new ArrayList<>();
        for (Menu c : menu.children()) {
            names.add(c.path().get(c.path().size() - 1));
        }
        String exact = names.contains(word) ? word : null;
        if (exact == null) {
            List<String> all = new ArrayList<>(names);
            if (!inSlashPath) {
                all.addAll(commands.names(menu));
            }
            String m = Names.match(word, all);
            exact = m != null && names.contains(m) ? m : null;
        }
        if (exact == null) {
            return null;
        }
        for (Menu c : menu.children()) {
            if (c.path().get(c.path().size() - 1).equals(exact)) {
                return c;
            }
        }
        return null;
    }

    private String run(List<Token> t) throws CliException, ConfigException {
        Target target = resolve(t);
        if (target.command() == null) {
            if (target.pathGiven()) {
                current = target.menu();
            }
            return "";
        }
        Command cmd = target.command();
        policies = group == null ? Permissions.of(model, user) : Permissions.ofGroup(model, group);
        Permissions.check(policies, cmd, target.menu());
        if (cmd.writes()) {
            return model.write(origin(), tx -> cmd.run(context(target, t, tx, RegexVerdicts.immediate())));
        }
        if (!matchesRegex(t)) {
            return readLocked(target, t, RegexVerdicts.immediate());
        }
        RegexVerdicts regex = RegexVerdicts.collecting();
        int[] remembered = lastPrint.get(target.menu());
        try {
            readLocked(target, t, regex);
        } finally {
            // The first pass printed nothing anyone sees; its numbering must not replace the last one.
            if (remembered == null) {
                lastPrint.remove(target.menu());
            } else {
                lastPrint.put(target.menu(), remembered);
            }
        }
        regex.decide();
        return readLocked(target, t, regex);
    }

    private static boolean matchesRegex(List<Token> t) {
        for (Token tok : t) {
            if (tok.is(Token.Kind.OPERATOR) && tok.text().equals("~")) {
                return true;
            }
        }
        return false;
    }

    private String readLocked(Target target, List<Token> t, RegexVerdicts regex) throws ConfigException {
        try {
            return model.read(() -> {
                try {
                    return target.command().run(context(target, t, null, regex));
                } catch (ConfigException e) {
                    throw new Wrapped(e);
                }
            });
        } catch (Wrapped w) {
            throw (ConfigException) w.getCause();
        }
    }

    /** Carries a checked exception out of a read-locked lambda. */
    private static final class Wrapped extends RuntimeException {
        Wrapped(Exception cause) {
            super(cause);
        }
    }

    private CommandContext context(Target target, List<Token> t, Transaction tx, RegexVerdicts regex)
            throws CliException, ConfigException {
        List<Arg> args = new ArrayList<>();
        List<Token> where = null;
        int i = target.argStart();
        Menu menu = target.menu();
        while (!t.get(i).is(Token.Kind.END)) {
            Token tok = t.get(i);
            if (tok.isWord("where")) {
                where = new ArrayList<>(t.subList(i + 1, t.size()));
                break;
            }
            switch (tok.kind()) {
                case WORD -> {
                    Token op = t.get(i + 1);
                    if (op.is(Token.Kind.OPERATOR) && op.text().equals("=") && op.column() == tok.column() + tok.text().length()) {
                        Token val = t.get(i + 2);
                        boolean adjacent = val.column() == op.column() + 1;
                        if (adjacent && val.is(Token.Kind.OPEN_BRACKET)) {
                            int close = closing(t, i + 2);
                            List<Integer> ids = subcommand(menu, t.subList(i + 3, close), tx, regex);
                            StringBuilder sb = new StringBuilder();
                            ids.forEach(id -> sb.append(sb.isEmpty() ? "" : ",").append(CommandContext.idText(id)));
                            args.add(Arg.named(tok.text(), sb.toString(), tok.column()));
                            i = close + 1;
                        } else if (adjacent && (val.is(Token.Kind.WORD) || val.is(Token.Kind.STRING))) {
                            args.add(Arg.named(tok.text(), val.text(), tok.column()));
                            i += 3;
                        } else {
                            args.add(Arg.named(tok.text(), "", tok.column()));
                            i += 2;
                        }
                    } else {
                        args.add(new Arg(Arg.Kind.BARE, tok.text(), null, List.of(), tok.column()));
                        i++;
                    }
                }
                case STRING -> {
                    args.add(new Arg(Arg.Kind.QUOTED, null, tok.text(), List.of(), tok.column()));
                    i++;
                }
                case BANG -> {
                    Token name = t.get(i + 1);
                    if (!name.is(Token.Kind.WORD)) {
                        throw new CliException("syntax error", name.column());
                    }
                    args.add(new Arg(Arg.Kind.UNSET, name.text(), null, List.of(), name.column()));
                    i += 2;
                }
                case OPEN_BRACKET -> {
                    int close = closing(t, i);
                    args.add(new Arg(Arg.Kind.IDS, null, null, subcommand(menu, t.subList(i + 1, close), tx, regex),
                            tok.column()));
                    i = close + 1;
                }
                default -> throw new CliException("syntax error", tok.column());
            }
        }
        return new CommandContext(this, menu, args, where, tx, regex);
    }

    private static int closing(List<Token> t, int open) throws CliException {
        int depth = 0;
        for (int j = open; j < t.size(); j++) {
            if (t.get(j).is(Token.Kind.OPEN_BRACKET)) {
                depth++;
            } else if (t.get(j).is(Token.Kind.CLOSE_BRACKET) && --depth == 0) {
                return j;
            }
        }
        throw new CliException("syntax error", t.get(open).column());
    }

    /** Runs {@code [find ...]} in the command's menu and returns the ids it found. */
    private List<Integer> subcommand(Menu menu, List<Token> inner, Transaction tx, RegexVerdicts regex)
            throws CliException, ConfigException {
        List<Token> body = new ArrayList<>(inner);
        body.add(new Token(Token.Kind.END, "", inner.isEmpty() ? 0 : inner.get(inner.size() - 1).column() + 1));
        if (!body.get(0).is(Token.Kind.WORD) || Names.match(body.get(0).text(), List.of("find")) == null) {
            throw new CliException("expected end of command", body.get(0).column());
        }
        Target target = new Target(menu, false, commands.find(menu, "find"), 1, body.get(0).column());
        return FindCommand.find(context(target, body, tx, regex));
    }
}
