package macserver.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged firmware with its REST API on a free loopback port (www-ssl), admin's password set
 * to {@link #PASSWORD} and a {@code reader} user in the read group, driven with curl.
 */
public final class RestFirmware implements AutoCloseable {
    public static final String PASSWORD = "secret";

    /** One curl answer: the HTTP status and the body. */
    public record Answer(int status, String body) {}

    private final StdioFirmware firmware;
    private final int port;

    private RestFirmware(StdioFirmware firmware, int port) {
        this.firmware = firmware;
        this.port = port;
    }

    public static RestFirmware start(Path flash) throws IOException, InterruptedException {
        int port = StdioFirmware.freePort();
        StdioFirmware fw = StdioFirmware.start(flash, "--rest-listen=127.0.0.1", "--rest-port-shift=" + (port - 443));
        fw.send("/user set admin password=" + PASSWORD);
        fw.send("/user add name=reader group=read password=readpw");
        fw.send("/system identity print");
        fw.await("name: MikroTik", 60);
        RestFirmware rf = new RestFirmware(fw, port);
        for (int i = 0; i < 300 && rf.curl("admin", "GET", "/rest/system/identity", null).status() != 200; i++) {
            Thread.sleep(100);
        }
        return rf;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "https://127.0.0.1:" + port + path;
    }

    public StdioFirmware console() {
        return firmware;
    }

    /** curl -k (the certificate is the router's own self-signed one), as {@code user} with its password. */
    public Answer curl(String user, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        String password = user == null ? null : user.equals("admin") ? PASSWORD : user.equals("reader") ? "readpw" : "x";
        return curlFrom(null, user, password, method, path, body, headers);
    }

    /** The same from another loopback address ({@code source}, e.g. 127.0.0.2; null: the default) with any password. */
    public Answer curlFrom(String source, String user, String password, String method, String path, String body,
                           String... headers) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "-X", method, "-w", "\n%{http_code}",
                "--max-time", "30"));
        if (source != null) {
            cmd.addAll(List.of("--interface", source));
        }
        if (user != null) {
            cmd.addAll(List.of("-u", user + ":" + password));
        }
        for (String h : headers) {
            cmd.addAll(List.of("-H", h));
        }
        if (body != null) {
            cmd.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", "@-"));
        }
        cmd.add(url(path));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (body != null) {
            p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("curl did not finish");
        }
        int nl = out.lastIndexOf('\n');
        String code = out.substring(nl + 1).trim();
        return new Answer(code.matches("\\d+") ? Integer.parseInt(code) : -1, out.substring(0, Math.max(nl, 0)));
    }

    @Override
    public void close() throws InterruptedException {
        firmware.close();
    }
}
