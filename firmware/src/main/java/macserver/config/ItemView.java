package macserver.config;

/** Read access to one item while the model is locked for reading. */
public interface ItemView {
    Menu menu();

    int id();

    /** The stored row (do not modify). */
    Object[] row();

    /** A property's value, computed ones included; null when unset. */
    Object get(Property p);

    /** Seconds since the epoch, from the model's clock. */
    long now();
}
