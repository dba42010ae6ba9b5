package io.floe.agent.http;

import io.floe.api.http.AgentHttp;
import io.floe.api.http.HttpMount;
import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpRoutes;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The agent's HTTP server: one listener per address and port, shared by every mount that asks for it
 * (monitor_agent, the RPC endpoint, the inputs to come), each closed with its last mount. Outlives
 * reloads; plugins hand their mounts over through the {@link io.floe.api.Handover}.
 */
public final class HttpListeners implements AgentHttp {
    private final Function<Duration, HttpRoutes> agentPages;
    private final Map<String, HttpListener> listening = new HashMap<>();

    /** @param agentPages the agent's own pages for a readiness threshold (see {@link AgentHttp#agentPages}) */
    public HttpListeners(Function<Duration, HttpRoutes> agentPages) {
        this.agentPages = agentPages;
    }

    @Override
    public synchronized HttpMount mount(String bind, int port, String owner, Logger log, HttpRoutes routes, HttpMountOptions options)
            throws IOException {
        Mounted mounted = new Mounted(owner, log, routes, options);
        HttpListener shared = port == 0 ? null : listening.get(key(bind, port));
        if (shared != null) {
            return shared.mount(mounted);
        }
        HttpListener l = HttpListener.open(bind, port, mounted, this::closed);
        listening.put(key(bind, l.port()), l);
        return l.firstMount();
    }

    @Override
    public HttpRoutes agentPages(Duration readyRetryThreshold) {
        return agentPages.apply(readyRetryThreshold);
    }

    private synchronized void closed(HttpListener l) {
        listening.values().remove(l);
    }

    private static String key(String bind, int port) {
        return bind + ":" + port;
    }
}
