package io.floe.bench.es;

import io.floe.bench.Entries;
import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.msgpack.MsgpackType;
import io.floe.testkit.es.ElasticsearchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ceiling for the elasticsearch output: posts NDJSON bulk bodies built before the clock starts, so the figure is
 * what the server takes with no encoding at all. The documents have the shape the output's benchmark sends
 * ({@link #document}), one {@code _bulk} request per batch, sequential on each connection.
 *
 * <pre>
 * java -cp 'bench/target/floe-bench.jar:bench/target/lib/*' io.floe.bench.es.BulkLoader \
 *      [--url http://127.0.0.1:9200 | --start-es] [--password PW] --index bench --docs 100000 --batch 1000 \
 *      [--pad 100 | --docker-record-size 300 [--time EPOCH_SECONDS] [--tag bench.load]] [--connections 1]
 * </pre>
 * {@code --docker-record-size} posts the documents the agent writes for ForwardLoad's records ({@link #dockerBodies}).
 * Prints one line: {@code docs=... batch=... connections=... seconds=... docs_per_s=... mb_per_s=... errors=...}.
 */
public final class BulkLoader {
    private BulkLoader() {
    }

    /** Outcome of a run. */
    public record Result(long docs, double seconds, long bytes, int errors) {
        public double docsPerSecond() {
            return docs / seconds;
        }
    }

    /**
     * One document as the output writes it for a record {@code {"n": n, "msg": "event n", "pad": "x..."}} with
     * logstash_format and include_tag_key (tag {@code bench.load}).
     */
    public static String document(long n, int pad) {
        return "{\"n\":" + n + ",\"msg\":\"event " + n + "\",\"pad\":\"" + "x".repeat(pad)
                + "\",\"@timestamp\":\"2026-11-21T04:47:43.000000000+00:00\",\"@log_name\":\"bench.load\"}";
    }

    /** Bodies of {@code batch} documents each, {@code docs} in all. */
    public static List<byte[]> bodies(String index, long docs, int batch, int pad) {
        List<byte[]> out = new ArrayList<>();
        String action = "{\"index\":{\"_index\":\"" + index + "\"}}\n";
        StringBuilder b = new StringBuilder();
        for (long n = 0; n < docs; n++) {
            b.append(action).append(document(n, pad)).append('\n');
            if ((n + 1) % batch == 0 || n + 1 == docs) {
                out.add(b.toString().getBytes(StandardCharsets.UTF_8));
                b.setLength(0);
            }
        }
        return out;
    }

    /**
     * The documents the elasticsearch output writes for what {@code ForwardLoad --mode packed --batch batch
     * --record-size recordSize} sends (its 16 frames over and over, so event {@code k} carries
     * {@code seq = k % (16 * batch)}), with {@code @timestamp} and {@code @log_name} as logstash_format and
     * include_tag_key add them: the same documents, in bulks of the same size, as the agent's chunks.
     */
    public static List<byte[]> dockerBodies(String index, long docs, int batch, int recordSize, long seconds, String tag) {
        List<byte[]> out = new ArrayList<>();
        String action = "{\"index\":{\"_index\":\"" + index + "\"}}\n";
        StringBuilder b = new StringBuilder();
        long pool = 16L * batch;
        for (long k = 0; k < docs; k++) {
            long seq = k % pool;
            b.append(action);
            appendJson(b, Entries.dockerRecord(seq, recordSize));
            b.setLength(b.length() - 1);
            String ts = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
                    .format(java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC));
            b.append(",\"@timestamp\":\"").append(ts).append('.').append(String.format(Locale.ROOT, "%09d", seq % 1_000_000_000L))
                    .append("+00:00\",\"@log_name\":\"").append(tag).append("\"}\n");
            if ((k + 1) % batch == 0 || k + 1 == docs) {
                out.add(b.toString().getBytes(StandardCharsets.UTF_8));
                b.setLength(0);
            }
        }
        return out;
    }

    /** A msgpack map of strings and integers (what Entries builds) as JSON. */
    private static void appendJson(StringBuilder b, byte[] msgpack) {
        MsgpackCursor c = new MsgpackCursor(msgpack);
        int n = c.readMapHeader("record");
        b.append('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(c.readString("key")).append("\":");
            if (c.type() == MsgpackType.INTEGER) {
                b.append(c.readLong("value"));
            } else {
                b.append('"').append(c.readString("value")).append('"');   // Entries' strings need no escaping
            }
        }
        b.append('}');
    }

    /** Posts the bodies over {@code connections} connections; counts items the server did not take as errors. */
    public static Result load(String url, String password, List<byte[]> bodies, long docs, int connections)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                    try {
                        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url + "/_bulk?filter_path=errors,items.*.status"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)));
                        if (password != null) {
                            r.header("Authorization", "Basic " + Base64.getEncoder()
                                    .encodeToString(("elastic:" + password).getBytes(StandardCharsets.UTF_8)));
                        }
                        HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                        if (resp.statusCode() != 200 || resp.body().startsWith("{\"errors\":true")) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bulk-loader-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(docs, (System.nanoTime() - t0) / 1e9, bytes, errors.get());
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String password = null;
        String index = "bench";
        long docs = 100_000;
        int batch = 1000;
        int pad = 100;
        int connections = 1;
        boolean startEs = false;
        int dockerRecordSize = 0;
        long seconds = System.currentTimeMillis() / 1000;
        String tag = "bench.load";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--password" -> password = args[++i];
                case "--index" -> index = args[++i];
                case "--docs" -> docs = Long.parseLong(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--pad" -> pad = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--start-es" -> startEs = true;
                case "--docker-record-size" -> dockerRecordSize = Integer.parseInt(args[++i]);
                case "--time" -> seconds = Long.parseLong(args[++i]);
                case "--tag" -> tag = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ElasticsearchServer es = startEs ? ElasticsearchServer.builder().password(password).start() : null;
        try {
            String target = es != null ? es.url() : url != null ? url : "http://127.0.0.1:9200";
            List<byte[]> bodies = dockerRecordSize > 0 ? dockerBodies(index, docs, batch, dockerRecordSize, seconds, tag)
                    : bodies(index, docs, batch, pad);
            Result r = load(target, password, bodies, docs, connections);
            System.out.printf(Locale.ROOT, "docs=%d batch=%d connections=%d seconds=%.2f docs_per_s=%.0f mb_per_s=%.1f errors=%d%n",
                    r.docs(), batch, connections, r.seconds(), r.docsPerSecond(), r.bytes() / r.seconds() / 1e6, r.errors());
        } finally {
            if (es != null) {
                es.close();
            }
        }
    }
}
