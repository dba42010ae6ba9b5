package io.floe.inputs.forward;

import io.floe.api.PluginContext;
import io.floe.inputs.net.Throttle;
import java.util.concurrent.TimeUnit;

/**
 * Refused emits of one input, logged across all its connections: the first at once, then at most one
 * warning per interval saying how many were held back. A full disk refuses every message, and each
 * refusal that asked for an ack closes its connection, so a warning per connection would be one per message.
 */
final class RefusalLog {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PluginContext plugin;
    private final Throttle throttle = new Throttle(INTERVAL_NANOS);

    RefusalLog(PluginContext plugin) {
        this.plugin = plugin;
    }

    void refused(Throwable err, String peer) {
        long more = throttle.pass();
        if (more < 0) {
            return;
        }
        plugin.log().warn("emit transaction failed, not acknowledged (a client that asked for an ack is disconnected and resends): error_class={} error=\"{}\" host=\"{}\"{}",
                err.getClass().getName(), err.getMessage(), peer, more > 0 ? " (" + more + " more refusals since the last warning)" : "");
    }
}
