package macserver.mactelnet;

import java.util.Objects;

/**
 * What a remote login check decided.
 *
 * @param group the user group an accepted login gets (its rights in the CLI); null otherwise
 */
public record RemoteVerdict(Outcome outcome, String group) {
    /** UNAVAILABLE: no remote server answered (or none is configured). */
    public enum Outcome { ACCEPT, REJECT, UNAVAILABLE }

    public static final RemoteVerdict REJECT = new RemoteVerdict(Outcome.REJECT, null);
    public static final RemoteVerdict UNAVAILABLE = new RemoteVerdict(Outcome.UNAVAILABLE, null);

    public RemoteVerdict {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.ACCEPT) != (group != null)) {
            throw new IllegalArgumentException("an accept names a group, nothing else does");
        }
    }

    public static RemoteVerdict accept(String group) {
        return new RemoteVerdict(Outcome.ACCEPT, group);
    }
}
