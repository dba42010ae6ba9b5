package io.floe.agent.http;

import io.floe.api.FatalErrors;
import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpRequest;
import io.floe.api.http.HttpResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * One connection's requests: each is routed, handled on the listener's handler threads (a slow scrape
 * or a reload never holds up the event loop, nor a probe on another connection) and answered in the
 * order the requests came. While a request is being handled the connection is not read, so a client
 * that pipelines cannot make the agent hold more than what one read brought.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Supplier<List<Mounted>> mounts;
    private final Executor handlers;
    private final Logger log;
    private final BodyAccounting accounting;
    private final BodyMemory memory;
    /** The previous request's response, written: the next one is written after it. Event loop only. */
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
    private int inFlight;

    /**
     * @param log where the server's own trouble goes when no mount is there to name
     * @param accounting counted each body as it arrived; the bytes of a complete one are given back to
     *                   {@code memory} once its answer is written
     */
    HttpRequestHandler(Supplier<List<Mounted>> mounts, Executor handlers, Logger log, BodyAccounting accounting, BodyMemory memory) {
        this.mounts = mounts;
        this.handlers = handlers;
        this.log = log;
        this.accounting = accounting;
        this.memory = memory;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        int bodyBytes = req.content().readableBytes();
        accounting.handedOver(bodyBytes);
        boolean head = req.method().name().equals("HEAD");
        boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
        CompletableFuture<HttpResponse> response;
        URI uri = req.decoderResult().isSuccess() ? uri(req.uri()) : null;
        if (!req.decoderResult().isSuccess()) {
            response = CompletableFuture.completedFuture(HttpResponses.error(badRequestStatus(req.decoderResult().cause())));
        } else if (uri == null) {
            keepAlive = false;
            response = CompletableFuture.completedFuture(HttpResponses.error(HttpResponseStatus.BAD_REQUEST));
        } else {
            HttpRequest request = new HttpRequest(req.method().name(), uri.getPath() == null ? "" : uri.getPath(), uri.getRawQuery(),
                    headers(req), ByteBufUtil.getBytes(req.content()), ctx.channel().remoteAddress());
            response = answer(Router.resolve(mounts.get(), request.method(), request.path()), request);
        }
        if (++inFlight == 1) {
            ctx.channel().config().setAutoRead(false);
        }
        boolean keep = keepAlive;
        boolean http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
        written = written.thenCompose(v -> response)
                .thenCompose(r -> send(ctx, head, keep, http10, r))
                .exceptionally(e -> null)
                .thenRun(() -> memory.give(bodyBytes));
    }

    private static URI uri(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private CompletableFuture<HttpResponse> answer(Router.Outcome outcome, HttpRequest request) {
        if (outcome instanceof Router.Found f) {
            return tooLarge(f.mount(), request) ? tooLarge() : handle(f.mount(), f.handler(), request);
        }
        if (outcome instanceof Router.NotAllowed n) {
            return CompletableFuture.completedFuture(HttpResponses.notAllowed(n.allowed()));
        }
        Router.NotFound n = (Router.NotFound) outcome;
        if (n.handler() == null) {
            return CompletableFuture.completedFuture(HttpResponses.notFound());
        }
        return tooLarge(n.mount(), request) ? tooLarge() : handle(n.mount(), n.handler(), request);
    }

    /** A listener shared by mounts with different limits reads up to the largest; each mount still gets only what it takes. */
    private static boolean tooLarge(Mounted mount, HttpRequest request) {
        return request.body().length > mount.options().maxBodyBytes();
    }

    private static CompletableFuture<HttpResponse> tooLarge() {
        return CompletableFuture.completedFuture(HttpResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE));
    }

    /** Runs the handler on the handler threads; a failure is logged for the mount and answered 500. */
    private CompletableFuture<HttpResponse> handle(Mounted mount, HttpHandler handler, HttpRequest request) {
        CompletableFuture<HttpResponse> out = new CompletableFuture<>();
        try {
            handlers.execute(() -> {
                try {
                    CompletionStage<HttpResponse> stage = handler.handle(request);
                    stage.whenComplete((r, e) -> {
                        if (e != null || r == null) {
                            out.complete(failed(mount, request, e != null ? e : new IllegalStateException("the handler answered nothing")));
                        } else {
                            out.complete(r);
                        }
                    });
                } catch (Exception | Error e) {
                    out.complete(failed(mount, request, e));
                }
            });
        } catch (RejectedExecutionException e) {
            // The listener is closing.
            out.complete(HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE));
        }
        return out;
    }

    private static HttpResponse failed(Mounted mount, HttpRequest request, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        FatalErrors.exitIfFatal(cause);
        mount.log().warn("{} request {} path=\"{}\" failed: {}", mount.owner(), request.method(), request.path(), cause.toString());
        return HttpResponses.internalError(cause);
    }

    /** Writes the response; keeps the connection open for the next request, or closes it. Any thread. */
    private CompletableFuture<Void> send(ChannelHandlerContext ctx, boolean head, boolean keepAlive, boolean http10, HttpResponse r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        FullHttpResponse out;
        try {
            out = HttpResponses.toNetty(r, head, keepAlive, http10);
        } catch (RuntimeException e) {
            // A status Netty cannot write: the client still gets an answer.
            log.warn("http response status {} cannot be written: {}", r.status(), e.toString());
            out = HttpResponses.toNetty(HttpResponses.internalError(e), head, keepAlive, http10);
        }
        ctx.writeAndFlush(out).addListener(f -> {
            if (!keepAlive || !f.isSuccess()) {
                ctx.close();
            }
            if (--inFlight == 0 && ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            }
            done.complete(null);
            if (r.afterSent() != null) {
                r.afterSent().run();
            }
        });
        return done;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        // An idle connection is closed, but not one whose request is still being answered (a reload takes its time).
        if (evt instanceof IdleStateEvent && inFlight == 0) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("http connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static HttpResponseStatus badRequestStatus(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
    }

    private static Map<String, List<String>> headers(FullHttpRequest req) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        req.headers().forEach(h -> out.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
        return out;
    }
}
