package macserver.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The API's query words, for print's {@code .query} on REST and the {@code ?} words of the binary
 * API (a leading {@code ?} is accepted and dropped, so either spelling works on both):
 * {@code name=value} and {@code =name=value} (equal; {@code yes}/{@code no} match a boolean's
 * {@code true}/{@code false}, an empty value matches an unset property), {@code name} (has a
 * value), {@code -name} (has none), {@code <name=value}, {@code >name=value} (numbers by value,
 * other texts in order), and {@code #} followed by operators on the stack of results: {@code |}
 * and {@code &} combine the top two, {@code !} negates the top, {@code .} pushes a copy of the top,
 * and a number pushes a copy of the value at that position (0 is the first pushed). What is left
 * on the stack must all hold. Items are given as their property texts (RouterOS form, with
 * {@code .id}). A malformed word is a 400.
 */
final class QueryStack {
    private QueryStack() {
    }

    static Predicate<Map<String, String>> parse(List<String> words) {
        List<Predicate<Map<String, String>>> stack = new ArrayList<>();
        for (String raw : words) {
            String w = raw.startsWith("?") ? raw.substring(1) : raw;
            if (w.startsWith("#")) {
                operate(stack, w.substring(1), raw);
            } else {
                stack.add(word(w, raw));
            }
        }
        Predicate<Map<String, String>> all = item -> true;
        for (Predicate<Map<String, String>> p : stack) {
            all = all.and(p);
        }
        return all;
    }

    private static void operate(List<Predicate<Map<String, String>>> stack, String ops, String word) {
        if (ops.isEmpty()) {
            throw invalid(word);
        }
        for (int i = 0; i < ops.length(); i++) {
            char op = ops.charAt(i);
            if (Character.isDigit(op)) {
                int end = i;
                while (end < ops.length() && Character.isDigit(ops.charAt(end))) {
                    end++;
                }
                int index = end - i > 4 ? Integer.MAX_VALUE : Integer.parseInt(ops.substring(i, end));
                if (index >= stack.size()) {
                    throw invalid(word);
                }
                stack.add(stack.get(index));
                i = end - 1;
                continue;
            }
            int needs = op == '|' || op == '&' ? 2 : 1;
            if (stack.size() < needs || "|&!.".indexOf(op) < 0) {
                throw invalid(word);
            }
            Predicate<Map<String, String>> top = stack.removeLast();
            switch (op) {
                case '!' -> stack.add(top.negate());
                case '.' -> {
                    stack.add(top);
                    stack.add(top);
                }
                case '|' -> stack.add(stack.removeLast().or(top));
                default -> stack.add(stack.removeLast().and(top));
            }
        }
    }

    private static Predicate<Map<String, String>> word(String w, String raw) {
        if (w.startsWith("-")) {
            String name = w.substring(1);
            if (name.isEmpty() || name.contains("=")) {
                throw invalid(raw);
            }
            return item -> !item.containsKey(name);
        }
        char first = w.isEmpty() ? ' ' : w.charAt(0);
        boolean compare = first == '<' || first == '>';
        String rest = compare || first == '=' ? w.substring(1) : w;
        int eq = rest.indexOf('=');
        String name = eq < 0 ? rest : rest.substring(0, eq);
        if (name.isEmpty() || (compare && eq < 0) || (first == '=' && eq < 0)) {
            throw invalid(raw);
        }
        if (eq < 0) {
            return item -> item.containsKey(name);
        }
        String value = rest.substring(eq + 1);
        if (!compare) {
            return item -> equal(item.get(name), value);
        }
        int sign = first == '<' ? -1 : 1;
        return item -> item.containsKey(name) && Integer.signum(order(item.get(name), value)) == sign;
    }

    private static RestException invalid(String word) {
        return RestException.badRequest("invalid query word " + word);
    }

    /** The item's text against the query's: booleans read yes/no as RouterOS's console does. */
    private static boolean equal(String stored, String wanted) {
        if (stored == null) {
            return wanted.isEmpty();
        }
        if (stored.equals(wanted)) {
            return true;
        }
        return switch (stored) {
            case "true" -> wanted.equals("yes");
            case "false" -> wanted.equals("no");
            default -> false;
        };
    }

    /** Numbers by value, anything else as text. */
    private static int order(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
