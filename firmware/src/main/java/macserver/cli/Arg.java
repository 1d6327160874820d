package macserver.cli;

import java.util.List;

/**
 * One argument of a command as typed: {@code name=value}, {@code !name}, a bare word, a quoted
 * string, or the ids a {@code [find ...]} returned.
 */
public record Arg(Kind kind, String name, String value, List<Integer> ids, int column) {
    public enum Kind { NAMED, UNSET, BARE, QUOTED, IDS }

    static Arg named(String name, String value, int column) {
        return new Arg(Kind.NAMED, name, value, List.of(), column);
    }

    /** The text of a positional argument (bare word or quoted string). */
    public String text() {
        return kind == Kind.BARE ? name : value;
    }
}
