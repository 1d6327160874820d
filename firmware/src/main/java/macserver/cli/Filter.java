package macserver.cli;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import macserver.config.ConfigException;
import macserver.config.ItemView;
import macserver.config.Menu;
import macserver.config.Property;
import macserver.config.References;

/**
 * A compiled {@code where} expression: comparisons of properties with values, bare flag names,
 * {@code !}, {@code and}/{@code &&}, {@code or}/{@code ||} and parentheses. Both sides of
 * {@code and}/{@code or} are always tested, so that a first pass sees every {@code ~} test the
 * command will ask ({@link RegexVerdicts}).
 */
final class Filter {
    private final List<Token> tokens;
    private final Menu menu;
    private final References refs;
    private final RegexVerdicts regex;
    private int pos;

    private Filter(List<Token> tokens, Menu menu, References refs, RegexVerdicts regex) {
        this.tokens = tokens;
        this.menu = menu;
        this.refs = refs;
        this.regex = regex;
    }

    /** Compiles tokens up to (not including) the END token of the list; {@code ~} asks {@code regex}. */
    static Predicate<ItemView> compile(List<Token> tokens, Menu menu, References refs, RegexVerdicts regex)
            throws CliException {
        Filter f = new Filter(tokens, menu, refs, regex);
        if (f.peek().is(Token.Kind.END)) {
            throw new CliException("syntax error", f.peek().column());
        }
        Predicate<ItemView> p = f.or();
        if (!f.peek().is(Token.Kind.END)) {
            throw new CliException("expected end of command", f.peek().column());
        }
        return p;
    }

    /** Equality on one property, as {@code find name=x} uses it. */
    static Predicate<ItemView> equalsTest(Property p, String text, References refs) {
        Object wanted = parseOrNull(p, text, refs);
        return v -> matchesEquals(p, v.get(p), wanted, text, refs);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private Predicate<ItemView> or() throws CliException {
        Predicate<ItemView> left = and();
        while (peek().isWord("or") || peek().isWord("||")) {
            next();
            Predicate<ItemView> right = and();
            Predicate<ItemView> l = left;
            left = v -> l.test(v) | right.test(v);
        }
        return left;
    }

    private Predicate<ItemView> and() throws CliException {
        Predicate<ItemView> left = unary();
        while (peek().isWord("and") || peek().isWord("&&")) {
            next();
            Predicate<ItemView> right = unary();
            Predicate<ItemView> l = left;
            left = v -> l.test(v) & right.test(v);
        }
        return left;
    }

    private Predicate<ItemView> unary() throws CliException {
        if (peek().is(Token.Kind.BANG)) {
            next();
            return unary().negate();
        }
        if (peek().is(Token.Kind.OPEN_PAREN)) {
            next();
            Predicate<ItemView> inner = or();
            if (!next().is(Token.Kind.CLOSE_PAREN)) {
                throw new CliException("syntax error", tokens.get(pos - 1).column());
            }
            return inner;
        }
        Token name = next();
        if (!name.is(Token.Kind.WORD)) {
            throw new CliException("syntax error", name.column());
        }
        Property p = Names.property(menu, name.text(), name.column(), false);
        if (!peek().is(Token.Kind.OPERATOR)) {
            return v -> Boolean.TRUE.equals(v.get(p));
        }
        String op = next().text();
        Token value = next();
        if (!value.is(Token.Kind.WORD) && !value.is(Token.Kind.STRING)) {
            throw new CliException("syntax error", value.column());
        }
        String text = value.text();
        return switch (op) {
            case "=" -> equalsTest(p, text, refs);
            case "!=" -> equalsTest(p, text, refs).negate();
            case "~" -> {
                regex.compile(text, value.column());
                yield v -> {
                    Object x = v.get(p);
                    return x != null && regex.test(text, p.type().format(x, refs));
                };
            }
            default -> {
                Object bound = parseOrNull(p, text, refs);
                if (bound == null) {
                    throw new CliException("invalid value for argument " + p.name(), value.column());
                }
                yield v -> {
                    Object x = v.get(p);
                    if (x == null) {
                        return false;
                    }
                    int c = p.type().compare(x, bound);
                    return switch (op) {
                        case "<" -> c < 0;
                        case ">" -> c > 0;
                        case "<=" -> c <= 0;
                        default -> c >= 0;
                    };
                };
            }
        };
    }

    private static Object parseOrNull(Property p, String text, References refs) {
        try {
            return p.type().parse(text, p.name(), refs);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static boolean matchesEquals(Property p, Object actual, Object wanted, String text, References refs) {
        if (actual == null) {
            return text.isEmpty();
        }
        if (wanted != null) {
            if (actual instanceof byte[] || wanted instanceof byte[]) {
                return false;
            }
            return Objects.equals(actual, wanted);
        }
        return p.type().format(actual, refs).equals(text);
    }
}
