package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.komamitsu.fluency.Fluency;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/** A real ForwardInput listening on an ephemeral port of 127.0.0.1, with a recording engine around it. */
final class RunningInput implements AutoCloseable {
    final TestPlugin plugin = new TestPlugin();
    final ForwardInput input;

    private RunningInput(ForwardInput.Config config, ForwardLimits limits, boolean start) throws Exception {
        this.input = new ForwardInput(config, plugin, limits);
        if (start) {
            input.start();
        }
    }

    /** Starts an input from fluent.conf lines; port 0 and bind 127.0.0.1 come first and may be overridden. */
    static RunningInput start(String... lines) throws Exception {
        return start(ForwardLimits.defaults(), lines);
    }

    static RunningInput start(ForwardLimits limits, String... lines) throws Exception {
        String[] all = new String[lines.length + 2];
        all[0] = "port 0";
        all[1] = "bind 127.0.0.1";
        System.arraycopy(lines, 0, all, 2, lines.length);
        return new RunningInput(ForwardConfigs.config(all), limits, true);
    }

    /** Limits shrunk so timeouts are seen in a test's time. */
    static ForwardLimits quickLimits() {
        return new ForwardLimits(ForwardLimits.DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(2), Duration.ofSeconds(2), 32 << 10, 64 << 10, 64);
    }

    int port() {
        return input.port();
    }

    /** Waits (30 s at most) until the input emitted exactly {@code events} events in all. */
    void awaitEvents(int events) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> plugin.router.count() == events);
    }

    /**
     * Sends {@code count} records through Fluency, the Java client, built by {@code builder} (its transport) with acks
     * on, and waits until all are flushed and acknowledged.
     */
    void sendWithFluency(FluencyBuilderForFluentd builder, String tag, int count, IntFunction<Map<String, Object>> record)
            throws IOException, InterruptedException {
        builder.setAckResponseMode(true);
        builder.setFlushAttemptIntervalMillis(50);
        Fluency fluency = builder.build("127.0.0.1", port());
        try {
            for (int i = 0; i < count; i++) {
                fluency.emit(tag, record.apply(i));
            }
            fluency.flush();
            assertTrue(fluency.waitUntilAllBufferFlushed(20), "flushed and acknowledged");
        } finally {
            fluency.close();
        }
    }

    ForwardClient connect() throws IOException {
        return ForwardClient.connect(port());
    }

    @Override
    public void close() {
        input.stop();
    }
}
