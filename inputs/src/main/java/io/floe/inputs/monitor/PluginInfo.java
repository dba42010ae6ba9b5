package io.floe.inputs.monitor;

import io.floe.api.PluginMetrics;
import io.floe.api.monitor.BufferStatus;
import io.floe.api.monitor.PluginStatus;
import io.floe.api.monitor.RetryStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One plugin's entry in {@code /api/plugins.json}, with Fluentd 1.19's keys, value types and key
 * order (the samples under shared/compat/fluentd-monitor-agent are what a real Fluentd returned).
 */
final class PluginInfo {
    /** Ruby's Time#to_s, which monitor_agent uses for the retry times: {@code 2026-11-21 04:46:46 +0000}. */
    private static final DateTimeFormatter RUBY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    private final ZoneId zone;

    PluginInfo(ZoneId zone) {
        this.zone = zone;
    }

    Map<String, Object> of(PluginStatus p, boolean withConfig, boolean withRetry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugin_id", p.id());
        m.put("plugin_category", p.category());
        m.put("type", p.type());
        if (withConfig) {
            m.put("config", p.config());
        }
        m.put("output_plugin", p.isOutput());
        PluginMetrics c = p.metrics();
        BufferStatus b = p.buffer();
        if (b != null) {
            m.put("buffer_queue_length", b.queueLength());
            m.put("buffer_timekeys", b.timekeys());
            m.put("buffer_total_queued_size", b.totalQueuedBytes());
        }
        m.put("retry_count", p.isOutput() ? c.retryCount.sum() : null);
        m.put("emit_records", c.emitRecords.sum());
        // Fluentd counts emit_size only with <system> enable_size_metrics; Floe does not count it.
        m.put("emit_size", 0);
        if (!p.isOutput()) {
            return m;
        }
        m.put("emit_count", c.emitCount.sum());
        m.put("write_count", c.writeCount.sum());
        m.put("write_secondary_count", 0);
        m.put("rollback_count", c.rollbackCount.sum());
        m.put("slow_flush_count", c.slowFlushCount.sum());
        m.put("flush_time_count", c.flushTimeCount.sum());
        m.put("drop_oldest_chunk_count", b == null ? 0 : b.droppedChunks());
        if (b != null) {
            m.put("buffer_stage_length", b.stageLength());
            m.put("buffer_stage_byte_size", b.stageBytes());
            m.put("buffer_queue_byte_size", b.queueBytes());
            m.put("buffer_available_buffer_space_ratios", b.availableSpaceRatio());
            if (!b.timekeys().isEmpty()) {
                m.put("buffer_oldest_timekey", b.timekeys().get(0));
                m.put("buffer_newest_timekey", b.timekeys().get(b.timekeys().size() - 1));
            }
        }
        p.plugin().monitorFields().forEach(m::putIfAbsent);
        if (withRetry) {
            m.put("retry", retry(p.retry()));
        }
        return m;
    }

    private Map<String, Object> retry(RetryStatus r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r != null) {
            m.put("start", time(r.startMillis()));
            m.put("steps", r.steps());
            m.put("next_time", time(r.nextMillis()));
        }
        return m;
    }

    private String time(long millis) {
        return RUBY_TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
