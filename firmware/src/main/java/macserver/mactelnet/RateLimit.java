package macserver.mactelnet;

/** A token-bucket setting: up to {@code burst} at once, refilled at {@code perSecond}. */
public record RateLimit(int burst, int perSecond) {

    public RateLimit {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("rate limit needs burst >= 1 and perSecond >= 1, got " + burst + "/" + perSecond);
        }
    }
}
