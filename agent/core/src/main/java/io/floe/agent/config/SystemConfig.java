package io.floe.agent.config;

import io.floe.api.config.Param;
import io.floe.api.config.Section;

/** The {@code <system>} section: agent-wide settings. */
public record SystemConfig(
        @Param(desc = "Directory for buffers, positions and backups of plugins that do not name their own.", dflt = Param.NULL)
        String rootDir,
        @Param(desc = "The agent's own log level: trace, debug, info, warn, error, fatal.", dflt = Param.NULL)
        String logLevel,
        @Param(desc = "Do not print the configuration at start-up.", dflt = "false")
        boolean suppressConfigDump,
        @Param(desc = "Do not start any input (for testing outputs).", dflt = "false")
        boolean withoutSource,
        @Param(desc = "Accepted for compatibility; Floe runs one worker.", dflt = "1")
        int workers,
        @Param(desc = "Accepted for compatibility.", dflt = Param.NULL)
        String processName,
        @Param(desc = "Accepted for compatibility.", dflt = "false")
        boolean suppressRepeatedStacktrace,
        @Param(desc = "Accepted for compatibility.", dflt = Param.NULL)
        String emitErrorLogInterval,
        @Param(desc = "Drop a log line identical to the previous one (same thread) written less than this long ago.", dflt = Param.NULL)
        java.time.Duration ignoreRepeatedLogInterval,
        @Param(desc = "Drop a log line identical to any written less than this long ago.", dflt = Param.NULL)
        java.time.Duration ignoreSameLogInterval,
        @Param(desc = "Accepted for compatibility.", dflt = Param.NULL)
        String dirPermission,
        @Param(desc = "Accepted for compatibility.", dflt = Param.NULL)
        String filePermission,
        @Param(desc = "HTTP endpoint for reload and flush (host:port).", dflt = Param.NULL)
        String rpcEndpoint,
        @Param(desc = "Accepted for compatibility.", dflt = "false")
        boolean enableInputMetrics,
        @Param(desc = "Accepted for compatibility.", dflt = "false")
        boolean enableSizeMetrics,
        @Section(name = "log", desc = "The agent's own log: its format.")
        SystemLogConfig log) {

    /** {@code <system><log>}. */
    public record SystemLogConfig(
            @Param(desc = "text (Fluentd's line format) or json.", dflt = "text")
            String format,
            @Param(desc = "Accepted for compatibility; the time is written as 2026-11-21 04:43:04 +0000.", dflt = Param.NULL)
            String timeFormat) {
    }
}
