package macserver.cli;

import macserver.config.ConfigException;

/**
 * One CLI command ({@code add}, {@code print}, ...). Commands that write run inside a transaction
 * and change nothing if they fail; the others run with the model locked for reading.
 */
interface Command {
    String name();

    /** Runs in a transaction (and needs the write policy). */
    boolean writes();

    /** Returns the output (empty, or lines ending in newline). */
    String run(CommandContext ctx) throws CliException, ConfigException;

    /** Argument names offered by completion and help. */
    default java.util.List<String> argumentNames(macserver.config.Menu menu) {
        return java.util.List.of();
    }
}
