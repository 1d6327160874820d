package macserver.mactelnet.testsupport;

import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when told to. */
public final class FakeClock implements InstantSource {

    private volatile long millis;

    public FakeClock(long startMillis) {
        this.millis = startMillis;
    }

    public void advance(long by) {
        millis += by;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
