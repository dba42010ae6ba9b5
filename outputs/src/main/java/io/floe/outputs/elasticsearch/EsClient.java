package io.floe.outputs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.floe.codec.tls.TlsClient;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.message.BasicHeader;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Node;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;

/**
 * The connection to the cluster: the official client's low-level RestClient (round-robin over the hosts, failover
 * to the next one when a node fails, dead nodes retried later) carries the bulk bodies as they are encoded, and the
 * typed client on the same transport asks for the server's version. Thread-safe; one per output.
 */
final class EsClient implements Closeable {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    /** A status other than 2xx for the whole request, with the body Elasticsearch sent. */
    static final class StatusException extends IOException {
        final int status;

        StatusException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final RestClient rest;
    private final RestClientTransport transport;
    private final int gzipLevel;
    private final RequestOptions bulkOptions;

    /** @param gzipLevel a java.util.zip.Deflater level, or -2 for no request compression */
    EsClient(HostPool pool, String apiKey, TlsClient tls, Duration timeout, int gzipLevel, Logger log)
            throws IOException {
        RestClientBuilder b = RestClient.builder(pool.hosts().toArray(new HttpHost[0]));
        if (pool.pathPrefix() != null) {
            b.setPathPrefix(pool.pathPrefix());
        }
        if (apiKey != null) {
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        } else if (pool.user() != null) {
            String pw = pool.password() == null ? "" : pool.password();
            String token = Base64.getEncoder().encodeToString((pool.user() + ":" + pw).getBytes(StandardCharsets.UTF_8));
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + token)});
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        b.setRequestConfigCallback(rc -> rc.setConnectTimeout(ms).setSocketTimeout(ms).setConnectionRequestTimeout(ms));
        SSLContext ssl;
        try {
            ssl = tls.jdkContext();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS settings: " + e.getMessage(), e);
        }
        b.setHttpClientConfigCallback(hc -> {
            // Credentials go in a default header, so the client's auth cache has nothing to do; yet with it on,
            // every request deserialized the cached scheme (ObjectInputStream, class lookups) on the flush thread.
            hc.disableAuthCaching();
            if (ssl != null) {
                hc.setSSLContext(ssl);
            }
            if (!tls.verify()) {
                hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            return hc;
        });
        if (pool.hosts().size() > 1) {
            b.setFailureListener(new RestClient.FailureListener() {
                @Override
                public void onFailure(Node node) {
                    log.warn("Elasticsearch node {} failed; sending to the other hosts until it answers again",
                            node.getHost());
                }
            });
        }
        this.rest = b.build();
        this.transport = new RestClientTransport(rest, new JacksonJsonpMapper());
        this.gzipLevel = gzipLevel;
        RequestOptions.Builder o = RequestOptions.DEFAULT.toBuilder();
        if (gzipLevel != -2) {
            o.addHeader("Content-Encoding", "gzip");
        }
        this.bulkOptions = o.build();
    }

    /** The server's version number through the typed API ({@code GET /}), e.g. {@code 8.17.0}. */
    String version() throws IOException {
        return new ElasticsearchClient(transport).info().version().number();
    }

    /** Sends one bulk body; returns the response body. Throws StatusException for a non-2xx whole-request answer. */
    byte[] bulk(ByteSink body) throws IOException {
        Request r = new Request("POST", "/_bulk");
        r.addParameter("filter_path", BulkResponseParser.FILTER_PATH);
        // The non-blocking entity hands the whole array to the connection at once; a plain ByteArrayEntity is
        // streamed through a 4 KiB buffer, one I/O event per 4 KiB.
        byte[] gz = gzipLevel == -2 ? null : gzip(body);
        r.setEntity(gz == null ? new NByteArrayEntity(body.array(), 0, body.size(), NDJSON) : new NByteArrayEntity(gz, NDJSON));
        r.setOptions(bulkOptions);
        return EntityUtils.toByteArray(perform(r).getEntity());
    }

    /** True when the template exists (HEAD answers 404 without an exception). */
    boolean exists(String path) throws IOException {
        return perform(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
    }

    void put(String path, String json) throws IOException {
        Request r = new Request("PUT", path);
        r.setEntity(new ByteArrayEntity(json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        perform(r);
    }

    private Response perform(Request r) throws IOException {
        try {
            return rest.performRequest(r);
        } catch (ResponseException e) {
            Response resp = e.getResponse();
            String body = resp.getEntity() == null ? "" : EntityUtils.toString(resp.getEntity(), StandardCharsets.UTF_8);
            throw new StatusException(resp.getStatusLine().getStatusCode(), resp.getStatusLine().getStatusCode() + " "
                    + resp.getStatusLine().getReasonPhrase() + (body.isEmpty() ? "" : ": " + abbreviate(body)));
        }
    }

    private byte[] gzip(ByteSink body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(gzipLevel);
            }
        }) {
            z.write(body.array(), 0, body.size());
        }
        return out.toByteArray();
    }

    static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }
}
