package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.agent.pipeline.ErrorSink;
import io.floe.agent.pipeline.InputUnit;
import io.floe.agent.pipeline.Pipeline;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.agent.pipeline.Sink;
import io.floe.agent.routing.FilterUnit;
import io.floe.agent.routing.Label;
import io.floe.agent.routing.MatchPattern;
import io.floe.agent.routing.MatchRule;
import io.floe.agent.routing.Rule;
import io.floe.api.Filter;
import io.floe.api.Handover;
import io.floe.api.Input;
import io.floe.codec.event.EventStream;
import io.floe.api.http.AgentHttp;
import io.floe.api.monitor.AgentMonitor;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a parsed configuration into a {@link Pipeline}: checks where each section stands, resolves
 * {@code @type}s, binds and constructs every plugin, wires {@code <match>}/{@code <filter>} rules into
 * labels. Nothing is started and no port or file is opened, so {@code --dry-run} runs exactly this.
 * All errors are collected and thrown together.
 */
public final class PipelineBuilder {
    private final PluginRegistry registry;
    private final Diagnostics diag;
    private final Path dataDirOverride;
    private final Binder binder = new Binder();
    private final Map<String, Location> ids = new HashMap<>();
    private final Map<String, String> pluginLogLevels = new HashMap<>();
    private final Map<String, Label> labels = new LinkedHashMap<>();
    private final Set<String> labelNames = new HashSet<>();
    private final List<InputUnit> inputs = new ArrayList<>();
    private final List<FilterUnit> filters = new ArrayList<>();
    private final List<Sink> sinks = new ArrayList<>();
    private final List<PluginUnit> plugins = new ArrayList<>();
    private final List<ConfigElement> checkedForUnused = new ArrayList<>();
    private PluginSections sections;
    private Path dataDir;
    private final ErrorSink errorSink = this::emitError;
    private final Logger log = LoggerFactory.getLogger("floe");
    private AgentMonitor monitor = AgentMonitor.none();
    private AgentHttp http = AgentHttp.NONE;
    private final Handover handover;

    public PipelineBuilder(PluginRegistry registry, Diagnostics diag, Path dataDirOverride) {
        this(registry, diag, dataDirOverride, Handover.NONE);
    }

    /** @param handover where the plugins leave and take listeners across reloads */
    public PipelineBuilder(PluginRegistry registry, Diagnostics diag, Path dataDirOverride, Handover handover) {
        this.registry = registry;
        this.diag = diag;
        this.dataDirOverride = dataDirOverride;
        this.handover = handover;
    }

    /** What plugins see as {@link io.floe.api.PluginContext#http()}: the agent's HTTP server. */
    public PipelineBuilder http(AgentHttp http) {
        this.http = http;
        return this;
    }

    /** What plugins see as {@link io.floe.api.PluginContext#monitor()}: the agent that runs the pipeline. */
    public PipelineBuilder monitor(AgentMonitor monitor) {
        this.monitor = monitor;
        return this;
    }

    /**
     * The outcome of a successful build. {@code pluginLogLevels} maps plugin logger names to their
     * {@code @log_level}, applied when the pipeline starts (a refused reload must not change them).
     */
    public record Built(Pipeline pipeline, SystemConfig system, Path dataDir, Map<String, String> pluginLogLevels) {
    }

    public Built build(ConfigElement root) throws ConfigErrors {
        List<ConfigElement> top = flattenWorkers(root);
        SystemConfig system = bindSystem(top);
        dataDir = dataDirOverride != null ? dataDirOverride
                : system != null && system.rootDir() != null ? Path.of(system.rootDir())
                : Path.of(System.getProperty("java.io.tmpdir"), "floe");
        for (ConfigElement e : top) {
            if (!PluginSections.TOP_LEVEL.contains(e.name())) {
                binder.error(e.location(), "unknown section <" + e.name() + ">; expected <source>, <match>, <filter>, <label> or <system>");
            } else if (e.name().equals("label")) {
                String name = e.arg().trim();
                if (!name.startsWith("@")) {
                    binder.error(e.location(), "label name '" + name + "' must start with '@', as in <label @NAME>");
                } else if (!labelNames.add(name)) {
                    binder.error(e.location(), "label " + name + " is defined twice");
                }
            }
        }
        for (ConfigElement e : top) {
            collectIds(e);
        }
        sections = new PluginSections(registry, binder, diag, labelNames, pluginLogLevels, dataDir, errorSink, monitor, handover, http);
        OutputBuilder outputs = new OutputBuilder(registry, binder, sections, labels::get, plugins, checkedForUnused);
        labels.put("", buildLabel("", top, outputs));
        for (ConfigElement e : top) {
            if (e.name().equals("label") && e.arg().trim().startsWith("@")) {
                checkOnly(e, Set.of("filter", "match"), "<label>");
                labels.put(e.arg().trim(), buildLabel(e.arg().trim(), e.children(), outputs));
            }
        }
        for (ConfigElement e : top) {
            if (e.name().equals("source")) {
                buildInput(e);
            }
        }
        warnFluentLogCapture(top);
        if (!binder.errors().isEmpty()) {
            throw new ConfigErrors(binder.errors());
        }
        for (ConfigElement e : checkedForUnused) {
            UnusedParams.warn(e, diag);
        }
        Pipeline p = new Pipeline(inputs, filters, sinks, labels, plugins, log);
        return new Built(p, system, dataDir, Map.copyOf(pluginLogLevels));
    }

    /** {@code <worker 0>} holds sections for the only worker Floe runs; other workers' sections are skipped. */
    private List<ConfigElement> flattenWorkers(ConfigElement root) {
        List<ConfigElement> out = new ArrayList<>();
        for (String key : root.params().keySet()) {
            diag.warn(root.params().get(key).location(), "parameter '" + key + "' at top level is not used.");
        }
        for (ConfigElement e : root.children()) {
            if (e.name().equals("worker")) {
                String arg = e.arg().trim();
                if (arg.equals("0") || arg.startsWith("0-") || arg.isEmpty()) {
                    out.addAll(e.children());
                } else {
                    diag.warn(e.location(), "<worker " + arg + "> is skipped: Floe runs a single worker (0)");
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private SystemConfig bindSystem(List<ConfigElement> top) {
        List<ConfigElement> systems = top.stream().filter(e -> e.name().equals("system")).toList();
        if (systems.size() > 1) {
            binder.error(systems.get(1).location(), "only one <system> section is allowed");
        }
        ConfigElement s = systems.isEmpty() ? new ConfigElement("system", "", Location.builtIn("default")) : systems.get(0);
        // <log> and similar nested sections of <system> are accepted as Fluentd does.
        for (ConfigElement child : s.children()) {
            s.markUsed("<" + child.name() + ">");
        }
        checkedForUnused.add(s);
        SystemConfig bound = binder.bind(SystemConfig.class, s);
        if (bound != null && bound.log() != null && !Set.of("text", "json").contains(bound.log().format())) {
            binder.error(s.children("log").get(0).location(), "<log> format must be text or json, not '" + bound.log().format() + "'");
        }
        return bound;
    }

    private Label buildLabel(String name, List<ConfigElement> body, OutputBuilder outputs) {
        List<Rule> rules = new ArrayList<>();
        for (ConfigElement e : body) {
            switch (e.name()) {
                case "filter" -> {
                    FilterUnit f = buildFilter(e);
                    if (f != null) {
                        rules.add(f);
                    }
                }
                case "match" -> {
                    sections.checkPlacement(e);
                    String id = sections.pluginId(e);
                    Sink sink = outputs.buildMatch(e, id);
                    if (sink != null) {
                        sinks.add(sink);
                        rules.add(new MatchRule(id, pattern(e), sink));
                    }
                }
                default -> {
                }
            }
        }
        return new Label(name, rules, errorSink, log);
    }

    private MatchPattern pattern(ConfigElement e) {
        try {
            return MatchPattern.parse(e.arg());
        } catch (IllegalArgumentException ex) {
            binder.error(e.location(), ex.getMessage());
            return MatchPattern.parse("**");
        }
    }

    private FilterUnit buildFilter(ConfigElement e) {
        sections.checkPlacement(e);
        String type = sections.typeOf(e);
        String id = sections.pluginId(e);
        Class<?> cls = sections.pluginClass(e, PluginRegistry.Kind.FILTER, type);
        if (cls == null) {
            return null;
        }
        PluginContextImpl ctx = sections.context(e, id, type, () -> labels.get(""));
        Filter f = (Filter) registry.create(cls, e, ctx, binder);
        checkedForUnused.add(e);
        if (f == null) {
            return null;
        }
        FilterUnit unit = new FilterUnit(id, pattern(e), f, ctx.metrics());
        filters.add(unit);
        plugins.add(new PluginUnit(id, type, "filter", ctx.metrics(), f, null, MaskedConfig.of(e, cls)));
        return unit;
    }

    private void buildInput(ConfigElement e) {
        sections.checkPlacement(e);
        String type = sections.typeOf(e);
        String id = sections.pluginId(e);
        String label = sections.labelOf(e);
        Class<?> cls = sections.pluginClass(e, PluginRegistry.Kind.INPUT, type);
        if (cls == null) {
            return;
        }
        String target = label == null ? "" : label;
        PluginContextImpl ctx = sections.context(e, id, type, () -> labels.get(target));
        Input in = (Input) registry.create(cls, e, ctx, binder);
        checkedForUnused.add(e);
        if (in != null) {
            inputs.add(new InputUnit(id, type, in, ctx.metrics()));
            plugins.add(new PluginUnit(id, type, "input", ctx.metrics(), in, null, MaskedConfig.of(e, cls)));
        }
    }

    /** Checks that every {@code @id} is unique, in file order, before any plugin is built. */
    private void collectIds(ConfigElement e) {
        ConfigValue v = e.peek("@id");
        if (v != null) {
            String id = v.text().trim();
            Location first = ids.putIfAbsent(id, v.location());
            if (first != null) {
                binder.error(v.location(), "Duplicated plugin id `" + id + "` (first used at " + first + "). Check whole configuration and fix it.");
            }
        }
        for (ConfigElement c : e.children()) {
            collectIds(c);
        }
    }

    private void checkOnly(ConfigElement label, Set<String> allowed, String where) {
        for (ConfigElement c : label.children()) {
            if (!allowed.contains(c.name())) {
                binder.error(c.location(), "<" + c.name() + "> is not allowed inside " + where + "; a label holds <filter> and <match> sections");
            }
        }
        for (String key : label.params().keySet()) {
            diag.warn(label.params().get(key).location(), "parameter '" + key + "' in <label " + label.arg() + "> is not used.");
        }
    }

    private void warnFluentLogCapture(List<ConfigElement> top) {
        if (labelNames.contains("@FLUENT_LOG")) {
            return;
        }
        for (ConfigElement e : top) {
            if (e.name().equals("match") && pattern(e).matches("fluent.info")) {
                diag.warn(e.location(), "define <match fluent.**> to capture fluentd logs in top level is deprecated. Use <label @FLUENT_LOG> instead");
                return;
            }
        }
    }

    private void emitError(String tag, EventStream events, String reason) {
        Label error = labels.get("@ERROR");
        if (error != null) {
            try {
                error.deliver(tag, events);
                return;
            } catch (Exception e) {
                log.warn("@ERROR label refused {} events: {}", events.count(), e.toString());
            }
        }
        log.warn("dump an error event: error=\"{}\" tag=\"{}\" records={}", reason, tag, events.count());
    }
}
