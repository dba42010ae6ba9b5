package io.floe.agent.monitor;

import io.floe.api.monitor.AgentMonitor;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * What {@code /metrics} shows: the plugins' fluentd_* metrics, live, and the JVM's and the process's
 * from a snapshot at most 5 s old. The agent makes one (see {@link AgentPages}), never Prometheus's
 * global default registry, so nothing is registered twice across reloads.
 */
final class MetricsRegistry {
    private static final Duration JVM_METRICS_MAX_AGE = Duration.ofSeconds(5);

    private MetricsRegistry() {
    }

    static PrometheusRegistry create(AgentMonitor agent) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new FluentdMetrics(agent));
        PrometheusRegistry jvm = new PrometheusRegistry();
        // Not JvmMemoryPoolAllocationMetrics: it adds a listener to the GC beans that every reload would pile up.
        JvmThreadsMetrics.builder().register(jvm);
        JvmBufferPoolMetrics.builder().register(jvm);
        JvmClassLoadingMetrics.builder().register(jvm);
        JvmCompilationMetrics.builder().register(jvm);
        JvmGarbageCollectorMetrics.builder().register(jvm);
        JvmMemoryMetrics.builder().register(jvm);
        JvmRuntimeInfoMetric.builder().register(jvm);
        ProcessMetrics.builder().register(jvm);
        registry.register(new RefreshingMetrics(jvm, JVM_METRICS_MAX_AGE));
        return registry;
    }
}
