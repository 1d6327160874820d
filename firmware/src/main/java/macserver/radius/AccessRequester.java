package macserver.radius;

import java.util.Optional;

/** Sends an Access-Request somewhere and returns the verified answer, or empty if none came. */
@FunctionalInterface
public interface AccessRequester {
    Optional<RadiusResponse> authenticate(AccessRequest request);
}
