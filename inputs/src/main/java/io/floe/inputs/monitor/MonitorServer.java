package io.floe.inputs.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The monitor port: the JDK's HTTP server with its own two threads (a slow scrape does not hold up a
 * probe), answering with whichever endpoints the current monitor_agent installed. It outlives a reload
 * when the new configuration listens on the same address, so probes never meet a refused connection.
 */
final class MonitorServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicReference<HttpHandler> endpoints = new AtomicReference<>();

    private MonitorServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static MonitorServer open(String bind, int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        MonitorServer s = new MonitorServer(server, threads);
        server.setExecutor(threads);
        server.createContext("/", s::dispatch);
        server.start();
        return s;
    }

    /** From now on requests are answered by {@code handler}. */
    void serve(HttpHandler handler) {
        endpoints.set(handler);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        endpoints.get().handle(ex);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
