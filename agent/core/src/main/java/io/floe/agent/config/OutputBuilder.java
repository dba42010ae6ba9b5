package io.floe.agent.config;

import io.floe.agent.pipeline.BufferConfig;
import io.floe.agent.pipeline.BufferedSink;
import io.floe.agent.pipeline.ChunkBackup;
import io.floe.agent.pipeline.ChunkKeys;
import io.floe.agent.pipeline.CopySink;
import io.floe.agent.pipeline.DirectSink;
import io.floe.agent.pipeline.RelabelSink;
import io.floe.agent.pipeline.Sink;
import io.floe.api.Output;
import io.floe.api.config.Binder;
import io.floe.api.config.Durations;
import io.floe.buffer.BufferLimits;
import io.floe.buffer.MemoryChunkBuffer;
import io.floe.buffer.file.FileChunkBuffer;
import java.nio.file.Path;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds what a {@code <match>} or {@code <store>} sends to: {@code copy} with its stores,
 * {@code relabel}, or an output plugin, direct or behind a {@code <buffer>} (written, synthesized from
 * v0.12 flat parameters, or the plugin's default).
 */
final class OutputBuilder {
    private final PluginRegistry registry;
    private final Binder binder;
    private final PipelineBuilder pipeline;

    OutputBuilder(PluginRegistry registry, Binder binder, PipelineBuilder pipeline) {
        this.registry = registry;
        this.binder = binder;
        this.pipeline = pipeline;
    }

    Sink buildMatch(ConfigElement e, String id) {
        String type = pipeline.typeOf(e);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "copy" -> buildCopy(e, id);
            case "relabel" -> buildRelabel(e, id);
            default -> buildOutput(e, id, type);
        };
    }

    private Sink buildCopy(ConfigElement e, String id) {
        e.get("copy_mode");
        e.markUsed("<store>");
        PluginContextImpl ctx = pipeline.context(e, id, "copy", () -> null);
        List<CopySink.Store> stores = new ArrayList<>();
        List<ConfigElement> storeSections = e.children("store");
        if (storeSections.isEmpty()) {
            binder.error(e.location(), "<match " + e.arg() + "> with @type copy needs at least one <store>");
        }
        for (ConfigElement child : e.children()) {
            if (!child.name().equals("store") && !PipelineBuilder.TOP_LEVEL.contains(child.name())) {
                binder.error(child.location(), "<" + child.name() + "> is not allowed in a copy <match>; put it inside a <store>");
            }
        }
        pipeline.checkPlacement(e);
        for (int i = 0; i < storeSections.size(); i++) {
            ConfigElement s = storeSections.get(i);
            pipeline.checkPlacement(s);
            List<String> flags = List.of(s.arg().trim().split("\\s+"));
            boolean ignoreIfPrev = flags.contains("ignore_if_prev_success");
            if (ignoreIfPrev && i == 0) {
                binder.error(s.location(), "ignore_if_prev_success must not be set on the first <store>");
            }
            Sink sink = buildMatch(s, pipeline.pluginId(s));
            if (sink != null) {
                stores.add(new CopySink.Store(sink, flags.contains("ignore_error"), ignoreIfPrev));
            }
        }
        CopySink copy = new CopySink(stores, ctx.metrics(), ctx.log());
        pipeline.registerOutput(id, "copy", ctx, null, copy, new ConfigElement(e.name(), e.arg(), e.location()));
        UnusedParams.warn(paramsOnly(e), pipeline.diagnostics());
        return copy;
    }

    /** The section's own parameters without its stores, which are checked one by one. */
    private static ConfigElement paramsOnly(ConfigElement e) {
        ConfigElement copy = new ConfigElement(e.name(), e.arg(), e.location());
        e.params().forEach((k, v) -> {
            copy.put(k, v);
            if (e.isUsed(k)) {
                copy.markUsed(k);
            }
        });
        return copy;
    }

    private Sink buildRelabel(ConfigElement e, String id) {
        pipeline.checkPlacement(e);
        ConfigValue v = e.peek("@label");
        String label = pipeline.labelOf(e);
        if (v == null) {
            binder.error(e.location(), "@type relabel needs @label");
            return null;
        }
        PluginContextImpl ctx = pipeline.context(e, id, "relabel", () -> null);
        RelabelSink sink = new RelabelSink(() -> pipeline.label(label), ctx.metrics());
        pipeline.registerOutput(id, "relabel", ctx, null, sink, e);
        return sink;
    }

    private Sink buildOutput(ConfigElement e, String id, String type) {
        pipeline.checkPlacement(e);
        Class<?> cls = registry.find(PluginRegistry.Kind.OUTPUT, type);
        if (cls == null) {
            pipeline.unknownType(e, PluginRegistry.Kind.OUTPUT, type);
            return null;
        }
        PluginContextImpl ctx = pipeline.context(e, id, type, () -> null);
        ConfigElement legacy = LegacyBufferParams.extract(e, ctx.log());
        e.markUsed("<buffer>");
        e.markUsed("<secondary>");
        Duration slow = slowFlushThreshold(e);
        Output out = (Output) registry.create(cls, e, ctx, binder);
        Output secondary = buildSecondary(e, id);
        if (out == null) {
            return null;
        }
        List<ConfigElement> written = e.children("buffer");
        if (written.size() > 1) {
            binder.error(written.get(1).location(), "only one <buffer> section is allowed");
        }
        ConfigElement bufferSection = !written.isEmpty() ? written.get(0) : legacy;
        if (bufferSection == null && out.bufferedByDefault()) {
            bufferSection = new ConfigElement("buffer", "", e.location());
            if (out.bufferDefaults().containsKey("timekey")) {
                pipeline.diagnostics().warn(e.location(), "default timekey interval (" + out.bufferDefaults().get("timekey")
                        + ") will be used because of missing <buffer> section. To change the output frequency, please modify the timekey value");
            }
        }
        Sink sink;
        if (bufferSection == null) {
            sink = new DirectSink(out, ctx.metrics(), pipeline.diagnosticsErrorSink());
        } else {
            sink = buffered(bufferSection, out, secondary, ctx, slow, e.peek("@id") != null || e.peek("id") != null);
            if (sink == null) {
                return null;
            }
        }
        pipeline.registerOutput(id, type, ctx, out, sink, e);
        return sink;
    }

    private Duration slowFlushThreshold(ConfigElement e) {
        ConfigValue v = e.get("slow_flush_log_threshold");
        if (v == null) {
            return Duration.ofSeconds(20);
        }
        try {
            return Durations.parse(v.text());
        } catch (IllegalArgumentException ex) {
            binder.error(v.location(), "invalid value for 'slow_flush_log_threshold': " + ex.getMessage());
            return Duration.ofSeconds(20);
        }
    }

    private Output buildSecondary(ConfigElement e, String id) {
        List<ConfigElement> secs = e.children("secondary");
        if (secs.isEmpty()) {
            return null;
        }
        ConfigElement s = secs.get(0);
        String type = pipeline.typeOf(s);
        if (type == null) {
            return null;
        }
        Class<?> cls = registry.find(PluginRegistry.Kind.OUTPUT, type);
        if (cls == null) {
            pipeline.unknownType(s, PluginRegistry.Kind.OUTPUT, type);
            return null;
        }
        PluginContextImpl ctx = pipeline.context(s, id + ".secondary", type, () -> null);
        return (Output) registry.create(cls, s, ctx, binder);
    }

    private Sink buffered(ConfigElement section, Output out, Output secondary, PluginContextImpl ctx, Duration slow, boolean explicitId) {
        ConfigElement withDefaults = withDefaults(section, out.bufferDefaults());
        BufferConfig cfg = binder.bind(BufferConfig.class, withDefaults);
        if (cfg == null) {
            return null;
        }
        for (String k : section.params().keySet()) {
            if (withDefaults.isUsed(k)) {
                section.markUsed(k);
            }
        }
        if (!cfg.isFile() && !"memory".equals(cfg.type())) {
            binder.error(section.location(), "unknown buffer @type '" + cfg.type() + "'; use file or memory");
            return null;
        }
        ZoneId zone = cfg.timekeyUseUtc() ? ZoneOffset.UTC
                : cfg.timekeyZone() != null ? parseZone(cfg.timekeyZone(), section) : ZoneId.systemDefault();
        ChunkKeys keys;
        try {
            boolean timeKey = List.of(withDefaults.arg().split(",")).stream().map(String::trim).anyMatch("time"::equals);
            if (timeKey && cfg.timekey() == null) {
                binder.error(section.location(), "<buffer " + withDefaults.arg() + "> has the time chunk key but no timekey");
                return null;
            }
            keys = ChunkKeys.parse(withDefaults.arg(), timeKey ? Math.max(1, cfg.timekey().toSeconds()) : -1, zone);
        } catch (IllegalArgumentException ex) {
            binder.error(section.location(), ex.getMessage());
            return null;
        }
        BufferLimits limits = new BufferLimits(cfg.chunkLimitBytes(), cfg.chunkLimitRecords() == null ? 0 : cfg.chunkLimitRecords(),
                memoryCapped(cfg, ctx), cfg.overflowAction());
        ChunkBackup backup = new ChunkBackup(pipeline.dataDir().resolve("backup").resolve("worker0").resolve(ctx.id()), ctx.log());
        BufferedSink.BufferFactory buffer = cfg.isFile() ? fileBuffer(cfg, limits, ctx, explicitId, backup) : () -> new MemoryChunkBuffer(limits);
        return new BufferedSink(out, secondary, buffer, cfg, keys, ctx.metrics(), pipeline.diagnosticsErrorSink(), backup, slow, ctx.log());
    }

    /**
     * A memory buffer lives on the heap, which the launcher keeps small (a node agent's memory limit is
     * tight): its total is capped at half the heap, so a slow output meets overflow_action, not an
     * OutOfMemoryError.
     */
    private long memoryCapped(BufferConfig cfg, PluginContextImpl ctx) {
        long total = cfg.totalLimitBytes();
        long cap = Runtime.getRuntime().maxMemory() / 2;
        if (cfg.isFile() || total <= cap) {
            return total;
        }
        if (cfg.totalLimitSize() != null) {
            pipeline.diagnostics().warn(ctx.location(), "memory buffer total_limit_size " + total + " of " + ctx.id()
                    + " exceeds half the heap; capped at " + cap + " bytes (raise FLOE_HEAP, or use @type file)");
        }
        return cap;
    }

    private BufferedSink.BufferFactory fileBuffer(BufferConfig cfg, BufferLimits limits, PluginContextImpl ctx, boolean explicitId, ChunkBackup backup) {
        Path dir = cfg.path() != null ? Path.of(cfg.path())
                : pipeline.dataDir().resolve("worker0").resolve(ctx.id()).resolve("buffer");
        if (cfg.path() == null && !explicitId) {
            pipeline.diagnostics().warn(ctx.location(), "output " + ctx.id() + " has no @id: its file buffer is at " + dir
                    + ", a path that changes when outputs are added or moved; give it an @id so buffered events are found after such edits");
        }
        return () -> {
            ctx.log().info("file buffer at {}", dir);
            // What start-up finds damaged in the buffer's files goes to the backup directory, as failed chunks do.
            return FileChunkBuffer.open(dir, limits, cfg.syncMode(), cfg.syncInterval(), ctx.log(), FileChunkBuffer.DEFAULT_SPACE_RESERVE,
                    backup);
        };
    }

    private ZoneId parseZone(String text, ConfigElement at) {
        try {
            return text.matches("[+-]\\d{2}:?\\d{2}") ? ZoneOffset.of(text.length() == 5 ? text.substring(0, 3) + ":" + text.substring(3) : text)
                    : ZoneId.of(text);
        } catch (RuntimeException e) {
            binder.error(at.location(), "invalid timekey_zone '" + text + "'");
            return ZoneOffset.UTC;
        }
    }

    /** The section with the plugin's defaults filled in where the user wrote nothing. */
    private static ConfigElement withDefaults(ConfigElement section, Map<String, String> defaults) {
        String arg = section.arg().isBlank() && defaults.containsKey("chunk_keys") ? defaults.get("chunk_keys") : section.arg();
        ConfigElement out = new ConfigElement(section.name(), arg, section.location());
        section.params().forEach(out::put);
        defaults.forEach((k, v) -> {
            if (!k.equals("chunk_keys") && out.peek(k) == null) {
                out.put(k, ConfigValue.bare(v, Location.builtIn("plugin default")));
            }
        });
        return out;
    }
}
