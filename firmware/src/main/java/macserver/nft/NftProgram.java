package macserver.nft;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nftables through the {@code nft} program: {@code nft -j list set} to read, {@code nft -f -}
 * to apply a batch from standard input. The program rather than libnftables through FFM: it is
 * the same library behind a stable command line, a crash or hang in it cannot take the firmware
 * down, a batch of 100,000 elements costs one process start (well under a second), and the
 * firmware does not depend on the library's ABI or on its being installed.
 */
public final class NftProgram implements Nft {
    private static final long LIMIT_SECONDS = 60;

    private final List<String> program;

    /** {@code command} runs nft: {@code ["nft"]}, or with a prefix such as {@code ip netns exec <ns> nft}. */
    public NftProgram(List<String> command) {
        this.program = List.copyOf(command);
    }

    @Override
    public String listSet(SetName name) throws NftException {
        Result r = run(null, "-j", "list", "set", SetName.FAMILY, name.table(), name.set());
        if (r.exit == 0) {
            return r.out;
        }
        if (r.err.contains("No such file or directory")) {
            return null;
        }
        throw new NftException(firstLine(r.err));
    }

    @Override
    public void apply(String batch) throws NftException {
        Result r = run(batch, "-f", "-");
        if (r.exit != 0) {
            throw new NftException(firstLine(r.err));
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String input, String... args) throws NftException {
        List<String> command = new ArrayList<>(program);
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new NftException("cannot run " + String.join(" ", program) + ": " + e.getMessage());
        }
        try {
            // Both outputs are read on their own threads so a full pipe never stalls nft.
            var out = drain(p.getInputStream());
            var err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // nft stopped reading (it refused early): its exit status and message say why.
            }
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NftException("nft did not finish within " + LIMIT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NftException("interrupted");
        }
    }

    private interface Drained {
        String get() throws InterruptedException;
    }

    private static Drained drain(InputStream stream) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try (stream) {
                stream.transferTo(buffer);
            } catch (IOException e) {
                // The process ended or was killed; what was read is kept.
            }
        });
        return () -> {
            t.join();
            return buffer.toString(StandardCharsets.UTF_8);
        };
    }

    private static String firstLine(String err) {
        String trimmed = err.strip();
        int nl = trimmed.indexOf('\n');
        String line = nl < 0 ? trimmed : trimmed.substring(0, nl);
        return line.isEmpty() ? "nft failed" : line;
    }
}
