package macserver.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import macserver.system.support.RestFirmware;

/**
 * REST requests per second with Debian's wrk over TLS on loopback, against the packaged firmware:
 * listing 10,000 bindings ({@code GET /rest/ip/mac-server/binding}) and adding one binding per
 * request ({@code PUT}, each durable on flash before its answer). Run with {@code make bench}.
 */
public final class RestBenchmark {
    private static final int BINDINGS = 10_000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("rest-bench");
        try (RestFirmware fw = RestFirmware.start(dir.resolve("flash.img"))) {
            fw.console().send("/ip mac-server add name=bench");
            for (int i = 0; i < BINDINGS; i++) {
                fw.console().send(String.format("/ip mac-server binding add mac-address=02:00:00:00:%02X:%02X server=bench",
                        i >> 8, i & 0xFF));
            }
            fw.console().send("/ip mac-server binding print count-only");
            fw.console().awaitLine(Integer.toString(BINDINGS), 600);
            String auth = "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    ("admin:" + RestFirmware.PASSWORD).getBytes(StandardCharsets.UTF_8));

            String list = wrk(seconds, List.of("-H", auth), fw.url("/rest/ip/mac-server/binding"));
            System.out.printf("rest: GET 10,000 bindings: %s requests/s%n", figure(list, "Requests/sec:"));
            System.out.printf("rest:   (%s)%n", figure(list, "Transfer/sec:") + " transferred per second");

            Path script = dir.resolve("put.lua");
            Files.writeString(script, """
                    local threads = 0
                    function setup(thread)
                      thread:set("tid", threads)
                      threads = threads + 1
                    end
                    local n = 0
                    function request()
                      n = n + 1
                      local body = string.format('{"mac-address":"06:%02X:%02X:%02X:%02X:00","server":"bench"}',
                        tid, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
                      -- wrk.format sends only the headers it is given: carry over -H Authorization.
                      local headers = {["Content-Type"] = "application/json"}
                      for k, v in pairs(wrk.headers) do headers[k] = v end
                      return wrk.format("PUT", nil, headers, body)
                    end
                    """);
            String put = wrk(seconds, List.of("-H", auth, "-s", script.toString()), fw.url("/rest/ip/mac-server/binding"));
            System.out.printf("rest: PUT one binding: %s requests/s (errors: %s)%n", figure(put, "Requests/sec:"),
                    put.contains("Non-2xx") ? figure(put, "Non-2xx or 3xx responses:") : "none");
        }
    }

    private static String wrk(int seconds, List<String> options, String url) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c8", "-d" + seconds + "s"));
        cmd.addAll(options);
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed:\n" + out);
        }
        System.out.print(out);
        return out;
    }

    private static String figure(String wrkOutput, String label) {
        return wrkOutput.lines().filter(l -> l.trim().startsWith(label)).findFirst()
                .map(l -> l.trim().substring(label.length()).trim()).orElse("?");
    }
}
