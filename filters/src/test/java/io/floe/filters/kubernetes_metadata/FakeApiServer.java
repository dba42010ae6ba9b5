package io.floe.filters.kubernetes_metadata;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.testkit.LoopbackHttps;
import io.floe.testkit.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Kubernetes API server: answers GET /api/v1/namespaces/NS[/pods/NAME] with the
 * JSON the test put in, 404 otherwise, and keeps every request's path and Authorization header.
 */
final class FakeApiServer implements AutoCloseable {
    final Map<String, String> objects = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    private final HttpServer server;

    private FakeApiServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeApiServer http() throws IOException {
        return new FakeApiServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** HTTPS with a self-signed certificate for localhost and 127.0.0.1 from the test kit; its PEM goes to {@code caFile}. */
    static FakeApiServer https(Path dir, Path caFile) throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "api");
        Files.copy(pem.certPath(), caFile);
        return new FakeApiServer(LoopbackHttps.create(pem));
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    int count(String pathPart) {
        return (int) requests.stream().filter(r -> r.contains(pathPart)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        String body = objects.get(path);
        int code = status != 200 ? status : body == null ? 404 : 200;
        byte[] bytes = (code == 200 ? body : "{\"kind\":\"Status\",\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
