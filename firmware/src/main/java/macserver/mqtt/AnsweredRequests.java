package macserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import macserver.config.ConfigException;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.config.menus.IotMenus;

/**
 * The requests that changed the configuration, remembered on flash (a digest of each request's
 * key, the last {@link #CAPACITY}): the broker redelivers a QoS 1 request the router ran but had
 * not acknowledged when it went down, and the in-memory answers did not survive that. Requests
 * that changed nothing are not recorded: running them again is harmless, and it saves a flash write.
 * The record follows the change in its own transaction, so a power cut between the two can still
 * let one request run twice.
 */
final class AnsweredRequests {
    private static final Logger LOG = Logger.getLogger(AnsweredRequests.class.getName());
    /**
     * Twice the requests that can be in flight unacknowledged ({@link PahoLink#RECEIVE_MAXIMUM}):
     * only those can come back after a restart. Small, because the record is rewritten (as hex
     * text, 2 KiB) with every request that changed something.
     */
    static final int CAPACITY = 2 * PahoLink.RECEIVE_MAXIMUM;
    private static final int DIGEST = 16;

    private final ConfigModel model;
    private final Menu menu;
    private final AtomicLong remoteChanges = new AtomicLong();

    AnsweredRequests(ConfigModel model) {
        this.model = model;
        this.menu = model.schema().menu(IotMenus.ANSWERED_MENU);
        model.addListener((changes, origin) -> {
            if (origin.plane() == Plane.MQTT) {
                remoteChanges.incrementAndGet();
            }
        });
    }

    /** A mark to pass to {@link #changedSince} after running a request. */
    long mark() {
        return remoteChanges.get();
    }

    /** Whether a request over MQTT changed the configuration since {@code mark} (requests run one at a time). */
    boolean changedSince(long mark) {
        return remoteChanges.get() != mark;
    }

    boolean contains(String key) {
        byte[] d = digest(key);
        byte[] all = model.read(this::stored);
        for (int i = 0; i + DIGEST <= all.length; i += DIGEST) {
            if (Arrays.equals(all, i, i + DIGEST, d, 0, DIGEST)) {
                return true;
            }
        }
        return false;
    }

    void remember(String key) {
        byte[] d = digest(key);
        try {
            model.write(Origin.SYSTEM, tx -> {
                byte[] old = stored();
                int keep = Math.min(old.length, (CAPACITY - 1) * DIGEST);
                byte[] next = Arrays.copyOfRange(old, old.length - keep, old.length + DIGEST);
                System.arraycopy(d, 0, next, keep, DIGEST);
                tx.set(menu, 1, Map.of(IotMenus.DIGESTS.in(menu), next));
                return null;
            });
        } catch (ConfigException e) {
            LOG.warning("mqtt: answered request not recorded: " + e.getMessage());
        }
    }

    private byte[] stored() {
        byte[] b = IotMenus.DIGESTS.get(model.table(menu).get(1));
        return b == null ? new byte[0] : b;
    }

    private static byte[] digest(String key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)), DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
