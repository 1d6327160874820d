package macserver.store;

/** One change in a transaction: a key and its new value, or a null value to delete the key. */
public record StoreRecord(long key, byte[] value) {
    public static StoreRecord put(long key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a put needs a value");
        }
        return new StoreRecord(key, value);
    }

    public static StoreRecord delete(long key) {
        return new StoreRecord(key, null);
    }

    public boolean isDelete() {
        return value == null;
    }
}
