package io.floe.agent.routing;

import io.floe.agent.logging.FluentLogEvents;
import io.floe.codec.event.EventStream;
import java.util.Map;

/**
 * Where a configuration sends the agent's own log events ({@code fluent.*}), as Fluentd does: into
 * {@code <label @FLUENT_LOG>} when there is one, else into the top-level {@code <match>}es that match
 * them; with neither, they are not captured at all.
 */
public final class FluentLogRoute implements FluentLogEvents.Route {
    public static final String LABEL = "@FLUENT_LOG";

    private final Label label;

    private FluentLogRoute(Label label) {
        this.label = label;
    }

    /** The route of a configuration's labels, or null when nothing in it captures fluent.* events. */
    public static FluentLogRoute of(Map<String, Label> labels) {
        Label own = labels.get(LABEL);
        if (own != null) {
            return new FluentLogRoute(own);
        }
        Label root = labels.get("");
        return root != null && root.matches().stream().anyMatch(m -> m.pattern().matches("fluent.info")
                || m.pattern().matches("fluent.warn") || m.pattern().matches("fluent.error"))
                ? new FluentLogRoute(root) : null;
    }

    @Override
    public boolean accepts(String tag) {
        return label.matches().stream().anyMatch(m -> m.pattern().matches(tag));
    }

    @Override
    public void deliver(String tag, EventStream events) throws Exception {
        label.deliver(tag, events);
    }
}
