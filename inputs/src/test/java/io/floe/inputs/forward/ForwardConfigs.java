package io.floe.inputs.forward;

import io.floe.inputs.Sources;
import java.util.List;

/** ForwardInput configs from real fluent.conf text, bound the way the engine binds them. */
final class ForwardConfigs {
    private ForwardConfigs() {
    }

    /** The {@code <source>} of {@code @type forward} written as fluent.conf lines. */
    static ForwardInput.Config config(String... lines) {
        return Sources.bind(ForwardInput.Config.class, "forward", lines);
    }

    static List<String> errors(String... lines) {
        return Sources.errors(ForwardInput.Config.class, "forward", lines);
    }
}
