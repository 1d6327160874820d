package macserver.rest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The API's query words for print's {@code .query}: {@code name=value}, {@code name} (has a value),
 * {@code -name} (has none), {@code <name=value}, {@code >name=value}, and {@code #} followed by
 * {@code |}, {@code &} or {@code !} to combine the stack. What is left on the stack must all hold.
 * Items are given as their property texts (RouterOS form, with {@code .id}).
 */
final class QueryStack {
    private QueryStack() {
    }

    static Predicate<Map<String, String>> parse(List<String> words) {
        Deque<Predicate<Map<String, String>>> stack = new ArrayDeque<>();
        for (String w : words) {
            if (w.startsWith("#")) {
                for (char op : w.substring(1).toCharArray()) {
                    combine(stack, op, w);
                }
            } else {
                stack.push(word(w));
            }
        }
        Predicate<Map<String, String>> all = item -> true;
        for (Predicate<Map<String, String>> p : stack) {
            all = all.and(p);
        }
        return all;
    }

    private static void combine(Deque<Predicate<Map<String, String>>> stack, char op, String word) {
        int needs = op == '!' ? 1 : 2;
        if (stack.size() < needs || "|&!".indexOf(op) < 0) {
            throw RestException.badRequest("invalid query word " + word);
        }
        Predicate<Map<String, String>> top = stack.pop();
        switch (op) {
            case '!' -> stack.push(top.negate());
            case '|' -> stack.push(stack.pop().or(top));
            default -> stack.push(stack.pop().and(top));
        }
    }

    private static Predicate<Map<String, String>> word(String w) {
        if (w.isEmpty()) {
            throw RestException.badRequest("invalid query word");
        }
        if (w.startsWith("-")) {
            String name = w.substring(1);
            return item -> !item.containsKey(name);
        }
        char first = w.charAt(0);
        boolean compare = first == '<' || first == '>';
        String rest = compare ? w.substring(1) : w;
        int eq = rest.indexOf('=');
        if (eq < 0) {
            if (compare) {
                throw RestException.badRequest("invalid query word " + w);
            }
            return item -> item.containsKey(rest);
        }
        String name = rest.substring(0, eq);
        String value = rest.substring(eq + 1);
        if (!compare) {
            return item -> value.equals(item.get(name));
        }
        int sign = first == '<' ? -1 : 1;
        return item -> item.containsKey(name) && Integer.signum(order(item.get(name), value)) == sign;
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
