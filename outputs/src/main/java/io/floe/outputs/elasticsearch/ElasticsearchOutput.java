package io.floe.outputs.elasticsearch;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.UnrecoverableException;
import io.floe.api.WriteResult;
import io.floe.api.config.Param;
import io.floe.api.config.Size;
import io.floe.codec.tls.TlsClient;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.slf4j.Logger;

/**
 * fluent-plugin-elasticsearch's {@code @type elasticsearch}: every chunk becomes one {@code _bulk} request (or
 * several past {@code bulk_message_request_threshold}, each sent before the next is encoded), and the answer is read
 * item by item so that only the failed events are retried and the refused ones go to {@code @ERROR} with
 * Elasticsearch's reason.
 */
@Plugin(type = "elasticsearch", desc = "Indexes events into Elasticsearch with the bulk API (fluent-plugin-elasticsearch).")
public final class ElasticsearchOutput implements Output {

    public enum WriteOperation { INDEX, CREATE, UPDATE, UPSERT }

    public enum CompressionLevel { NO_COMPRESSION, BEST_SPEED, BEST_COMPRESSION, DEFAULT_COMPRESSION }

    public enum IdGeneration { NONE, DETERMINISTIC }

    public record Config(
            @Param(desc = "The Elasticsearch host, when 'hosts' is not given.", dflt = "localhost") String host,
            @Param(desc = "The port of 'host', and of 'hosts' entries without one.", dflt = "9200") int port,
            @Param(desc = "Several nodes: 'h1:p1,h2:p2' or URLs (https://user:pass@h:p/path); sent round-robin, "
                    + "with failover to the next node.", dflt = Param.NULL) String hosts,
            @Param(desc = "http or https, for 'host' and 'hosts' entries without a scheme.", dflt = "http") String scheme,
            @Param(desc = "A path prefix in front of every request, e.g. behind a proxy.", dflt = Param.NULL) String path,
            @Param(desc = "Basic auth user.", dflt = Param.NULL) String user,
            @Param(desc = "Basic auth password.", dflt = Param.NULL, secret = true) String password,
            @Param(desc = "An API key (base64 id:key), sent as 'Authorization: ApiKey'.", dflt = Param.NULL, secret = true)
            String apiKey,
            @Param(desc = "Check the server's certificate and host name (https).", dflt = "true") boolean sslVerify,
            @Param(desc = "PEM file of the CA certificates to trust instead of the JDK's.", dflt = Param.NULL) String caFile,
            @Param(desc = "PEM client certificate (mutual TLS).", dflt = Param.NULL) String clientCert,
            @Param(desc = "PEM private key of client_cert (PKCS#8, or PKCS#1 RSA), unencrypted.", dflt = Param.NULL)
            String clientKey,
            @Param(desc = "Time limit of one request (connect, and each read).", dflt = "5s") Duration requestTimeout,
            @Param(desc = "Accepted for compatibility; nodes are never sniffed: the configured hosts are used, which is "
                    + "what 'reload_connections false' asks for behind load balancers and in Kubernetes.", dflt = "true")
            boolean reloadConnections,
            @Param(desc = "Accepted; a failed node is always skipped and tried again later.", dflt = "false")
            boolean reloadOnFailure,
            @Param(desc = "Accepted; broken connections are always dropped and opened anew.", dflt = "false")
            boolean reconnectOnError,
            @Param(desc = "Accepted; failed nodes are retried with the client's own back-off (1 to 30 min).",
                    dflt = "60s") Duration resurrectAfter,
            @Param(desc = "gzip the bulk requests: no_compression, best_speed, best_compression, default_compression.",
                    dflt = "no_compression") CompressionLevel compressionLevel,
            @Param(desc = "Split a chunk into several bulk requests of at most this size; -1: one request per chunk.",
                    dflt = "20m") String bulkMessageRequestThreshold,
            @Param(desc = "Ask the server's version at start (GET /); type_name is then judged by it.", dflt = "true")
            boolean verifyEsVersionAtStartup,
            @Param(desc = "The major version assumed when it is not asked or the server does not answer.", dflt = "8")
            int defaultElasticsearchVersion,
            @Param(desc = "The index, without logstash_format; ${tag} and chunk-key placeholders allowed.", dflt = "fluentd")
            String indexName,
            @Param(desc = "Index per day of the event time: <logstash_prefix><separator><logstash_dateformat>, and "
                    + "add @timestamp.", dflt = "false") boolean logstashFormat,
            @Param(desc = "The index prefix with logstash_format.", dflt = "logstash") String logstashPrefix,
            @Param(desc = "Between logstash_prefix and the date.", dflt = "-") String logstashPrefixSeparator,
            @Param(desc = "strftime format of the date in the index name.", dflt = "%Y.%m.%d") String logstashDateformat,
            @Param(desc = "Name indices by the UTC date; false: by the date in the event time's own zone.", dflt = "true")
            boolean utcIndex,
            @Param(desc = "A record field (dotted for nested) whose value is the index; removed from the document.",
                    dflt = Param.NULL) String targetIndexKey,
            @Param(desc = "Add @timestamp without logstash_format.", dflt = "false") boolean includeTimestamp,
            @Param(desc = "A record field holding the event's time, for @timestamp and the index date.", dflt = Param.NULL)
            String timeKey,
            @Param(desc = "strptime format of the time_key field (default: ISO-8601).", dflt = Param.NULL) String timeKeyFormat,
            @Param(desc = "With time_key: do not add @timestamp.", dflt = "false") boolean timeKeyExcludeTimestamp,
            @Param(desc = "Fraction digits of @timestamp.", dflt = "9") int timePrecision,
            @Param(desc = "Add the tag to the document.", dflt = "false") boolean includeTagKey,
            @Param(desc = "The field include_tag_key writes.", dflt = "tag") String tagKey,
            @Param(desc = "A record field whose value is the document _id.", dflt = Param.NULL) String idKey,
            @Param(desc = "index, create, update or upsert (update/upsert need an _id); default index, or create with "
                    + "id_generation deterministic.", dflt = Param.NULL) WriteOperation writeOperation,
            @Param(desc = "deterministic: give every event an _id from its chunk's id and its position, so a re-sent "
                    + "chunk (retry, crash replay) never duplicates; none: let Elasticsearch choose.", dflt = "none")
            IdGeneration idGeneration,
            @Param(desc = "Document type: ignored by Elasticsearch 7 (_doc) and 8 (none), with a warning.", dflt = Param.NULL)
            String typeName,
            @Param(desc = "Accepted; types are never sent.", dflt = "false") boolean suppressTypeName,
            @Param(desc = "The index template installed at start from template_file.", dflt = Param.NULL) String templateName,
            @Param(desc = "JSON file of the index template.", dflt = Param.NULL) String templateFile,
            @Param(desc = "Replace an existing template of that name.", dflt = "false") boolean templateOverwrite,
            @Param(desc = "Install with the legacy _template API; false: _index_template (composable).", dflt = "true")
            boolean useLegacyTemplate) {

        public Config {
            if ((templateName == null) != (templateFile == null)) {
                throw new IllegalArgumentException("template_name and template_file go together");
            }
            if ((writeOperation == WriteOperation.UPDATE || writeOperation == WriteOperation.UPSERT)
                    && idKey == null && idGeneration == IdGeneration.NONE) {
                throw new IllegalArgumentException("write_operation " + writeOperation.name().toLowerCase()
                        + " needs id_key (or id_generation deterministic)");
            }
            maxBulkBytes(bulkMessageRequestThreshold);
        }

        static long maxBulkBytes(String text) {
            return text.trim().equals("-1") ? -1 : Size.parse(text).bytes();
        }
    }

    private final Config c;
    private final Logger log;
    private final BulkBodyEncoder encoder;
    private final RemainderPositions remainders = new RemainderPositions();
    private final HostPool pool;
    private volatile EsClient client;
    private final IndexTemplates templates;

    public ElasticsearchOutput(Config config, PluginContext ctx) {
        this(config, ctx, ZoneId.systemDefault());
    }

    ElasticsearchOutput(Config c, PluginContext ctx, ZoneId localZone) {
        this.c = c;
        this.log = ctx.log();
        this.encoder = new BulkBodyEncoder(encoderSettings(c, localZone));
        this.pool = HostPool.of(c.host(), c.port(), c.hosts(), c.scheme(), c.path(), c.user(), c.password());
        this.templates = c.templateName() == null ? null
                : new IndexTemplates(c.templateName(), Path.of(c.templateFile()), c.templateOverwrite(), c.useLegacyTemplate());
    }

    static BulkBodyEncoder.Settings encoderSettings(Config c, ZoneId localZone) {
        BulkBodyEncoder.Op op = c.writeOperation() != null ? BulkBodyEncoder.Op.valueOf(c.writeOperation().name())
                : c.idGeneration() == IdGeneration.DETERMINISTIC ? BulkBodyEncoder.Op.CREATE : BulkBodyEncoder.Op.INDEX;
        IndexNamer namer = new IndexNamer(c.logstashFormat(), c.indexName(), c.logstashPrefix(),
                c.logstashPrefixSeparator(), c.logstashDateformat(), c.utcIndex());
        List<String> target = c.targetIndexKey() == null ? null : Arrays.asList(c.targetIndexKey().split("\\."));
        DocumentWriter.Settings doc = new DocumentWriter.Settings(c.logstashFormat() || c.includeTimestamp(), c.timeKey(),
                c.timeKeyExcludeTimestamp(), c.includeTagKey(), c.tagKey(), c.idKey(), target,
                new EsTime(c.timePrecision(), c.timeKeyFormat()), localZone);
        return new BulkBodyEncoder.Settings(op, c.idGeneration() == IdGeneration.DETERMINISTIC, namer, doc,
                Config.maxBulkBytes(c.bulkMessageRequestThreshold()));
    }

    @Override
    public void start() throws IOException {
        client = new EsClient(pool, c.apiKey(), TlsClient.of(c.sslVerify(), path(c.caFile()), path(c.clientCert()),
                path(c.clientKey())), c.requestTimeout(), gzipLevel(c.compressionLevel()), log);
        int major = c.defaultElasticsearchVersion();
        if (c.verifyEsVersionAtStartup()) {
            try {
                String v = client.version();
                major = Integer.parseInt(v.substring(0, v.indexOf('.')));
            } catch (IOException | RuntimeException e) {
                // The buffer keeps the events until the cluster answers; failing the whole agent would lose more.
                log.warn("Could not connect Elasticsearch or obtain version ({}): {}. Assuming Elasticsearch {}.",
                        pool.describe(), e.getMessage(), major);
            }
        }
        if (c.typeName() != null && major >= 8) {
            log.warn("Detected ES 8.x or above: This parameter has no effect. (type_name {})", c.typeName());
        } else if (c.typeName() != null && major == 7 && !c.typeName().equals("_doc")) {
            log.warn("Detected ES 7.x: `_doc` will be used as the document `_type`.");
        }
        if (templates != null) {
            try {
                templates.install(client, log);
            } catch (NoSuchFileException e) {
                throw new IOException("template_file " + c.templateFile() + " does not exist", e);
            } catch (EsClient.StatusException e) {
                if (e.status == 400) {   // a broken template would stop every write: a config error, as in Fluentd
                    throw new IOException("Elasticsearch refused template '" + c.templateName() + "': " + e.getMessage(), e);
                }
                log.warn("Failed to install template '{}' ({}); trying again before the first write", c.templateName(),
                        e.getMessage());
            } catch (IOException e) {
                log.warn("Failed to install template '{}' ({}); trying again before the first write", c.templateName(),
                        e.getMessage());
            }
        }
    }

    @Override
    public WriteResult write(Chunk chunk) throws Exception {
        EsClient es = client;
        if (es == null) {
            throw new IllegalStateException("elasticsearch output not started");
        }
        if (templates != null) {
            templates.install(es, log);   // no event is indexed before the template that should map it
        }
        RemainderPositions.Origin origin = remainders.of(chunk);
        try {
            Attempt a = write(es, chunk, origin);
            WriteResult r = a.result();
            if (!r.retry().isEmpty()) {
                remainders.handedBack(chunk, origin, new Chunk(chunk.id(), chunk.tag(), chunk.slice(), chunk.variables(),
                        r.retry()), a.retryPositions());
            }
            return r;
        } catch (UnrecoverableException e) {
            throw e;   // the chunk leaves for <secondary> or the backup: it never comes back
        } catch (Exception e) {
            remainders.unchanged(chunk, origin);   // the whole chunk comes back as it is
            throw e;
        }
    }

    /** What one write did, and where the events it hands back sat in the chunk as first written. */
    private record Attempt(WriteResult result, int[] retryPositions) {
    }

    private Attempt write(EsClient es, Chunk chunk, RemainderPositions.Origin origin) throws Exception {
        BulkOutcome outcome = new BulkOutcome(chunk, encoder.settings().op(), encoder.settings().maxBytes());
        Requests requests = new Requests(es, outcome);
        BulkBodyEncoder.Invalid invalid;
        try {
            invalid = encoder.encode(chunk, origin, requests);
        } catch (Requests.Stop stop) {
            throw stop.reason;
        } catch (IOException | RuntimeException e) {
            // Encoding reads only the chunk's bytes (no I/O): what fails now fails on every retry.
            throw new UnrecoverableException("cannot encode the chunk's events for Elasticsearch: " + e, e);
        }
        outcome.invalid(invalid.items(), invalid.reasons());
        return new Attempt(outcome.result(), outcome.retryPositions());
    }

    /**
     * Sends each bulk as the encoder completes it and sorts its items before the next one is encoded, so a chunk
     * costs one request's body and one response however large it is.
     */
    private final class Requests implements BulkBodyEncoder.BulkSink {
        private final EsClient es;
        private final BulkOutcome outcome;
        private int tried;
        /** Why a request failed as a whole after others went through: the chunk's later bulks are retried unsent. */
        private String failure;

        Requests(EsClient es, BulkOutcome outcome) {
            this.es = es;
            this.outcome = outcome;
        }

        @Override
        public void bulk(BulkBodyEncoder.Bulk bulk) {
            try {
                send(bulk);
            } catch (RuntimeException e) {
                // Not the encoder's: a client closed by stop() must leave the chunk in the buffer, not in the backup.
                throw e instanceof Stop ? e : new Stop(e);
            }
        }

        private void send(BulkBodyEncoder.Bulk bulk) {
            if (failure != null) {
                retryAll(bulk, failure);
                return;
            }
            byte[] response;
            try {
                response = es.bulk(bulk.body());
            } catch (EsClient.StatusException e) {
                if (e.status == 400 || e.status == 413) {
                    tried++;
                    outcome.rejectAll(bulk.items(), e.status + " - Rejected by Elasticsearch [reason]: " + e.getMessage());
                    return;
                }
                failed(bulk, e);
                return;
            } catch (IOException e) {
                failed(bulk, e);
                return;
            }
            tried++;
            try {
                outcome.response(bulk.items(), BulkResponseParser.parse(response, 0, response.length));
            } catch (IOException | UnrecoverableException e) {
                throw new Stop(e);
            }
        }

        /**
         * A whole request failed (unreachable, timeout, 429, 5xx, 401...). When nothing of the chunk was sent yet, the
         * engine retries the whole chunk; otherwise only this request's and the later requests' events are retried.
         */
        private void failed(BulkBodyEncoder.Bulk bulk, IOException e) {
            String msg = "could not push logs to Elasticsearch cluster (" + pool.describe() + "): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            if (tried == 0) {
                throw new Stop(new IOException(msg, e));
            }
            failure = msg;
            retryAll(bulk, msg);
        }

        private void retryAll(BulkBodyEncoder.Bulk bulk, String reason) {
            try {
                outcome.retryAll(bulk.items(), reason);
            } catch (BulkOutcome.TooMuchToRetry e) {
                throw new Stop(e);
            }
        }

        /** Ends the write from inside the encoder with what the write then throws. */
        private static final class Stop extends RuntimeException {
            final Exception reason;

            Stop(Exception reason) {
                super(null, null, false, false);
                this.reason = reason;
            }
        }
    }

    @Override
    public void stop() {
        EsClient es = client;
        client = null;
        if (es != null) {
            try {
                es.close();
            } catch (IOException e) {
                log.debug("closing the Elasticsearch client: {}", e.toString());
            }
        }
    }

    @Override
    public boolean bufferedByDefault() {
        return true;
    }

    /** The plugin's {@code <buffer>} defaults: chunks per tag. */
    @Override
    public Map<String, String> bufferDefaults() {
        return Map.of("chunk_keys", "tag", "timekey_use_utc", "true");
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }

    private static int gzipLevel(CompressionLevel l) {
        return switch (l) {
            case NO_COMPRESSION -> -2;
            case BEST_SPEED -> Deflater.BEST_SPEED;
            case BEST_COMPRESSION -> Deflater.BEST_COMPRESSION;
            case DEFAULT_COMPRESSION -> Deflater.DEFAULT_COMPRESSION;
        };
    }
}
