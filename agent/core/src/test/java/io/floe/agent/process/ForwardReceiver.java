package io.floe.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The receiving end of a forward tier: a real agent (forward in, one JSON line per {@code tier.**} event under
 * {@code out}) that a test brings {@link #up()}, kills with kill -9 or stops, and brings up again on the same port
 * and output. "The receiver is down" is then a port nobody listens on, as in production.
 */
final class ForwardReceiver implements AutoCloseable {
    private final Path work;
    private final int port;
    private final Path out;
    private volatile AgentProcess process;

    ForwardReceiver(Path work, int port, Path out) {
        this.work = work;
        this.port = port;
        this.out = out;
    }

    /** An aggregator's config: forward in on {@code port}, file out (one JSON line per event) under {@code out}. */
    static String conf(int port, Path out) {
        return FluentConf.forward(port, "@id in_forward") + FluentConf.jsonFile("tier.**", "out_file", out.resolve("events"),
                "@type file", "flush_mode interval", "flush_interval 200ms", "retry_wait 200ms");
    }

    /** Starts the receiver (again) and waits until it runs. */
    ForwardReceiver up() throws IOException {
        Files.createDirectories(work);
        process = AgentProcess.running(work, "receiver.conf", conf(port, out));
        return this;
    }

    /** Down hard: kill -9, nothing flushed. */
    void kill9() throws IOException, InterruptedException {
        process.kill9();
    }

    /** Down gracefully; returns the exit code. */
    int stop(Duration timeout) throws IOException, InterruptedException {
        return process.stop(timeout);
    }

    int port() {
        return port;
    }

    Path out() {
        return out;
    }

    @Override
    public void close() {
        AgentProcess p = process;
        if (p != null) {
            p.close();
        }
    }
}
