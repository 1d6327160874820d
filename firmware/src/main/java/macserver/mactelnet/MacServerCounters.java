package macserver.mactelnet;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** What the server counted since it was made; readable from any thread, allocation-free to bump. */
public final class MacServerCounters {

    public enum Counter {
        /** Datagrams handed to the server. */
        FRAMES_IN,
        /** Shorter than a header, wrong version, bad MNDP TLVs: failed decodes. */
        MALFORMED,
        /** Client type other than MAC-Telnet (e.g. MAC WinBox). */
        NOT_MAC_TELNET,
        /** Receiver MAC (or Ethernet destination) not this interface's: other hosts' and our own traffic. */
        NOT_FOR_US,
        /** DATA, ACK or END naming no session. */
        UNKNOWN_SESSION,
        /** Types a server ignores (PONG, 3, 6..254). */
        IGNORED_TYPE,
        /** SESSIONSTART or PING the host's policy dropped (the host counts them per reason too). */
        POLICY_DROPS,
        SESSIONS_STARTED,
        /**
         * Sessions a new SESSIONSTART with their key took over: a client restarted within the same
         * second (0.x clients draw key and port from the clock in seconds).
         */
        SESSIONS_RESTARTED,
        /** SESSIONSTART refused by the start rate limits. */
        STARTS_RATE_LIMITED,
        /** SESSIONSTART refused because the half-open, per-MAC or total session table was full. */
        STARTS_TABLE_FULL,
        /** SESSIONSTART the host refused for the instance's max-sessions. */
        STARTS_SERVER_FULL,
        /** Unbound half-open sessions pushed out for a bound MAC. */
        HALF_OPEN_EVICTED,
        DUPLICATE_DATA,
        LOGINS_OK,
        LOGINS_FAILED,
        /** MD5 logins handed to the host's remote check (RADIUS). */
        REMOTE_CHECKS,
        /** EC-SRP5 logins refused because only a remote check (RADIUS) could have admitted the user. */
        REMOTE_EC_SRP5_REFUSED,
        RETRANSMITS,
        /** Sessions ended because the client stopped acknowledging. */
        RETRANSMIT_GIVE_UPS,
        TIMEOUTS,
        /** Keystrokes dropped because the terminal was not reading. */
        INPUT_OVERFLOW,
        PINGS_ANSWERED,
        PINGS_RATE_LIMITED,
        MNDP_SENT,
        MNDP_REQUESTS,
        MNDP_NEIGHBOURS,
        SEND_ERRORS,
        /** Bugs caught at the frame boundary instead of killing the receive thread. */
        INTERNAL_ERRORS
    }

    private static final Counter[] ALL = Counter.values();
    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    void increment(Counter c) {
        values.incrementAndGet(c.ordinal());
    }

    public long get(Counter c) {
        return values.get(c.ordinal());
    }

    /** Every counter, for a status menu or a log line. */
    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter c : ALL) {
            out.put(c, get(c));
        }
        return out;
    }
}
