package macserver.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import macserver.system.support.LoopbackApiFirmware;
import macserver.system.support.RawApiConnection;

/**
 * The RouterOS API against REST in the same run, on the same packaged firmware (plain api and www
 * on loopback, so neither pays for TLS): binding adds per second with 8 connections, one command
 * in flight on each (what librouteros and wrk -c8 do), then 100,000 bindings printed whole
 * ({@code /ip/mac-server/binding/print} against {@code GET /rest/ip/mac-server/binding}, best of
 * 3, each client decoding the whole answer: sentences into words, JSON into a tree). Run with {@code make bench}; figures {@code api.*} and {@code rest.*}.
 */
public final class ApiBenchmark {
    private static final int CONNECTIONS = 8;
    private static final int TIMED_ADDS = 4_000;
    private static final int BINDINGS = 100_000;
    private static final int READ_TIMEOUT_MILLIS = 300_000;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("api-bench");
        try (LoopbackApiFirmware fw = LoopbackApiFirmware.start(dir.resolve("flash.img"))) {
            int restPort = 80 + fw.portShift();
            fw.console().send("/ip mac-server add name=bench");
            fw.console().send("/ip service set www disabled=no");
            fw.console().await("www (REST API) listening on /127.0.0.1:" + restPort, 120);

            double apiAdds = timed(TIMED_ADDS, (c, from, to) -> {
                try (RawApiConnection api = fw.login(READ_TIMEOUT_MILLIS)) {
                    for (int i = from; i < to; i++) {
                        expectDone(api.call("/ip/mac-server/binding/add", "=mac-address=" + mac(0x0A, i), "=server=bench"));
                    }
                }
            });
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString(
                    ("admin:" + LoopbackApiFirmware.PASSWORD).getBytes(StandardCharsets.UTF_8));
            URI bindings = URI.create("http://127.0.0.1:" + restPort + "/rest/ip/mac-server/binding");
            double restAdds = timed(TIMED_ADDS, (c, from, to) -> {
                for (int i = from; i < to; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(bindings).header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"mac-address\":\"" + mac(0x0E, i)
                                    + "\",\"server\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IOException("REST add answered " + r.statusCode() + ": " + r.body());
                    }
                }
            });
            System.out.printf(Locale.ROOT, "api: binding adds, %d connections: %.0f/s (REST: %.0f/s)%n", CONNECTIONS,
                    apiAdds, restAdds);
            Figures.record("api.adds-per-s", apiAdds);
            Figures.record("rest.adds-per-s", restAdds);

            fill(fw, BINDINGS - 2 * TIMED_ADDS);
            try (RawApiConnection api = fw.login(READ_TIMEOUT_MILLIS)) {
                List<List<String>> counted = api.call("/ip/mac-server/binding/print", "=count-only=");
                if (!counted.equals(List.of(List.of("!done", "=ret=" + BINDINGS)))) {
                    throw new IOException("expected " + BINDINGS + " bindings, the router counted " + counted);
                }
                long apiBest = Long.MAX_VALUE;
                long restBest = Long.MAX_VALUE;
                long restBytes = 0;
                for (int round = 0; round < 3; round++) {
                    long start = System.nanoTime();
                    api.send("/ip/mac-server/binding/print");
                    int rows = 0;
                    for (List<String> s = api.read(); !s.getFirst().equals("!done"); s = api.read()) {
                        rows++;
                    }
                    apiBest = Math.min(apiBest, System.nanoTime() - start);
                    if (rows != BINDINGS) {
                        throw new IOException("the API printed " + rows + " rows");
                    }
                    start = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(bindings).header("Authorization", auth).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    int items = JSON.readTree(r.body()).size(); // a client reads what it asked for, on both planes
                    restBest = Math.min(restBest, System.nanoTime() - start);
                    restBytes = r.body().length;
                    if (r.statusCode() != 200 || items != BINDINGS) {
                        throw new IOException("REST print answered " + r.statusCode() + " with " + items + " items");
                    }
                }
                System.out.printf(Locale.ROOT, "api: print of %,d bindings: %.0f ms (REST: %.0f ms, %,d bytes of JSON)%n",
                        BINDINGS, apiBest / 1e6, restBest / 1e6, restBytes);
                Figures.record("api.print-100k-ms", apiBest / 1e6);
                Figures.record("rest.print-100k-ms", restBest / 1e6);
            }
        }
    }

    /** A unicast MAC from a prefix byte and a number. */
    private static String mac(int prefix, int i) {
        return String.format("02:%02X:00:%02X:%02X:%02X", prefix, i >> 16 & 0xFF, i >> 8 & 0xFF, i & 0xFF);
    }

    private static void expectDone(List<List<String>> reply) throws IOException {
        if (!reply.getLast().getFirst().equals("!done") || reply.getFirst().getFirst().equals("!trap")) {
            throw new IOException("the API answered " + reply);
        }
    }

    @FunctionalInterface
    private interface Share {
        void run(int connection, int from, int to) throws Exception;
    }

    /** Runs {@code total} operations split over the connections; answers operations per second. */
    private static double timed(int total, Share share) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                int from = total * c / CONNECTIONS;
                int to = total * (c + 1) / CONNECTIONS;
                running.add(pool.submit(() -> {
                    share.run(connection, from, to);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Adds {@code count} more bindings as fast as the API takes them: 8 connections, 256 commands in flight each. */
    private static void fill(LoopbackApiFirmware fw, int count) throws Exception {
        long start = System.nanoTime();
        timed(count, (c, from, to) -> {
            try (RawApiConnection api = fw.login(READ_TIMEOUT_MILLIS)) {
                for (int at = from; at < to; at += 256) {
                    int end = Math.min(to, at + 256);
                    for (int i = at; i < end; i++) {
                        api.send("/ip/mac-server/binding/add", "=mac-address=" + mac(0x02, i), "=server=bench");
                    }
                    for (int i = at; i < end; i++) {
                        expectDone(api.reply());
                    }
                }
            }
        });
        System.out.printf(Locale.ROOT, "api: %,d more bindings added in %.1f s (pipelined)%n", count,
                (System.nanoTime() - start) / 1e9);
    }
}
