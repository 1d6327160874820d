package macserver.radius;

import java.util.List;

/** A verified answer to an Access-Request. */
public record RadiusResponse(int code, List<RadiusAttribute> attributes) {
    public static final int ACCESS_ACCEPT = 2;
    public static final int ACCESS_REJECT = 3;
    public static final int ACCESS_CHALLENGE = 11;

    public RadiusResponse {
        attributes = List.copyOf(attributes);
    }

    public boolean accepted() {
        return code == ACCESS_ACCEPT;
    }

    /** The first attribute of this type, or null. */
    public RadiusAttribute first(int type) {
        for (RadiusAttribute a : attributes) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }
}
