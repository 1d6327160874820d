package macserver.config;

/**
 * A refused configuration change or lookup, carrying the RouterOS wording the user sees
 * ({@code failure: already have such name}, {@code input does not match any value of server}, ...).
 */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
