package io.floe.agent.config;

import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;

/** Fluentd's "is not used" warnings: parameters and sections no plugin read. A typo costs a warning, never a failure. */
final class UnusedParams {
    private UnusedParams() {
    }

    static void warn(ConfigElement e, Diagnostics diag) {
        for (var p : e.params().entrySet()) {
            String key = p.getKey();
            if (!e.isUsed(key) && !key.startsWith("@")) {
                diag.warn(p.getValue().location(), "parameter '" + key + "' in <" + e.name() + (e.arg().isEmpty() ? "" : " " + e.arg())
                        + "> is not used.");
            }
        }
        for (ConfigElement c : e.children()) {
            if (PluginSections.TOP_LEVEL.contains(c.name())) {
                continue; // reported as misplaced
            }
            if (!e.isUsed("<" + c.name() + ">")) {
                diag.warn(c.location(), "section <" + c.name() + "> in <" + e.name() + "> is not used.");
            } else {
                warn(c, diag);
            }
        }
    }
}
