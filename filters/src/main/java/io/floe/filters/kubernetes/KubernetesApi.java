package io.floe.filters.kubernetes_metadata;

import io.floe.codec.tls.TlsClient;
import io.floe.parsers.JsonValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Reads pods and namespaces from the Kubernetes API server with the pod's service account: GET
 * {@code /api/v1/namespaces/NS/pods/NAME} and {@code /api/v1/namespaces/NS} with a bearer token, TLS
 * checked against the service account's CA (or the JDK's CAs; {@code verify_ssl false} trusts anything). The token file is read again every minute, because the kubelet
 * rotates bound tokens.
 */
final class KubernetesApi {
    private static final long TOKEN_REREAD_NANOS = 60_000_000_000L;

    /** A GET that found nothing (404). */
    static final Map<String, Object> NOT_FOUND = Map.of();

    private final String base;
    private final String apiVersion;
    private final Path tokenFile;
    private final HttpClient http;
    private final Duration readTimeout;
    private String token;
    private long tokenReadAt;

    private KubernetesApi(String base, String apiVersion, Path tokenFile, HttpClient http, Duration readTimeout) {
        this.base = base;
        this.apiVersion = apiVersion;
        this.tokenFile = tokenFile;
        this.http = http;
        this.readTimeout = readTimeout;
    }

    /** The API of the configuration and environment, or null when there is none (names from file names only). */
    static KubernetesApi create(KubernetesMetadataFilter.Config c, Map<String, String> env) throws IOException, GeneralSecurityException {
        String url = c.kubernetesUrl();
        if (url == null && env.get("KUBERNETES_SERVICE_HOST") != null && env.get("KUBERNETES_SERVICE_PORT") != null) {
            String host = env.get("KUBERNETES_SERVICE_HOST");
            url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + env.get("KUBERNETES_SERVICE_PORT");
        }
        if (url == null) {
            return null;
        }
        String base = url.replaceAll("/+$", "").replaceAll("/api$", "");
        Path secrets = Path.of(c.secretDir());
        Path token = c.bearerTokenFile() != null ? Path.of(c.bearerTokenFile())
                : Files.isReadable(secrets.resolve("token")) ? secrets.resolve("token") : null;
        Path ca = c.caFile() != null ? Path.of(c.caFile()) : Files.isReadable(secrets.resolve("ca.crt")) ? secrets.resolve("ca.crt") : null;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(c.openTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        SSLContext ssl = base.startsWith("https:") ? TlsClient.of(c.verifySsl(), ca, null, null).jdkContext() : null;
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return new KubernetesApi(base, c.apiversion(), token, b.build(), c.readTimeout());
    }

    String masterUrl() {
        return base;
    }

    /** The pod as the API returns it, {@link #NOT_FOUND}, or an exception for anything else. */
    Map<String, Object> pod(String namespace, String name) throws IOException, InterruptedException {
        return get("/api/" + apiVersion + "/namespaces/" + namespace + "/pods/" + name);
    }

    Map<String, Object> namespace(String name) throws IOException, InterruptedException {
        return get("/api/" + apiVersion + "/namespaces/" + name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(readTimeout).header("Accept", "application/json");
        String t = token();
        if (t != null) {
            r.header("Authorization", "Bearer " + t);
        }
        HttpResponse<String> resp = http.send(r.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (resp.statusCode() == 404) {
            return NOT_FOUND;
        }
        if (resp.statusCode() != 200) {
            String body = resp.body();
            throw new IOException("GET " + path + ": HTTP " + resp.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) : body));
        }
        Object v = JsonValues.parse(resp.body());
        if (!(v instanceof Map)) {
            throw new IOException("GET " + path + ": not a JSON object");
        }
        return (Map<String, Object>) v;
    }

    private synchronized String token() throws IOException {
        if (tokenFile == null) {
            return null;
        }
        long now = System.nanoTime();
        if (token == null || now - tokenReadAt >= TOKEN_REREAD_NANOS) {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            tokenReadAt = now;
        }
        return token;
    }
}
