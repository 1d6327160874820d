package macserver.cli;

/** {@code /quit}: ends the terminal session. */
final class QuitCommand implements Command {
    @Override
    public String name() {
        return "quit";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public String run(CommandContext ctx) throws CliException {
        if (!ctx.args.isEmpty()) {
            throw new CliException("expected end of command", ctx.args.get(0).column());
        }
        ctx.session.requestQuit();
        return "interrupted\n";
    }
}
