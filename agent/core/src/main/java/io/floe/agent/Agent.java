package io.floe.agent;

import io.floe.agent.config.ConfigErrors;
import io.floe.agent.config.PipelineBuilder;
import io.floe.agent.config.PluginRegistry;
import io.floe.agent.config.SystemConfig;
import io.floe.agent.http.HttpListeners;
import io.floe.agent.logging.AgentLogging;
import io.floe.agent.monitor.AgentPages;
import io.floe.agent.monitor.PipelineMonitor;
import io.floe.agent.pipeline.HandoverShelf;
import io.floe.agent.pipeline.Pipeline;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.agent.routing.FluentLogRoute;
import io.floe.api.http.AgentHttp;
import io.floe.api.monitor.AgentMonitor;
import io.floe.conf.ConfigDump;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.ConfigLoader;
import io.floe.conf.parse.FluentConfParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final HandoverShelf handover = new HandoverShelf(log);
    // Volatile: the monitor reads it without the agent's lock, so probes answer during a reload.
    private volatile Pipeline running;
    private volatile Path dataDir;
    /** The configuration the running pipeline was built from, to go back to when a new one fails to start. */
    private ConfigElement runningRoot;
    private SystemConfig system;
    private final PipelineMonitor monitor = new PipelineMonitor(() -> running, this::info);
    /** The one HTTP server: monitor_agent and the RPC endpoint mount on it; a listener closes with its last mount. */
    private final HttpListeners http = new HttpListeners(new AgentPages(monitor)::routes);

    /** @param configFile the config, or null for the embedded default */
    public Agent(Path configFile, Path dataDirOverride, PluginRegistry registry) {
        this.configFile = configFile;
        this.dataDirOverride = dataDirOverride;
        this.registry = registry;
    }

    /** Parses and builds the configuration without starting anything; warnings are logged. */
    public PipelineBuilder.Built load() throws ConfigErrors {
        Diagnostics diag = new Diagnostics();
        return build(parse(diag), diag);
    }

    private PipelineBuilder.Built build(ConfigElement root, Diagnostics diag) throws ConfigErrors {
        try {
            PipelineBuilder.Built built = new PipelineBuilder(registry, diag, dataDirOverride, handover).monitor(monitor).http(http).build(root);
            if (!(built.system() != null && built.system().suppressConfigDump())) {
                dumpConfig(root);
            }
            return built;
        } finally {
            diag.warnings().forEach(w -> log.warn("{}", w));
        }
    }

    /**
     * Fluentd's config dump, a log line per config line (every log line is one line). The lines are the
     * operator's own text, secrets masked, so they are the messages themselves: quotes stay as written.
     */
    private void dumpConfig(ConfigElement root) {
        if (log.isDebugEnabled()) {
            log.debug("using configuration file:");
            ConfigDump.dump(root, registry.secretParams()::contains).lines().forEach(log::debug);
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
            throw new ConfigErrors(List.of(e));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded configuration", e);
        }
    }

    public String configName() {
        return configFile == null ? EMBEDDED : configFile.toString();
    }

    public synchronized void start() throws Exception {
        Diagnostics diag = new Diagnostics();
        ConfigElement root = parse(diag);
        PipelineBuilder.Built built = build(root, diag);
        log.info("using configuration file {}", configName());
        log.info("data directory {}", built.dataDir());
        applyLogging(built);
        dataDir = built.dataDir();
        try {
            built.pipeline().start();
        } catch (Exception e) {
            built.pipeline().stop();
            handover.closeLeftOver();
            throw e;
        }
        running = built.pipeline();
        runningRoot = root;
        system = built.system();
        AgentLogging.routeFluentLog(FluentLogRoute.of(running.labels()));
        log.info("floe worker is now running worker=0");
    }

    /**
     * A configuration's {@code <system>} log settings and its plugins' {@code @log_level}s, applied just
     * before its plugins start so their first lines follow them.
     */
    private static void applyLogging(PipelineBuilder.Built built) {
        AgentLogging.pluginLevels(built.pluginLogLevels());
        SystemConfig system = built.system();
        if (system != null) {
            AgentLogging.applySystem(system.logLevel(), system.log() == null ? null : system.log().format(),
                    system.ignoreRepeatedLogInterval(), system.ignoreSameLogInterval());
        }
    }

    /** SIGUSR1: write everything buffered now. */
    public synchronized void flush() {
        log.info("force flushing buffered events");
        if (running != null) {
            running.flushNow();
        }
    }

    /** The outcome of a reload: {@code error} says why the new configuration is not running. */
    public record Reloaded(boolean ok, String error) {
    }

    /**
     * SIGHUP/SIGUSR2 and {@code /api/config.reload}: a new configuration that does not validate is
     * refused and the running one keeps going. Otherwise the old pipeline stops (inputs first: the
     * forward listener stops accepting but stays bound; then outputs: memory buffers flushed, file
     * buffers closed), the new one starts (outputs first, reopening the same buffers; inputs take the
     * listeners over) and listeners nobody took are closed. Clients connecting meanwhile wait in the
     * listen backlog. Should the new pipeline fail to start, the previous configuration is started again.
     */
    public synchronized Reloaded reload() {
        Diagnostics diag = new Diagnostics();
        ConfigElement root;
        PipelineBuilder.Built next;
        try {
            root = parse(diag);
            next = build(root, diag);
        } catch (ConfigErrors e) {
            log.error("reload refused, the running configuration stays: {}", e.getMessage());
            return new Reloaded(false, e.getMessage());
        } catch (RuntimeException e) {
            log.error("reload refused, the running configuration stays: {}", e.toString());
            return new Reloaded(false, e.toString());
        }
        log.info("reloading configuration {}", configName());
        AgentLogging.routeFluentLog(null);
        if (running != null) {
            running.stop();
            running = null;
        }
        try {
            applyLogging(next);
            dataDir = next.dataDir();
            next.pipeline().start();
            running = next.pipeline();
            runningRoot = root;
            system = next.system();
            AgentLogging.routeFluentLog(FluentLogRoute.of(running.labels()));
            log.info("configuration reloaded");
            return new Reloaded(true, null);
        } catch (Exception e) {
            log.error("the reloaded configuration failed to start, going back to the previous one: {}", e.toString());
            next.pipeline().stop();
            restartPrevious();
            return new Reloaded(false, "the new configuration failed to start: " + e);
        } finally {
            handover.closeLeftOver();
        }
    }

    private void restartPrevious() {
        if (runningRoot == null) {
            return;
        }
        try {
            PipelineBuilder.Built previous = build(runningRoot, new Diagnostics());
            applyLogging(previous);
            previous.pipeline().start();
            running = previous.pipeline();
            AgentLogging.routeFluentLog(FluentLogRoute.of(running.labels()));
            log.info("the previous configuration is running again");
        } catch (Exception e) {
            log.error("the previous configuration failed to start again, nothing is running: {}", e.toString());
        }
    }

    public synchronized void stop() {
        if (running == null) {
            return;
        }
        log.info("shutting down");
        AgentLogging.routeFluentLog(null);
        running.stop();
        handover.closeLeftOver();
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

    /** The {@code <system>} section of the running configuration, or null before start. */
    public synchronized SystemConfig system() {
        return system;
    }

    /** The running agent as monitor_agent, /metrics and the probes read it. */
    public AgentMonitor monitor() {
        return monitor;
    }

    /** The agent's HTTP server, on which the RPC endpoint and plugins mount their routes. */
    public AgentHttp http() {
        return http;
    }

    /** monitor_agent's /api/config.json: Fluentd shows pid, ppid, version and the supervisor's options. */
    private Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("ppid", ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        m.put("version", Optional.ofNullable(Agent.class.getPackage().getImplementationVersion()).orElse("dev"));
        m.put("config_path", configName());
        m.put("root_dir", dataDir == null ? null : dataDir.toString());
        m.put("workers", 1);
        return m;
    }
}
