package macserver.cli;

/** One lexical token of a command line, with its 1-based column for error messages. */
public record Token(Kind kind, String text, int column) {

    public enum Kind {
        /** Unquoted text: a path, command, property name, value or operator word. */
        WORD,
        /** A double-quoted string, escapes resolved. */
        STRING,
        /** {@code =}, {@code !=}, {@code ~}, {@code <}, {@code >}, {@code <=}, {@code >=}. */
        OPERATOR,
        /** {@code !} before a name (unset, or negation in where). */
        BANG,
        OPEN_BRACKET, CLOSE_BRACKET, OPEN_PAREN, CLOSE_PAREN,
        /** {@code ;}: ends a statement. */
        SEMICOLON,
        END
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }
}
