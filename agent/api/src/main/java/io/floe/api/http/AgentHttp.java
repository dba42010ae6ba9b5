package io.floe.api.http;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The agent's HTTP server, on which plugins and the agent mount their routes: one implementation, one
 * listener per address and port, shared by everyone who asks for the same one (port 0 always gets a new
 * one). Requests are bounded in size, connections kept alive and closed when idle.
 */
public interface AgentHttp {
    /** Outside an agent (tests, dry runs) there is no server. */
    AgentHttp NONE = new AgentHttp() {
        @Override
        public HttpMount mount(String bind, int port, String owner, Logger log, HttpRoutes routes, HttpMountOptions options) {
            throw new UnsupportedOperationException("no HTTP server outside an agent");
        }

        @Override
        public HttpRoutes agentPages(Duration readyRetryThreshold) {
            return HttpRoutes.builder().build();
        }
    };

    /**
     * Serves {@code routes} on {@code bind:port} beside whatever else is mounted there.
     *
     * @param owner names the mount in errors (two mounts wanting one path) and thread names
     * @param log where failed requests are reported (a plugin's logger names its id)
     * @throws IOException when the address cannot be bound
     * @throws IllegalArgumentException when a path is already served there by another mount
     */
    default HttpMount mount(String bind, int port, String owner, Logger log, HttpRoutes routes) throws IOException {
        return mount(bind, port, owner, log, routes, HttpMountOptions.DEFAULT);
    }

    /**
     * {@link #mount(String, int, String, Logger, HttpRoutes)} with the body limit and keepalive timeout
     * of {@code options} (an input taking events over HTTP reads larger bodies than the agent's pages).
     */
    HttpMount mount(String bind, int port, String owner, Logger log, HttpRoutes routes, HttpMountOptions options) throws IOException;

    /**
     * The agent's own pages: Prometheus text at {@code /metrics}, the probes {@code /healthz} and
     * {@code /readyz} (not ready while an output has retried longer than {@code readyRetryThreshold}),
     * and the status page at {@code /}.
     */
    HttpRoutes agentPages(Duration readyRetryThreshold);
}
