package macserver.cli;

import java.util.ArrayList;
import java.util.List;
import macserver.display.DisplayText;

/**
 * Splits a RouterOS command line into tokens. The text after {@code =} is one value up to the
 * next blank, {@code ;} or closing bracket (or a quoted string), so values may hold characters
 * that are operators elsewhere (MACs, lists, paths).
 */
public final class Lexer {
    private static final String SINGLE = "[]();";

    private Lexer() {
    }

    public static List<Token> lex(String line) throws CliException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        int depth = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int col = i + 1;
            if (c == '#' && (out.isEmpty() || out.get(out.size() - 1).is(Token.Kind.SEMICOLON))) {
                break;
            }
            boolean afterEquals = !out.isEmpty() && out.get(out.size() - 1).is(Token.Kind.OPERATOR)
                    && col == out.get(out.size() - 1).column() + out.get(out.size() - 1).text().length();
            if (c == '"') {
                int[] end = new int[1];
                out.add(new Token(Token.Kind.STRING, quoted(line, i, end), col));
                i = end[0];
                continue;
            }
            if (afterEquals && c != '[') {
                int j = i;
                while (j < n && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != ';'
                        && !(depth > 0 && line.charAt(j) == ']')) {
                    j++;
                }
                out.add(new Token(Token.Kind.WORD, line.substring(i, j), col));
                i = j;
                continue;
            }
            if (SINGLE.indexOf(c) >= 0) {
                Token.Kind k = switch (c) {
                    case '[' -> Token.Kind.OPEN_BRACKET;
                    case ']' -> Token.Kind.CLOSE_BRACKET;
                    case '(' -> Token.Kind.OPEN_PAREN;
                    case ')' -> Token.Kind.CLOSE_PAREN;
                    default -> Token.Kind.SEMICOLON;
                };
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                out.add(new Token(k, String.valueOf(c), col));
                i++;
                continue;
            }
            if (c == '!' && i + 1 < n && line.charAt(i + 1) == '=') {
                out.add(new Token(Token.Kind.OPERATOR, "!=", col));
                i += 2;
                continue;
            }
            if (c == '!') {
                out.add(new Token(Token.Kind.BANG, "!", col));
                i++;
                continue;
            }
            if (c == '=' || c == '~' || c == '<' || c == '>') {
                String op = String.valueOf(c);
                if ((c == '<' || c == '>') && i + 1 < n && line.charAt(i + 1) == '=') {
                    op += "=";
                }
                out.add(new Token(Token.Kind.OPERATOR, op, col));
                i += op.length();
                continue;
            }
            int j = i;
            while (j < n) {
                char d = line.charAt(j);
                if (Character.isWhitespace(d) || SINGLE.indexOf(d) >= 0 || d == '=' || d == '"' || d == '~'
                        || d == '<' || d == '>' || (d == '!' && j + 1 < n && line.charAt(j + 1) == '=')) {
                    break;
                }
                j++;
            }
            out.add(new Token(Token.Kind.WORD, line.substring(i, j), col));
            i = j;
        }
        out.add(new Token(Token.Kind.END, "", n + 1));
        return out;
    }

    /** Reads a quoted string starting at {@code start}; {@code end[0]} gets the index after it. */
    private static String quoted(String line, int start, int[] end) throws CliException {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                end[0] = i + 1;
                return sb.toString();
            }
            if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(i + 1);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case '_' -> sb.append(' ');
                    case '"', '\\', '$', '?' -> sb.append(e);
                    default -> {
                        if (i + 2 < line.length() && isHex(e) && isHex(line.charAt(i + 2))) {
                            sb.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16));
                            i++;
                        } else {
                            throw new CliException("syntax error", i + 1);
                        }
                    }
                }
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        throw new CliException("syntax error", start + 1);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    /** Quotes a value for export or print detail when it needs it. */
    public static String quote(String v) {
        if (!v.isEmpty() && v.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "_.:,/+*-@".indexOf(ch) >= 0)) {
            return v;
        }
        return forceQuote(v);
    }

    /** Quotes always; control characters come out as escapes ({@link DisplayText}), never raw. */
    public static String forceQuote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '$' -> sb.append("\\$");
                case '?' -> sb.append("\\?");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(DisplayText.isUnsafe(v, i) ? DisplayText.escape(String.valueOf(c))
                        : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
