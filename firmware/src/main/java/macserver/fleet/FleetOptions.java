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
 */
public record FleetOptions(FleetTopics topics, String publisher, Duration tombstoneLifetime, Duration syncInterval,
                           int batchSize, LongSupplier clock) {

    public FleetOptions {
        if (!FleetTopics.isLevel(publisher)) {
            throw new IllegalArgumentException("unusable fleet publisher id: " + publisher);
        }
        if (tombstoneLifetime.isNegative() || tombstoneLifetime.isZero() || syncInterval.isNegative()
                || syncInterval.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("fleet lifetimes and batch size must be positive");
        }
    }

    /** A week of tombstones, an hourly sync check, 1,000 messages per transaction, the system clock. */
    public static FleetOptions defaults(String prefix, String group, String publisher) {
        return new FleetOptions(FleetTopics.of(prefix, group), publisher, Duration.ofDays(7), Duration.ofHours(1), 1000,
                System::currentTimeMillis);
    }

    public FleetOptions withTombstoneLifetime(Duration d) {
        return new FleetOptions(topics, publisher, d, syncInterval, batchSize, clock);
    }

    public FleetOptions withSyncInterval(Duration d) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, d, batchSize, clock);
    }

    public FleetOptions withBatchSize(int n) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, syncInterval, n, clock);
    }

    public FleetOptions withClock(LongSupplier c) {
        return new FleetOptions(topics, publisher, tombstoneLifetime, syncInterval, batchSize, c);
    }
}
