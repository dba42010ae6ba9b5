package io.floe.testkit.es;

import io.floe.testkit.MachineSpeed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real single-node Elasticsearch for tests, on free loopback ports, started in the foreground as a child of this
 * JVM and stopped by {@link #close()} (or by a shutdown hook if a test forgets). Security is off, or on with HTTP
 * basic auth as the reserved user {@code elastic}. Elasticsearch refuses to run as root, so when this JVM is root
 * the server runs as {@code nobody} through {@code setpriv}. Start-up takes about 6-10 s; share one server per
 * test class.
 *
 * <pre>
 * try (ElasticsearchServer es = ElasticsearchServer.builder().password("1234").start()) {
 *     es.url();  es.port();  es.request("GET", "/_cat/indices", null);  es.count("fluentd-*");
 * }
 * </pre>
 */
public final class ElasticsearchServer implements AutoCloseable {
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final EsProcess.Settings settings;
    private final int port;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private volatile EsProcess process;
    private final Duration startTimeout;

    private ElasticsearchServer(EsProcess.Settings settings, EsProcess process, Duration startTimeout) {
        this.settings = settings;
        this.process = process;
        this.startTimeout = startTimeout;
        this.port = settings.httpPort();
        this.password = settings.password();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options: security on or off, the heap (512 MiB). The rest suit every test and script: the distribution and the run
     * directories under {@code floe.es.dir} (default {@code <tmp>/floe-es}), a minute to start on this machine
     * ({@link MachineSpeed}), and {@code nobody} to run as when this JVM is root.
     */
    public static final class Builder {
        private static final String RUN_AS = "nobody";
        private final Path baseDir = Path.of(System.getProperty("floe.es.dir", System.getProperty("java.io.tmpdir") + "/floe-es"));
        private final Duration startTimeout = MachineSpeed.allow(Duration.ofSeconds(60));
        private String password;
        private String heap = "512m";

        /** Turns security on: HTTP basic auth as {@code elastic} with this password. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The server's heap, as Elasticsearch's -Xms/-Xmx take it (a script's {@code --heap}). */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public ElasticsearchServer start() throws IOException, InterruptedException {
            EsDistribution dist = EsDistribution.locate(baseDir);
            Path home = dist.home();
            int httpPort = freePort();
            int transportPort = freePort();
            EsProcess.Settings settings = new EsProcess.Settings(dist.version(), home, baseDir, httpPort, transportPort,
                    password, heap, RUN_AS);
            ElasticsearchServer es = new ElasticsearchServer(settings, EsProcess.start(settings), startTimeout);
            try {
                es.awaitHealthy(startTimeout);
            } catch (IOException | InterruptedException | RuntimeException e) {
                es.close();
                throw e;
            }
            return es;
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Null when security is off. */
    public String password() {
        return password;
    }

    /** A plain HTTP call with the server's credentials; the body is JSON or NDJSON. */
    public Response request(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(MachineSpeed.allow(Duration.ofSeconds(30)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
        }
        if (password != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("elastic:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** Status and body of a {@link #request}. */
    public record Response(int status, String body) {
    }

    /** Refreshes the indices (so the last writes are searchable) and counts their documents; 0 when none exist. */
    public long count(String indices) throws IOException, InterruptedException {
        request("POST", "/" + indices + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        Response r = request("GET", "/" + indices + "/_count?ignore_unavailable=true&allow_no_indices=true", null);
        Matcher m = COUNT.matcher(r.body());
        if (r.status() != 200 || !m.find()) {
            throw new IOException("count of " + indices + ": " + r.status() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** Deletes every index (between tests); wildcard deletes are allowed on this server. */
    public void deleteAllIndices() throws IOException, InterruptedException {
        request("DELETE", "/*?expand_wildcards=open,closed", null);
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Elasticsearch exited during start-up; last console lines:\n" + process.consoleTail(40));
            }
            try {
                Response r = request("GET", "/_cluster/health?wait_for_status=yellow&timeout=1s", null);
                if (r.status() == 200 && HEALTHY.matcher(r.body()).find()) {
                    return;
                }
                last = r.status() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IOException("Elasticsearch not healthy after " + timeout.toSeconds() + " s (" + last + "); console:\n"
                + process.consoleTail(40));
    }

    /**
     * kill -9 of the server process, as a crash or the OOM killer ends it: no orderly shutdown, open connections
     * reset, the port refuses connections. Its data stays for {@link #restart()}.
     */
    public void crash() {
        process.crash();
    }

    /** Starts a {@linkplain #crash crashed} server again on the same data directory and ports; returns once healthy. */
    public void restart() throws IOException, InterruptedException {
        process = process.restart(settings);
        awaitHealthy(startTimeout);
    }

    @Override
    public void close() {
        process.stop();
    }

    /**
     * For scripts (bench/elasticsearch.py): starts a server, prints {@code url=... pid=...} and runs until its stdin
     * ends. {@code --password PW} turns basic auth on; {@code --heap 512m}.
     */
    public static void main(String[] args) throws Exception {
        Builder b = builder();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--password" -> b.password(args[++i]);
                case "--heap" -> b.heap(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (ElasticsearchServer es = b.start()) {
            System.out.println("url=" + es.url() + " pid=" + es.process.pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the caller closes stdin (or dies)
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** The config files the server needs from the distribution, with our elasticsearch.yml and jvm.options. */
    static void writeConfig(Path home, Path conf, Map<String, String> settings, List<String> jvmOptions) throws IOException {
        Files.createDirectories(conf);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.resolve("config"), Files::isRegularFile)) {
            for (Path f : files) {
                Files.copy(f, conf.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> yml = new ArrayList<>();
        settings.forEach((k, v) -> yml.add(k + ": " + v));
        Files.write(conf.resolve("elasticsearch.yml"), yml, StandardCharsets.UTF_8);
        Files.write(conf.resolve("jvm.options"), jvmOptions, StandardCharsets.UTF_8);
    }
}
