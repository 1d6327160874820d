package macserver.cli;

import macserver.config.Plane;

/** Opens CLI sessions for logged-in users; one per terminal or remote request. */
public interface CliSessions {
    CliSession open(String userName, Plane via);

    /**
     * A session for one remote request (an MQTT request): its changes name the request
     * ({@link macserver.config.Origin#request}) beside the user whose rights it runs with.
     */
    default CliSession open(String userName, Plane via, String request) {
        return open(userName, via);
    }

    /**
     * A session for a user authenticated elsewhere (RADIUS) whose rights come from {@code group},
     * not from a local user of the same name.
     */
    default CliSession open(String userName, String group, Plane via) {
        throw new UnsupportedOperationException("these CLI sessions have no remote users");
    }
    /** The current /system identity name, for login prompts. */
    String identity();
}
