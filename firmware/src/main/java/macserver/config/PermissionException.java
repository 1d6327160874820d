package macserver.config;

/** A change the user's group has no right to make: RouterOS's "not enough permissions (9)". */
public final class PermissionException extends ConfigException {
    public PermissionException() {
        super("not enough permissions (9)");
    }
}
