package io.floe.agent.rpc;

import io.floe.agent.Agent;
import io.floe.api.FatalErrors;
import io.floe.api.http.AgentHttp;
import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Fluentd's HTTP RPC ({@code <system> rpc_endpoint host:port}): the signals as URLs, whatever the
 * method, mounted on the agent's HTTP server. Each answers {@code {"ok":true}} once done, or status 500
 * with {@code {"ok":false,"message":...}} when it failed (a reload refused for an invalid configuration
 * says why); an unknown path is a 404 saying so.
 */
public final class RpcEndpoint {
    private RpcEndpoint() {
    }

    /** Listens on {@code endpoint} ({@code host:port}); port 0 picks a free one. Closing the mount stops it. */
    public static HttpMount mount(AgentHttp http, String endpoint, AgentControls controls, Logger log) throws IOException {
        InetSocketAddress address = parse(endpoint);
        Map<String, Supplier<CompletableFuture<?>>> actions = new LinkedHashMap<>();
        actions.put("/api/processes.interruptWorkers", controls::stop);
        actions.put("/api/processes.killWorkers", controls::stop);
        actions.put("/api/processes.flushBuffersAndKillWorkers", () -> controls.flush().thenCompose(v -> controls.stop()));
        actions.put("/api/plugins.flushBuffers", controls::flush);
        actions.put("/api/config.reload", controls::reload);
        actions.put("/api/config.gracefulReload", controls::reload);
        HttpRoutes.Builder routes = HttpRoutes.builder()
                .notFound(HttpHandler.sync(r -> reply(404, false, "no such RPC: " + r.path())));
        actions.forEach((path, action) -> routes.any(path, request -> answer(path, action, log)));
        HttpMount mount = http.mount(address.getHostString(), address.getPort(), "rpc", log, routes.build());
        log.info("RPC endpoint listening on http://{}:{}", address.getHostString(), mount.port());
        return mount;
    }

    static InetSocketAddress parse(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("rpc_endpoint '" + endpoint + "' must be host:port");
        }
        String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(endpoint.substring(colon + 1).trim()));
    }

    private static CompletableFuture<HttpResponse> answer(String path, Supplier<CompletableFuture<?>> action, Logger log) {
        log.debug("RPC {}", path);
        // A stop's own shutdown would wait for this exchange: answer first, then act.
        if (path.contains("Workers")) {
            return CompletableFuture.completedFuture(reply(200, true, null).thenRun(action::get));
        }
        return action.get().handle((result, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                FatalErrors.exitIfFatal(cause);
                return reply(500, false, String.valueOf(cause));
            }
            if (result instanceof Agent.Reloaded r && !r.ok()) {
                return reply(500, false, r.error());
            }
            return reply(200, true, null);
        });
    }

    private static HttpResponse reply(int status, boolean ok, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", ok);
        body.put("message", message);
        return HttpResponse.json(status, body);
    }
}
