package macserver.cli;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The answers of one command's {@code ~} tests, so that matching can run away from the model's
 * lock: a read command that uses {@code ~} first runs to note every (pattern, text) pair it
 * tests ({@link #collecting}), then {@link #decide} matches them with no lock held, and the
 * command runs again reading the answers. Writers wait only for the two short passes, never for
 * the matching. Patterns are RE2 ({@link Pattern}): matching time grows with the text, never
 * exponentially with the pattern, so even a test under a write lock ({@code remove [find where
 * comment~"..."]}, answered at once) stays short.
 */
final class RegexVerdicts {
    private record Test(String regex, String text) {}

    private final Map<String, Pattern> patterns = new HashMap<>();
    private final Map<Test, Boolean> known = new HashMap<>();
    private final Set<Test> pending = new LinkedHashSet<>();
    private boolean collecting;

    /** A fresh set whose tests are answered when asked (commands without a first pass). */
    static RegexVerdicts immediate() {
        return new RegexVerdicts();
    }

    /** A fresh set for the first pass: tests are noted and answered "no match" for now. */
    static RegexVerdicts collecting() {
        RegexVerdicts v = new RegexVerdicts();
        v.collecting = true;
        return v;
    }

    /** Checks the pattern now, so a bad one is an error at its column before anything runs. */
    void compile(String regex, int column) throws CliException {
        if (patterns.containsKey(regex)) {
            return;
        }
        try {
            patterns.put(regex, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new CliException("invalid regular expression", column);
        }
    }

    /** Whether {@code regex} (compiled before) finds a match in {@code text}. */
    boolean test(String regex, String text) {
        Test t = new Test(regex, text);
        Boolean answer = known.get(t);
        if (answer != null) {
            return answer;
        }
        if (collecting) {
            pending.add(t);
            return false;
        }
        boolean found = patterns.get(regex).matcher(text).find();
        known.put(t, found);
        return found;
    }

    /** Matches every noted test; call without the model's lock. The second pass reads the answers. */
    void decide() {
        for (Test t : pending) {
            known.put(t, patterns.get(t.regex()).matcher(t.text()).find());
        }
        pending.clear();
        collecting = false;
    }

    int decided() {
        return known.size();
    }
}
