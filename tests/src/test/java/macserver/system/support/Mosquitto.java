package macserver.system.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private mosquitto on a free loopback port with its own configuration directory (persistence
 * there too, so a restart keeps sessions and queued messages), started and stopped by the test.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int tlsPort;
    private Process process;

    private Mosquitto(Path dir, int port, int tlsPort) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * Starts mosquitto with a plain listener, plus {@code extra} configuration lines (global
     * settings such as password_file or acl_file). With {@code tls} a second listener on
     * {@link #tlsPort()} uses a CA and server certificate made here with openssl.
     */
    public static Mosquitto start(Path dir, boolean tls, String... extra) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Mosquitto m = new Mosquitto(dir, StdioFirmware.freePort(), tls ? StdioFirmware.freePort() : -1);
        StringBuilder conf = new StringBuilder();
        conf.append("persistence true\npersistence_location ").append(dir).append("/\n");
        conf.append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n');
        conf.append("log_type all\n");
        // mosquitto queues at most 1,000 messages per client by default and drops the rest; a burst
        // of requests for a router must wait at the broker, not vanish.
        conf.append("max_queued_messages 100000\n");
        // Started as root, mosquitto would switch to its own user, which cannot write this directory.
        conf.append("user ").append(System.getProperty("user.name")).append('\n');
        for (String line : extra) {
            conf.append(line).append('\n');
        }
        if (List.of(extra).stream().noneMatch(l -> l.startsWith("password_file"))) {
            conf.append("allow_anonymous true\n");
        }
        conf.append("listener ").append(m.port).append(" 127.0.0.1\n");
        if (tls) {
            m.makeCertificates();
            conf.append("listener ").append(m.tlsPort).append(" 127.0.0.1\n");
            conf.append("cafile ").append(dir.resolve("ca.pem")).append('\n');
            conf.append("certfile ").append(dir.resolve("server.pem")).append('\n');
            conf.append("keyfile ").append(dir.resolve("server.key")).append('\n');
        }
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
        m.launch();
        return m;
    }

    private void makeCertificates() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(dir, 60, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=macserver test CA");
        run(dir, 60, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        run(dir, 60, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
    }

    /** Adds a user to a password file (mosquitto_passwd stores it hashed). */
    public static void addUser(Path passwordFile, String user, String password) throws IOException, InterruptedException {
        if (!Files.exists(passwordFile)) {
            Files.createFile(passwordFile);
        }
        run(passwordFile.getParent(), 30, "mosquitto_passwd", "-b", passwordFile.toString(), user, password);
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited: " + log());
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto does not listen on " + port + ": " + log());
    }

    /** Stops the broker the normal way (it saves its sessions) and starts it again on the same ports. */
    public void restart(long downMillis) throws IOException, InterruptedException {
        stop();
        Thread.sleep(downMillis);
        launch();
    }

    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public Path dir() {
        return dir;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Runs a client program; returns its output (standard output and error). */
    public static String run(Path in, int seconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        if (in != null) {
            pb.directory(in.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The retained message on {@code topic}, or "" when none arrives within {@code seconds}. */
    public String retained(String topic, int seconds) throws IOException, InterruptedException {
        return run(null, seconds + 5, "mosquitto_sub", "-V", "mqttv5", "-p", Integer.toString(port), "-t", topic,
                "-C", "1", "-W", Integer.toString(seconds), "--retained-only").strip();
    }

    /** One request with mosquitto_rr (MQTT 5 response topic and correlation data); the answer or "". */
    public String request(String topic, String payload, int seconds, String... auth) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_rr", "-V", "mqttv5", "-p", Integer.toString(port),
                "-t", topic, "-e", "ctl/reply/" + ProcessHandle.current().pid(), "-m", payload, "-W",
                Integer.toString(seconds), "-q", "1"));
        cmd.addAll(List.of(auth));
        return run(null, seconds + 5, cmd.toArray(String[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
