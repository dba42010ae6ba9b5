package io.floe.agent.config;

import io.floe.agent.binder.Binder;
import io.floe.agent.pipeline.DirectSink;
import io.floe.agent.pipeline.PluginUnit;
import io.floe.agent.pipeline.RoutingPlugin;
import io.floe.agent.pipeline.Sink;
import io.floe.agent.routing.Label;
import io.floe.api.Output;
import io.floe.api.config.Durations;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigValue;
import io.floe.outputs.inject.InjectConfig;
import io.floe.outputs.inject.InjectingOutput;
import io.floe.outputs.inject.Injector;
import io.floe.outputs.inject.LocalHost;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds what a {@code <match>} or {@code <store>} sends to: an output plugin, direct or behind a
 * {@code <buffer>} (written, synthesized from v0.12 flat parameters, or the plugin's default), or a
 * {@link RoutingPlugin} ({@code copy}, {@code relabel}) with the targets it names. It registers each plugin
 * it builds in {@code plugins} and the sections to check for unused parameters in {@code checkedForUnused}.
 */
final class OutputBuilder {
    private final PluginRegistry registry;
    private final Binder binder;
    private final PluginSections sections;
    private final Function<String, Label> labels;
    private final List<PluginUnit> plugins;
    private final List<ConfigElement> checkedForUnused;

    /** @param labels the built labels by name, read only when events arrive (labels are built after their outputs) */
    OutputBuilder(PluginRegistry registry, Binder binder, PluginSections sections, Function<String, Label> labels,
                  List<PluginUnit> plugins, List<ConfigElement> checkedForUnused) {
        this.registry = registry;
        this.binder = binder;
        this.sections = sections;
        this.labels = labels;
        this.plugins = plugins;
        this.checkedForUnused = checkedForUnused;
    }

    Sink buildMatch(ConfigElement e, String id) {
        String type = sections.typeOf(e);
        if (type == null) {
            return null;
        }
        sections.checkPlacement(e);
        Class<?> cls = sections.pluginClass(e, PluginRegistry.Kind.OUTPUT, type);
        if (cls == null) {
            return null;
        }
        return RoutingPlugin.class.isAssignableFrom(cls) ? buildRouting(e, id, type, cls) : buildOutput(e, id, type, cls);
    }

    private Sink buildRouting(ConfigElement e, String id, String type, Class<?> cls) {
        PluginContextImpl ctx = sections.context(e, id, type, () -> null);
        RoutingPlugin plugin = (RoutingPlugin) registry.create(cls, e, ctx, binder);
        if (plugin == null) {
            return null;
        }
        Targets targets = new Targets(e, type);
        Sink sink = plugin.sink(targets);
        if (targets.handedOn) {
            // The subsections handed on are outputs of their own, checked one by one: only the section's own parameters are left.
            register(id, type, ctx, null, sink, new ConfigElement(e.name(), e.arg(), e.location()));
            UnusedParams.warn(paramsOnly(e), sections.diagnostics());
        } else {
            register(id, type, ctx, null, sink, e);
        }
        return sink;
    }

    /** What a routing plugin's {@code <match>} names, built from that section. */
    private final class Targets implements RoutingPlugin.Targets {
        private final ConfigElement match;
        private final String type;
        private boolean handedOn;

        Targets(ConfigElement match, String type) {
            this.match = match;
            this.type = type;
        }

        @Override
        public List<Sink> sections(String name) {
            handedOn = true;
            for (ConfigElement child : match.children()) {
                if (!child.name().equals(name) && !PluginSections.TOP_LEVEL.contains(child.name())) {
                    binder.error(child.location(), "<" + child.name() + "> is not allowed in a " + type + " <match>; put it inside a <" + name + ">");
                }
            }
            List<Sink> out = new ArrayList<>();
            for (ConfigElement s : match.children(name)) {
                sections.checkPlacement(s);
                out.add(buildMatch(s, sections.pluginId(s)));
            }
            return out;
        }

        @Override
        public void refuse(String name, int index, String message) {
            binder.error(match.children(name).get(index).location(), message);
        }

        @Override
        public Supplier<Label> label(String name) {
            ConfigValue v = match.peek("@label");
            sections.labelDefined(name, v != null ? v.location() : match.location());
            return () -> labels.apply(name);
        }
    }

    /** The section's own parameters without its subsections. */
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

    private Sink buildOutput(ConfigElement e, String id, String type, Class<?> cls) {
        PluginContextImpl ctx = sections.context(e, id, type, () -> null);
        ConfigElement legacy = LegacyBufferParams.extract(e, ctx.log());
        e.markUsed("<buffer>");
        e.markUsed("<secondary>");
        Duration slow = slowFlushThreshold(e);
        Output plugin = (Output) registry.create(cls, e, ctx, binder);
        Output out = injecting(e, type, plugin);
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
                sections.diagnostics().warn(e.location(), "default timekey interval (" + out.bufferDefaults().get("timekey")
                        + ") will be used because of missing <buffer> section. To change the output frequency, please modify the timekey value");
            }
        }
        Sink sink;
        if (bufferSection == null) {
            sink = new DirectSink(out, ctx.metrics(), sections.errorSink());
        } else {
            sink = new BufferBuilder(binder, sections).build(bufferSection, out, secondary, ctx, slow, e.peek("@id") != null || e.peek("id") != null);
            if (sink == null) {
                return null;
            }
        }
        register(id, type, ctx, plugin, sink, e);
        return sink;
    }

    private void register(String id, String type, PluginContextImpl ctx, Object output, Sink sink, ConfigElement section) {
        plugins.add(new PluginUnit(id, type, "output", ctx.metrics(), output, sink, ctx.config()));
        checkedForUnused.add(section);
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
        String type = sections.typeOf(s);
        Class<?> cls = sections.pluginClass(s, PluginRegistry.Kind.OUTPUT, type);
        if (cls == null) {
            return null;
        }
        if (!Output.class.isAssignableFrom(cls)) {
            binder.error(s.location(), "@type " + type + " cannot be a <secondary>: it writes nothing itself");
            return null;
        }
        PluginContextImpl ctx = sections.context(s, id + ".secondary", type, () -> null);
        return injecting(s, type, (Output) registry.create(cls, s, ctx, binder));
    }

    /**
     * The output with its {@code <inject>} section (written, or synthesized from v0.12 flat parameters) applied:
     * every output takes the section here, as Fluentd's outputs take it through their plugin helper, so no output
     * has to know of it.
     */
    private Output injecting(ConfigElement e, String type, Output out) {
        e.markUsed("<inject>");
        List<ConfigElement> written = e.children("inject");
        if (written.size() > 1) {
            binder.error(written.get(1).location(), "only one <inject> section is allowed");
        }
        ConfigElement section = written.isEmpty() ? LegacyInjectParams.extract(e, type, binder) : written.get(0);
        if (section == null || out == null) {
            return out;
        }
        InjectConfig c = binder.bind(InjectConfig.class, section);
        // Not for a synthesized section: there a flat time_format is the formatter's too.
        if (c != null && !written.isEmpty() && c.timeKey() == null && c.timeFormat() != null) {
            sections.diagnostics().warn(section.location(), "'time_format' specified without 'time_key', will be ignored");
        }
        return InjectingOutput.wrap(out, Injector.of(c, ZoneId.systemDefault(), LocalHost::name));
    }
}
