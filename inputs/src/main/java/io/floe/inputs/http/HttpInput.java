package io.floe.inputs.http;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.api.config.Size;
import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpRoutes;
import io.floe.codec.event.EventTime;
import io.floe.conf.ConfigElement;
import io.floe.inputs.forward.ForwardTransportConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import java.time.Duration;
import java.util.List;

/**
 * Fluentd's in_http: events posted over HTTP, the path their tag ({@code POST /app.log}). Served by the
 * agent's HTTP server (one listener per address and port), with this input's body limit and keepalive
 * timeout. A request is answered once the outputs hold its events: 200 (204, or an empty GIF), 400 when
 * any part of it is bad (nothing of it is emitted), 413 over {@code body_size_limit}, and 500 when an
 * output refuses the events (a full buffer), so the client sends them again: never a 200 for events not held.
 */
@Plugin(type = "http", desc = "Takes events over HTTP (Fluentd's in_http): POST /<tag> with json=, msgpack= or ndjson= fields, "
        + "a JSON, msgpack or NDJSON body, or any body through <parse>.")
public final class HttpInput implements Input {

    public record Config(
            @Param(desc = "The port to listen to; 0 picks a free one.", dflt = "9880")
            int port,
            @Param(desc = "The bind address to listen to.", dflt = "0.0.0.0")
            String bind,
            @Param(desc = "The size limit of the POSTed element, sent or decompressed (larger is answered 413).", dflt = "32m")
            Size bodySizeLimit,
            @Param(desc = "The timeout limit for keeping the connection alive.", dflt = "10s")
            Duration keepaliveTimeout,
            @Param(desc = "Add HTTP_ prefix headers to the record.", dflt = "false")
            boolean addHttpHeaders,
            @Param(desc = "Add REMOTE_ADDR field to the record: the client's address, or the first X-Forwarded-For entry.",
                    dflt = "false")
            boolean addRemoteAddr,
            @Param(desc = "Add QUERY_ prefix query params to the record.", dflt = "false")
            boolean addQueryParams,
            @Param(desc = "The origins allowed for CORS (* any; one * in an entry matches any middle); unset, none is checked.",
                    dflt = Param.NULL)
            List<String> corsAllowOrigins,
            @Param(desc = "Tells browsers to expose the response to frontend when the credentials mode is \"include\".",
                    dflt = "false")
            boolean corsAllowCredentials,
            @Param(desc = "Respond with an empty GIF image of 1x1 pixel.", dflt = "false")
            boolean respondWithEmptyImg,
            @Param(name = "use_204_response", desc = "Respond with status code 204 instead of 200.", dflt = "false")
            boolean use204Response,
            @Param(desc = "Log requests that fail.", dflt = "true")
            boolean dumpErrorLog,
            @Section(name = "parse", kind = "parser", desc = "How the body becomes records; unset (or @type in_http), "
                    + "json/msgpack/ndjson by Content-Type and form fields.")
            ConfigElement parse,
            @Section(name = "transport", desc = "<transport tls> serves HTTPS with Fluentd's server TLS parameters (cert_path, "
                    + "private_key_path, ca_path, client_cert_auth, min_version ...); linger_timeout is not used by http.")
            ForwardTransportConfig transport) {
    }

    /** How long a stop waits for the requests in hand to reach the outputs: a blocked output must not hold a reload. */
    private static final long DRAIN_MILLIS = 10_000;

    private final Config config;
    private final PluginContext ctx;
    private final HttpEventRoute route;
    private final String handoverKey;
    private HttpMount mount;
    private volatile int boundPort = -1;

    public HttpInput(Config config, PluginContext ctx) {
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + config.port());
        }
        if (config.bodySizeLimit().bytes() < 0 || config.bodySizeLimit().bytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("body_size_limit must be between 0 and 2g, got " + config.bodySizeLimit());
        }
        String protocol = config.transport().protocol();
        if (protocol != null && !protocol.isEmpty() && !protocol.equals("tcp") && !protocol.equals("tls")) {
            throw new IllegalArgumentException("<transport " + protocol + "> is not supported by in_http (use tcp or tls)");
        }
        if (config.transport().tls()) {
            config.transport().validateTls();
        }
        this.config = config;
        this.ctx = ctx;
        Cors cors = new Cors(config.corsAllowOrigins(), config.corsAllowCredentials());
        HttpEvents events = new HttpEvents(parser(config.parse(), ctx),
                new HttpEvents.Additions(config.addHttpHeaders(), config.addRemoteAddr(), config.addQueryParams()), EventTime::now);
        Answers answers = new Answers(config.respondWithEmptyImg(), config.use204Response());
        this.route = new HttpEventRoute(ctx, events, cors, answers, (int) config.bodySizeLimit().bytes(), config.dumpErrorLog());
        this.handoverKey = "http " + config.bind() + ":" + config.port();
    }

    /** The {@code <parse>} parser; null for in_http's own reading by Content-Type. */
    private static Parser parser(ConfigElement parse, PluginContext ctx) {
        String type = parse == null ? null : parse.getText("@type");
        if (type == null || type.equals("in_http")) {
            return null;
        }
        return Parsers.create(parse, ParserEnv.of(ctx));
    }

    @Override
    public void start() throws Exception {
        SslContext tls = config.transport().tls() ? config.transport().sslContext() : null;
        HttpRoutes routes = HttpRoutes.builder().notFound(route::handle).build();
        Parking previous = ctx.handover().adopt(handoverKey, Parking.class);
        if (previous == null) {
            mount = ctx.http().mount(config.bind(), config.port(), "http-" + ctx.id(), ctx.log(), routes,
                    new HttpMountOptions((int) config.bodySizeLimit().bytes(), config.keepaliveTimeout(),
                            tls == null ? null : () -> tls.newEngine(ByteBufAllocator.DEFAULT)));
        } else {
            mount = previous.mount();
            mount.serve(routes);
            previous.resume(route::handle);
        }
        boundPort = mount.port();
        ctx.log().info("listening http bind=\"{}\" port={}", config.bind(), boundPort);
    }

    /** The port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return boundPort;
    }

    /**
     * Leaves the mount for a reload's next in_http on the same address (the agent closes it otherwise), with
     * the requests that come meanwhile waiting for it (see {@link Parking}); first lets the requests this
     * pipeline took reach its outputs, which close after this returns.
     */
    @Override
    public void stop() {
        if (mount == null) {
            return;
        }
        Parking parking = new Parking(mount);
        mount.serve(HttpRoutes.builder().notFound(parking::park).build());
        try {
            route.parkInto(parking, DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ctx.handover().leave(handoverKey, parking);
        }
        mount = null;
        boundPort = -1;
    }
}
