package io.floe.agent.monitor;

import io.floe.api.monitor.AgentMonitor;
import io.floe.api.monitor.BufferStatus;
import io.floe.api.monitor.PluginStatus;
import io.floe.api.monitor.RetryStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The plugins' counters under fluent-plugin-prometheus's names, so the dashboards and alerts people
 * already have for Fluentd work: {@code prometheus_output_monitor}'s {@code fluentd_output_status_*}
 * gauges and the input records counter, labelled {@code plugin_id} and {@code type}. Read from the
 * running configuration at each scrape.
 */
final class FluentdMetrics implements MultiCollector {

    /** One {@code fluentd_output_status_*} gauge: its name, help and how to read it from a plugin. */
    private record OutputGauge(String name, String help, boolean bufferOnly, ToDoubleFunction<PluginStatus> value) {
    }

    private static final List<OutputGauge> OUTPUT_GAUGES = List.of(
            new OutputGauge("buffer_queue_length", "Current buffer queue length.", true, p -> p.buffer().queueLength()),
            new OutputGauge("buffer_total_bytes", "Current total size of stage and queue buffers.", true, p -> p.buffer().totalQueuedBytes()),
            new OutputGauge("buffer_stage_length", "Current length of stage buffers.", true, p -> p.buffer().stageLength()),
            new OutputGauge("buffer_stage_byte_size", "Current total size of stage buffers.", true, p -> p.buffer().stageBytes()),
            new OutputGauge("buffer_queue_byte_size", "Current total size of queue buffers.", true, p -> p.buffer().queueBytes()),
            new OutputGauge("buffer_available_space_ratio", "Ratio of available space in buffer.", true, p -> p.buffer().availableSpaceRatio()),
            new OutputGauge("buffer_newest_timekey", "Newest timekey in buffer.", true, p -> last(p.buffer())),
            new OutputGauge("buffer_oldest_timekey", "Oldest timekey in buffer.", true, p -> first(p.buffer())),
            new OutputGauge("retry_count", "Current retry counts.", false, p -> p.metrics().retryCount.sum()),
            new OutputGauge("num_errors", "Current number of errors.", false, p -> p.metrics().numErrors.sum()),
            new OutputGauge("emit_count", "Current emit counts.", false, p -> p.metrics().emitCount.sum()),
            new OutputGauge("emit_records", "Current emit records.", false, p -> p.metrics().emitRecords.sum()),
            new OutputGauge("write_count", "Current write counts.", false, p -> p.metrics().writeCount.sum()),
            new OutputGauge("rollback_count", "Current rollback counts.", false, p -> p.metrics().rollbackCount.sum()),
            new OutputGauge("flush_time_count", "Total flush time.", false, p -> p.metrics().flushTimeCount.sum()),
            new OutputGauge("slow_flush_count", "Current slow flush counts.", false, p -> p.metrics().slowFlushCount.sum()),
            new OutputGauge("retry_wait", "Current retry wait.", false, FluentdMetrics::retryWaitSeconds));

    private final AgentMonitor agent;

    FluentdMetrics(AgentMonitor agent) {
        this.agent = agent;
    }

    @Override
    public MetricSnapshots collect() {
        List<PluginStatus> plugins = agent.plugins();
        List<MetricSnapshot> out = new ArrayList<>();
        for (OutputGauge g : OUTPUT_GAUGES) {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("fluentd_output_status_" + g.name()).help(g.help());
            for (PluginStatus p : plugins) {
                if (p.isOutput() && (p.buffer() != null || !g.bufferOnly())) {
                    b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(p)).value(g.value().applyAsDouble(p)).build());
                }
            }
            out.add(b.build());
        }
        CounterSnapshot.Builder records = CounterSnapshot.builder().name("fluentd_input_status_num_records")
                .help("The number of records the input emitted.");
        for (PluginStatus p : plugins) {
            if (p.category().equals("input")) {
                records.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(p)).value(p.metrics().emitRecords.sum()).build());
            }
        }
        out.add(records.build());
        return new MetricSnapshots(out);
    }

    /** fluent-plugin-prometheus: the time between the retry sequence's start and its next attempt, 0 when not retrying. */
    private static double retryWaitSeconds(PluginStatus p) {
        RetryStatus r = p.retry();
        return r == null ? 0 : (r.nextMillis() - r.startMillis()) / 1000.0;
    }

    private static double first(BufferStatus b) {
        return b.timekeys().isEmpty() ? 0 : b.timekeys().get(0);
    }

    private static double last(BufferStatus b) {
        return b.timekeys().isEmpty() ? 0 : b.timekeys().get(b.timekeys().size() - 1);
    }

    private static Labels labels(PluginStatus p) {
        return Labels.of("plugin_id", p.id(), "type", p.type());
    }
}
