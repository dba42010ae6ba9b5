package io.floe.agent.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.floe.agent.Agent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Fluentd's HTTP RPC ({@code <system> rpc_endpoint host:port}): the signals as URLs. Each answers
 * {@code {"ok":true}} once done, or status 500 with {@code {"ok":false,"message":...}} when it failed (a
 * reload refused for an invalid configuration says why).
 */
public final class RpcServer implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpServer server;
    private final Logger log;

    private RpcServer(HttpServer server, Logger log) {
        this.server = server;
        this.log = log;
    }

    /** Listens on {@code endpoint} ({@code host:port}); port 0 picks a free one. */
    public static RpcServer start(String endpoint, AgentControls controls, Logger log) throws IOException {
        InetSocketAddress address = parse(endpoint);
        HttpServer http = HttpServer.create(address, 16);
        RpcServer rpc = new RpcServer(http, log);
        Map<String, Supplier<CompletableFuture<?>>> routes = new LinkedHashMap<>();
        routes.put("/api/processes.interruptWorkers", controls::stop);
        routes.put("/api/processes.killWorkers", controls::stop);
        routes.put("/api/processes.flushBuffersAndKillWorkers", () -> controls.flush().thenCompose(v -> controls.stop()));
        routes.put("/api/plugins.flushBuffers", controls::flush);
        routes.put("/api/config.reload", controls::reload);
        routes.put("/api/config.gracefulReload", controls::reload);
        routes.forEach((path, action) -> http.createContext(path, ex -> rpc.answer(ex, path, action)));
        http.createContext("/", ex -> rpc.reply(ex, 404, false, "no such RPC: " + ex.getRequestURI().getPath()));
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rpc");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        log.info("RPC endpoint listening on http://{}:{}", address.getHostString(), rpc.port());
        return rpc;
    }

    static InetSocketAddress parse(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("rpc_endpoint '" + endpoint + "' must be host:port");
        }
        String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(endpoint.substring(colon + 1).trim()));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange ex, String path, Supplier<CompletableFuture<?>> action) throws IOException {
        if (!ex.getRequestURI().getPath().equals(path)) {
            reply(ex, 404, false, "no such RPC: " + ex.getRequestURI().getPath());
            return;
        }
        log.debug("RPC {}", path);
        // A stop's own shutdown would wait for this exchange: answer first, then act.
        if (path.contains("Workers")) {
            reply(ex, 200, true, null);
            action.get();
            return;
        }
        try {
            Object result = action.get().get();
            if (result instanceof Agent.Reloaded r && !r.ok()) {
                reply(ex, 500, false, r.error());
            } else {
                reply(ex, 200, true, null);
            }
        } catch (ExecutionException e) {
            io.floe.api.FatalErrors.exitIfFatal(e.getCause());
            reply(ex, 500, false, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 500, false, "interrupted");
        }
    }

    private void reply(HttpExchange ex, int status, boolean ok, String message) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(body)) {
            g.writeStartObject();
            g.writeBooleanField("ok", ok);
            if (message != null) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.size());
        try (OutputStream out = ex.getResponseBody()) {
            body.writeTo(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
