package macserver.fleet;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How a router takes part in a fleet group.
 *
 * @param topics            the group's topics
 * @param publisher         this router's id in messages and its sync topic (the MQTT client id: unique per broker)
 * @param tombstoneLifetime how long a removal stays on the broker before its publisher clears it
 * @param syncInterval      how often the router checks it is in sync (a marker through the broker) and clears tombstones
 * @param batchSize         messages applied per configuration transaction
 * @param clock             milliseconds since the epoch (the timestamps of published versions)
 * @param replayQuiet       how long no retained message may arrive before a returned marker ends a
 *                          replay sweep (a broker may let the marker overtake queued replay messages:
 *                          mosquitto 2.0.11 was seen doing so)
 */
public record FleetOptions(FleetTopics topics, String publisher, Duration tombstoneLifetime, Duration syncInterval,
                           int batchSize, LongSupplier clock, Duration replayQuiet) {

    public FleetOptions {
        if (!FleetTopics.isLevel(publisher)) {
            throw new IllegalArgumentException("unusable fleet publisher id: " + publisher);
        }
        if (tombstoneLifetime.isNegative() || tombstoneLifetime.isZero() || syncInterval.isNegative()
                || syncInterval.isZero() || batchSize < 1 || replayQuiet.isNegative()) {
            throw new IllegalArgumentException("fleet lifetimes and batch size must be positive");
        }
    }

    /** A week of tombstones, an hourly sync check, 1,000 messages per transaction, the system clock, 2 s replay quiet. */
    public static FleetOptions defaults(String prefix, String group, String publisher) {
        return new FleetOptions(FleetTopics.of(prefix, group), publisher, Duration.ofDays(7), Duration.ofHours(1), 1000,
                System::currentTimeMillis, Duration.ofSeconds(2));
    }

    public FleetOptions withTombstoneLifetime(Duration d) {
        return new FleetOptions(topics, publisher, d, syncInterval, batchSize, clock, replayQuiet);
    }

    public FleetOptions withSyncInterval(Duration d) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, d, batchSize, clock, replayQuiet);
    }

    public FleetOptions withBatchSize(int n) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, syncInterval, n, clock, replayQuiet);
    }

    public FleetOptions withClock(LongSupplier c) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, syncInterval, batchSize, c, replayQuiet);
    }

    public FleetOptions withReplayQuiet(Duration d) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, syncInterval, batchSize, clock, d);
    }
}
