package macserver.system.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare TCP connection to the API that writes whatever bytes a test wants (well-formed sentences
 * or broken framing) and reads the router's sentences word by word, independently of the
 * firmware's own codec.
 */
public final class RawApiConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public RawApiConnection(String host, int port, int readTimeoutMillis) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(readTimeoutMillis);
        out = socket.getOutputStream();
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
    }

    public static byte[] sentence(String... words) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String w : words) {
            byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
            int n = bytes.length;
            if (n < 0x80) {
                b.write(n);
            } else if (n < 0x4000) {
                b.write(n >> 8 | 0x80);
                b.write(n);
            } else {
                b.write(n >> 16 | 0xC0);
                b.write(n >> 8);
                b.write(n);
            }
            b.writeBytes(bytes);
        }
        b.write(0);
        return b.toByteArray();
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(String... words) throws IOException {
        write(sentence(words));
    }

    /** The next sentence; EOFException when the router has closed the connection. */
    public List<String> read() throws IOException {
        List<String> words = new ArrayList<>();
        while (true) {
            int n = length();
            if (n == 0) {
                return words;
            }
            byte[] w = new byte[n];
            in.readFully(w);
            words.add(new String(w, StandardCharsets.UTF_8));
        }
    }

    private int length() throws IOException {
        int first = in.readUnsignedByte();
        if (first < 0x80) {
            return first;
        } else if (first < 0xC0) {
            return (first & 0x3F) << 8 | in.readUnsignedByte();
        } else if (first < 0xE0) {
            return (first & 0x1F) << 16 | in.readUnsignedShort();
        }
        throw new IOException(String.format("the router sent a length prefix 0x%02X", first));
    }

    /** Sentences up to and including the first {@code !done} (or a {@code !fatal}). */
    public List<List<String>> reply() throws IOException {
        List<List<String>> out = new ArrayList<>();
        while (true) {
            List<String> s = read();
            out.add(s);
            if (s.getFirst().equals("!done") || s.getFirst().equals("!fatal")) {
                return out;
            }
        }
    }

    public List<List<String>> call(String... words) throws IOException {
        send(words);
        return reply();
    }

    /** Whether the router closes the connection (reads to its end) within the read timeout. */
    public boolean closedByRouter() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain what is left
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
