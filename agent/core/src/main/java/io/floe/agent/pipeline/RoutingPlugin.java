package io.floe.agent.pipeline;

import io.floe.agent.routing.Label;
import java.util.List;
import java.util.function.Supplier;

/**
 * An output plugin that writes nothing itself but passes events on inside the engine ({@code copy},
 * {@code relabel}). It is registered, bound and documented like any output; instead of being put behind a
 * buffer, it builds its {@link Sink} from the targets its configuration names.
 */
public interface RoutingPlugin {
    Sink sink(Targets targets);

    /** What the engine builds for a routing plugin from its {@code <match>}. */
    interface Targets {
        /**
         * The {@code <name>} subsections, each built as an output of its own (with its own buffer), in file
         * order; null where one could not be built. Other subsections are configuration errors.
         */
        List<Sink> sections(String name);

        /** Reports a configuration error at the {@code index}th {@code <name>} subsection. */
        void refuse(String name, int index, String message);

        /** The label {@code name}, looked up when events arrive: a {@code <match>} may name a label defined further down. */
        Supplier<Label> label(String name);
    }
}
