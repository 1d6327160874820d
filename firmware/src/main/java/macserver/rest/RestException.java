package macserver.rest;

/**
 * A request refused with an HTTP status and RouterOS's error body ({@code error}, {@code message},
 * {@code detail}). Unchecked so that it can leave a model transaction, which then rolls back.
 */
public final class RestException extends RuntimeException {
    private final int status;
    private final String detail;

    public RestException(int status, String detail) {
        super(status + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** RouterOS's text, e.g. {@code failure: already have such entry}; null when there is none. */
    public String detail() {
        return detail;
    }

    public static RestException badRequest(String detail) {
        return new RestException(400, detail);
    }

    public static RestException notFound() {
        return new RestException(404, null);
    }

    public static RestException noSuchCommand(String what) {
        return new RestException(400, "no such command or directory (" + what + ")");
    }
}
