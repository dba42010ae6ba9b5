package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.agent.pipeline.BufferConfig;
import io.floe.agent.pipeline.BufferedSink;
import io.floe.agent.pipeline.ChunkBackup;
import io.floe.agent.pipeline.ChunkKeys;
import io.floe.agent.pipeline.Sink;
import io.floe.api.Output;
import io.floe.buffer.BufferLimits;
import io.floe.buffer.MemoryChunkBuffer;
import io.floe.buffer.file.FileChunkBuffer;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Puts an output behind the buffer its {@code <buffer>} section describes (with the plugin's defaults
 * where the user wrote nothing): chunk keys, limits, memory or file storage, and the backup directory.
 */
record BufferBuilder(Binder binder, PluginSections sections) {

    /** The sink for {@code out} behind the buffer {@code section} describes; null when the section has errors (collected in the binder). */
    Sink build(ConfigElement section, Output out, Output secondary, PluginContextImpl ctx, Duration slow, boolean explicitId) {
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
        ChunkBackup backup = new ChunkBackup(sections.dataDir().resolve("backup").resolve("worker0").resolve(ctx.id()), ctx.log());
        BufferedSink.BufferFactory buffer = cfg.isFile() ? fileBuffer(cfg, limits, ctx, explicitId, backup) : () -> new MemoryChunkBuffer(limits);
        return new BufferedSink(out, secondary, buffer, cfg, keys, ctx.metrics(), sections.errorSink(), backup, slow, ctx.log());
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
            sections.diagnostics().warn(ctx.location(), "memory buffer total_limit_size " + total + " of " + ctx.id()
                    + " exceeds half the heap; capped at " + cap + " bytes (raise FLOE_HEAP, or use @type file)");
        }
        return cap;
    }

    private BufferedSink.BufferFactory fileBuffer(BufferConfig cfg, BufferLimits limits, PluginContextImpl ctx, boolean explicitId, ChunkBackup backup) {
        Path dir = cfg.path() != null ? Path.of(cfg.path())
                : sections.dataDir().resolve("worker0").resolve(ctx.id()).resolve("buffer");
        if (cfg.path() == null && !explicitId) {
            sections.diagnostics().warn(ctx.location(), "output " + ctx.id() + " has no @id: its file buffer is at " + dir
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
