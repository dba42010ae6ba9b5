package io.floe.inputs.monitor;

import io.floe.api.Input;
import io.floe.api.Plugin;
import io.floe.api.PluginContext;
import io.floe.api.config.Param;
import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpRoutes;
import io.floe.codec.event.EventStream;
import io.floe.codec.event.EventStreamWriter;
import io.floe.codec.event.EventTime;
import io.floe.api.monitor.PluginStatus;
import io.floe.inputs.HandedOverMount;
import io.floe.inputs.TimerEmit;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Fluentd's in_monitor_agent: the plugins' counters, buffers and retry state over HTTP in Fluentd's
 * shape, and optionally as events every {@code emit_interval}. The same port serves Prometheus text at
 * {@code /metrics} under fluent-plugin-prometheus's names, {@code /healthz} and {@code /readyz} for
 * Kubernetes, and the status page at {@code /}. Every request reads the configuration running at that
 * moment.
 */
@Plugin(type = "monitor_agent", desc = "Serves plugin metrics (Fluentd's monitor_agent JSON/LTSV), Prometheus /metrics, /healthz and /readyz.")
public final class MonitorAgentInput implements Input {

    public record Config(
            @Param(desc = "The address to listen on.", dflt = "0.0.0.0")
            String bind,
            @Param(desc = "The HTTP port; 0 picks a free one.", dflt = "24220")
            int port,
            @Param(desc = "When set, the plugins' records are also emitted as events with this tag every emit_interval.", dflt = Param.NULL)
            String tag,
            @Param(desc = "How often to emit with tag.", dflt = "60s")
            Duration emitInterval,
            @Param(desc = "Include each plugin's config in emitted events.", dflt = "false")
            boolean emitConfig,
            @Param(desc = "Show each plugin's config (secrets masked) in /api/plugins.json unless ?with_config=false.", dflt = "true")
            boolean includeConfig,
            @Param(desc = "Show each output's retry state in /api/plugins.json unless ?with_retry=false.", dflt = "true")
            boolean includeRetry,
            @Param(desc = "Floe: /readyz answers 503 while an output has been retrying for longer than this.", dflt = "60s")
            Duration readyRetryThreshold) {
    }

    private final Config config;
    private final PluginContext ctx;
    private final PluginInfo info = new PluginInfo(ZoneId.systemDefault());
    private final HandedOverMount mount;
    private ScheduledExecutorService emitter;

    public MonitorAgentInput(Config config, PluginContext ctx) {
        if (config.port() < 0 || config.port() > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + config.port());
        }
        if (config.tag() != null && config.emitInterval().isZero()) {
            throw new IllegalArgumentException("emit_interval must be positive");
        }
        this.config = config;
        this.ctx = ctx;
        this.mount = new HandedOverMount(ctx, "monitor_agent http " + config.bind() + ":" + config.port());
    }

    @Override
    public void start() throws Exception {
        HttpRoutes routes = HttpRoutes.builder()
                .include(new MonitorApi(ctx.monitor(), info, config.includeConfig(), config.includeRetry()).routes())
                .include(ctx.http().agentPages(config.readyRetryThreshold()))
                .build();
        int port = mount.open(config.bind(), config.port(), "monitor_agent-" + ctx.id(), routes, HttpMountOptions.DEFAULT);
        ctx.log().info("listening monitoring http server on http://{}:{}/api/plugins", config.bind(), port);
        if (config.tag() != null) {
            emitter = Executors.newSingleThreadScheduledExecutor(daemon("monitor_agent-" + ctx.id() + "-emit"));
            long every = config.emitInterval().toMillis();
            emitter.scheduleAtFixedRate(this::emitPlugins, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Fluentd emits one event per plugin, with the config only under emit_config and never the retry state. */
    private void emitPlugins() {
        try {
            EventStreamWriter w = new EventStreamWriter();
            EventTime now = EventTime.now();
            for (PluginStatus p : ctx.monitor().plugins()) {
                w.add(now, info.of(p, config.emitConfig(), false));
            }
            if (w.isEmpty()) {
                return;
            }
            EventStream events = w.build();
            TimerEmit.send(ctx, config.tag(), events);
        } catch (RuntimeException e) {
            ctx.log().error("could not emit the plugins' metrics: {}", e.toString());
        }
    }

    /** The port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return mount.port();
    }

    /**
     * Hands the mount to the agent instead of closing it: a reload's new monitor_agent on the same
     * address takes it over (the port keeps answering in between, from the running configuration),
     * otherwise the agent closes it.
     */
    @Override
    public void stop() {
        if (emitter != null) {
            emitter.shutdownNow();
        }
        mount.leave();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
