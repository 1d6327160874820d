package macserver.cli;
/** Opens CLI sessions for logged-in users; one per terminal or remote request. */
public interface CliSessions {
    CliSession open(String userName, Plane via);
    /** The current /system identity name, for login prompts. */
    String identity();
}
