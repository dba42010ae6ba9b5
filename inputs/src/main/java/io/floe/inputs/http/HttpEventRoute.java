package io.floe.inputs.http;

import io.floe.api.FatalErrors;
import io.floe.api.PluginContext;
import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import io.floe.codec.event.EventStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers every path of in_http's mount: the path is the tag, the request's events are emitted, and the
 * answer waits for the outputs to hold them (the handler threads are not held meanwhile: the answer is the
 * emit's stage). Client text reaches the log only as arguments, which the agent's log escapes.
 */
final class HttpEventRoute {
    private final PluginContext ctx;
    private final HttpEvents events;
    private final Cors cors;
    private final Answers answers;
    private final int bodySizeLimit;
    private final boolean dumpErrorLog;
    /** Requests being handled by this configuration's pipeline. Guarded by this. */
    private int inFlight;
    /** Set when this input stops: what comes after waits there for the next configuration. */
    private volatile Parking parking;

    HttpEventRoute(PluginContext ctx, HttpEvents events, Cors cors, Answers answers, int bodySizeLimit, boolean dumpErrorLog) {
        this.ctx = ctx;
        this.events = events;
        this.cors = cors;
        this.answers = answers;
        this.bodySizeLimit = bodySizeLimit;
        this.dumpErrorLog = dumpErrorLog;
    }

    CompletionStage<HttpResponse> handle(HttpRequest r) throws Exception {
        synchronized (this) {
            inFlight++;
        }
        Parking p = parking;
        if (p != null) {
            finished();
            return p.park(r);
        }
        try {
            return handleNow(r).whenComplete((ok, e) -> finished());
        } catch (RuntimeException | Error e) {
            finished();
            throw e;
        }
    }

    private synchronized void finished() {
        if (--inFlight == 0) {
            notifyAll();
        }
    }

    /**
     * From now on requests wait in {@code p}; returns once the requests this pipeline took are answered (their
     * events held by its outputs, or refused), or after {@code timeoutMillis}.
     */
    synchronized void parkInto(Parking p, long timeoutMillis) throws InterruptedException {
        parking = p;
        long end = System.currentTimeMillis() + timeoutMillis;
        for (long left = timeoutMillis; inFlight > 0 && left > 0; left = end - System.currentTimeMillis()) {
            wait(left);
        }
    }

    private CompletionStage<HttpResponse> handleNow(HttpRequest r) {
        String origin = r.header("origin");
        switch (r.method()) {
            case "GET":
                return done(Answers.ok());
            case "OPTIONS":
                Map<String, String> preflight = cors.preflight(origin, r.header("access-control-request-method"),
                        r.header("access-control-request-headers"));
                return done(preflight == null ? Answers.forbidden() : Answers.with(Answers.ok(), preflight));
            default:
                break;
        }
        if (cors.refuses(origin)) {
            return done(Answers.forbidden());
        }
        Map<String, String> corsHeaders = cors.headers(origin);
        return post(r).thenApply(response -> Answers.with(response, corsHeaders));
    }

    private CompletionStage<HttpResponse> post(HttpRequest r) {
        byte[] body;
        try {
            body = ContentEncoding.decode(r.header("content-encoding"), r.body(), bodySizeLimit);
        } catch (ContentEncoding.TooLarge e) {
            return done(Answers.tooLarge());
        } catch (BadRequest e) {
            ctx.log().warn("fails to decode payload error=\"{}\"", e.getMessage());
            return done(Answers.undecodable());
        }
        EventStream stream;
        try {
            String contentType = r.header("content-type");
            stream = events.decode(contentType == null ? "" : contentType, body, r.rawQuery(), env(r));
        } catch (BadRequest e) {
            if (dumpErrorLog) {
                ctx.log().error("failed to process request error=\"{}\"", e.getMessage());
            }
            return done(Answers.badRequest(e.getMessage()));
        }
        if (stream.count() == 0) {
            return done(answers.accepted());
        }
        String tag = tag(r.path());
        ctx.metrics().emitted(stream);
        CompletionStage<Void> emitted;
        try {
            emitted = ctx.router().emit(tag, stream);
        } catch (RuntimeException e) {
            emitted = CompletableFuture.failedFuture(e);
        }
        return emitted.handle((ok, err) -> {
            if (err == null) {
                return answers.accepted();
            }
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            FatalErrors.exitIfFatal(cause);
            ctx.metrics().numErrors.increment();
            if (dumpErrorLog) {
                ctx.log().error("failed to emit data error_class={} error=\"{}\" tag=\"{}\"", cause.getClass().getName(), cause.getMessage(), tag);
            }
            return Answers.refused(String.valueOf(cause.getMessage()));
        });
    }

    /** Fluentd's tag of a path: without the leading slash, its segments joined with dots. */
    static String tag(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return String.join(".", p.split("/"));
    }

    /** The request's headers as {@code HTTP_NAME} and the client's address as {@code REMOTE_ADDR}, Fluentd's names. */
    static Map<String, String> env(HttpRequest r) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            env.put("HTTP_" + h.getKey().replace('-', '_').toUpperCase(Locale.ROOT), String.join(", ", h.getValue()));
        }
        String forwarded = r.header("x-forwarded-for");
        if (forwarded != null) {
            env.put("REMOTE_ADDR", forwarded.split(",", -1)[0]);
        } else if (r.remote() instanceof InetSocketAddress a && a.getAddress() != null) {
            env.put("REMOTE_ADDR", a.getAddress().getHostAddress());
        }
        return env;
    }

    private static CompletionStage<HttpResponse> done(HttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
