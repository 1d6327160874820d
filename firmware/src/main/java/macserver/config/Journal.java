package macserver.config;

import java.util.List;

/**
 * Where committed transactions go to become durable (the flash store). append runs under the
 * model's write lock and must only reserve and buffer; awaitDurable runs after the lock is
 * released so that concurrent commits share flash writes.
 */
public interface Journal {

    /** Accepts the transaction or refuses it whole (e.g. {@code not enough space on flash}). */
    long append(List<Change> changes) throws ConfigException;

    /** Returns once the transaction with this ticket is on flash. */
    void awaitDurable(long ticket) throws ConfigException;

    /** Keeps nothing: for tests and for running without flash. */
    Journal NONE = new Journal() {
        @Override public long append(List<Change> changes) { return 0; }
        @Override public void awaitDurable(long ticket) { }
    };
}
