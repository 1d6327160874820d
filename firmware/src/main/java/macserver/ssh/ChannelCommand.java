package macserver.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * What the shell and exec channels share: the channel's streams, and a body run on a virtual
 * thread (it mostly waits on the client) whose result is the channel's exit status. Everything
 * is written to the one output, as on a console; the error stream stays unused.
 */
abstract class ChannelCommand implements Command {
    private static final Logger LOG = Logger.getLogger(ChannelCommand.class.getName());

    /** The work of the channel; returns the exit status. */
    @FunctionalInterface
    interface Body {
        int run() throws IOException, InterruptedException;
    }

    protected InputStream in;
    protected OutputStream out;
    private ExitCallback exit;
    private volatile Thread runner;

    @Override
    public final void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public final void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public final void setErrorStream(OutputStream err) {
        // Errors are output lines, as on the RouterOS console.
    }

    @Override
    public final void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    /** Runs {@code body} on its own virtual thread and reports its status as the channel's exit. */
    protected final void runInBackground(String name, Body body) {
        runner = Thread.ofVirtual().name(name).start(() -> {
            int status;
            try {
                status = body.run();
                out.flush();
            } catch (IOException e) {
                LOG.log(Level.FINE, name + " ended: " + e.getMessage());
                status = 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 1;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed", e);
                status = 1;
            }
            exit.onExit(status);
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }
}
