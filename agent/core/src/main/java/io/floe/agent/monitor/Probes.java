package io.floe.agent.monitor;

import io.floe.api.monitor.AgentMonitor;
import io.floe.api.monitor.PluginStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Kubernetes probes. Liveness: every plugin's threads answer (a restart would help). Readiness: a
 * configuration runs, listeners are bound, no buffer is full or refused a write in the last 5 s, and no
 * output has been retrying longer than the threshold (traffic should go elsewhere, but a restart would
 * not help).
 */
record Probes(AgentMonitor agent, Duration retryThreshold, LongSupplier clockMillis) {
    /** The outcome: ok, or the reasons it is not. */
    record Verdict(boolean ok, List<String> reasons) {
    }

    private static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(1);
    /** A buffer that refused a write this recently does not take traffic. */
    private static final Duration REFUSED_RECENTLY = Duration.ofSeconds(5);

    Verdict liveness() {
        List<String> reasons = new ArrayList<>();
        // No running configuration means a reload is switching pipelines: alive, only not ready.
        for (PluginStatus p : agent.plugins()) {
            if (!p.plugin().alive(LIVENESS_TIMEOUT)) {
                reasons.add(p.id() + " (" + p.type() + "): its threads did not answer within " + LIVENESS_TIMEOUT.toMillis() + " ms");
            }
        }
        return new Verdict(reasons.isEmpty(), reasons);
    }

    Verdict readiness() {
        List<String> reasons = new ArrayList<>();
        if (!agent.running()) {
            reasons.add("no configuration is running yet");
        }
        long now = clockMillis.getAsLong();
        for (PluginStatus p : agent.plugins()) {
            String who = p.id() + " (" + p.type() + ")";
            String notReady = p.plugin().notReady();
            if (notReady != null) {
                reasons.add(who + ": " + notReady);
            }
            if (p.buffer() != null && (p.buffer().availableSpaceRatio() <= 0 || now - p.buffer().lastRefusedMillis() < REFUSED_RECENTLY.toMillis())) {
                reasons.add(who + ": buffer is full, writes are refused");
            }
            if (p.retry() != null && now - p.retry().startMillis() > retryThreshold.toMillis()) {
                reasons.add(who + ": retrying for " + (now - p.retry().startMillis()) / 1000 + " s (" + (p.retry().steps() + 1)
                        + " failed attempts), more than the " + retryThreshold.toSeconds() + " s threshold");
            }
        }
        return new Verdict(reasons.isEmpty(), reasons);
    }
}
