package io.floe.agent;

import io.floe.agent.config.ConfigErrors;
import io.floe.agent.config.PipelineBuilder;
import io.floe.agent.config.PluginRegistry;
import io.floe.agent.pipeline.Pipeline;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.conf.ConfigDump;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigLoader;
import io.floe.conf.Diagnostics;
import io.floe.conf.FluentConfParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: loads a configuration, runs its pipeline, flushes on request, reloads by building
 * and validating the new pipeline before the old one is stopped, and stops gracefully.
 */
public final class Agent {
    public static final String EMBEDDED = "<embedded default>";

    private final Path configFile;
    private final Path dataDirOverride;
    private final PluginRegistry registry;
    private final Logger log = LoggerFactory.getLogger("floe");
    // Volatile: the monitor reads it without the agent's lock, so probes answer during a reload.
    private volatile Pipeline running;
    private volatile Path dataDir;
    private final io.floe.agent.monitor.PipelineMonitor monitor = new io.floe.agent.monitor.PipelineMonitor(() -> running, this::info);
    private final io.floe.agent.monitor.KeptResources kept = new io.floe.agent.monitor.KeptResources(log);

    /** @param configFile the config, or null for the embedded default */
    public Agent(Path configFile, Path dataDirOverride, PluginRegistry registry) {
        this.configFile = configFile;
        this.dataDirOverride = dataDirOverride;
        this.registry = registry;
    }

    /** Parses and builds the configuration without starting anything; warnings are logged. */
    public PipelineBuilder.Built load() throws ConfigErrors {
        Diagnostics diag = new Diagnostics();
        ConfigElement root = parse(diag);
        try {
            PipelineBuilder.Built built = new PipelineBuilder(registry, diag, dataDirOverride).monitor(monitor).handover(kept).build(root);
            if (!(built.system() != null && built.system().suppressConfigDump())) {
                log.debug("using configuration file: {}", ConfigDump.dump(root, true));
            }
            return built;
        } finally {
            diag.warnings().forEach(w -> log.warn("{}", w));
        }
    }

    private ConfigElement parse(Diagnostics diag) throws ConfigErrors {
        try {
            if (configFile != null) {
                return ConfigLoader.load(configFile, diag);
            }
            try (InputStream in = Agent.class.getResourceAsStream("default.conf")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return FluentConfParser.parse(text, EMBEDDED, Path.of("."), diag);
            }
        } catch (ConfigException e) {
            throw new ConfigErrors(java.util.List.of(e));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded configuration", e);
        }
    }

    public String configName() {
        return configFile == null ? EMBEDDED : configFile.toString();
    }

    public synchronized void start() throws Exception {
        PipelineBuilder.Built built = load();
        log.info("using configuration file {}", configName());
        log.info("data directory {}", built.dataDir());
        dataDir = built.dataDir();
        built.pipeline().start();
        running = built.pipeline();
        log.info("floe worker is now running worker=0");
    }

    /** SIGUSR1: write everything buffered now. */
    public synchronized void flush() {
        log.info("force flushing buffered events");
        if (running != null) {
            running.flushNow();
        }
    }

    /**
     * SIGHUP/SIGUSR2: a new configuration that does not validate is refused and the running one keeps
     * going. Otherwise the old pipeline stops (memory buffers flushed) and the new one starts.
     */
    public synchronized boolean reload() {
        PipelineBuilder.Built next;
        try {
            next = load();
        } catch (ConfigErrors e) {
            log.error("reload refused, the running configuration stays: {}", e.getMessage());
            return false;
        } catch (RuntimeException e) {
            log.error("reload refused, the running configuration stays: {}", e.toString());
            return false;
        }
        log.info("reloading configuration {}", configName());
        if (running != null) {
            running.stop();
        }
        try {
            dataDir = next.dataDir();
            next.pipeline().start();
            running = next.pipeline();
            kept.closeUnclaimed();
            log.info("configuration reloaded");
            return true;
        } catch (Exception e) {
            log.error("the reloaded configuration failed to start: {}", e.toString());
            next.pipeline().stop();
            running = null;
            kept.closeUnclaimed();
            return false;
        }
    }

    public synchronized void stop() {
        if (running == null) {
            return;
        }
        log.info("shutting down");
        running.stop();
        kept.closeUnclaimed();
        for (PluginUnit u : running.plugins()) {
            if (!u.category().equals("filter")) {
                log.info("{} plugin_id=\"{}\" type=\"{}\" emit_records={} emit_count={} write_count={} retry_count={} num_errors={}",
                        u.category(), u.id(), u.type(), u.metrics().emitRecords.sum(), u.metrics().emitCount.sum(),
                        u.metrics().writeCount.sum(), u.metrics().retryCount.sum(), u.metrics().numErrors.sum());
            }
        }
        running = null;
        log.info("shutdown complete");
    }

    public synchronized Pipeline pipeline() {
        return running;
    }

    /** The running agent as monitor_agent, /metrics and the probes read it. */
    public io.floe.api.monitor.AgentMonitor monitor() {
        return monitor;
    }

    /** monitor_agent's /api/config.json: Fluentd shows pid, ppid, version and the supervisor's options. */
    private java.util.Map<String, Object> info() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("ppid", ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        m.put("version", java.util.Optional.ofNullable(Agent.class.getPackage().getImplementationVersion()).orElse("dev"));
        m.put("config_path", configName());
        m.put("root_dir", dataDir == null ? null : dataDir.toString());
        m.put("workers", 1);
        return m;
    }
}
