package io.floe.outputs.stdout;

import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.conf.ConfigElement;

/**
 * How an event is printed to standard output: the parameters Fluentd gives both out_stdout and filter_stdout,
 * composed into each one's {@code Config}. {@link StdoutLines} prints by them.
 */
public record StdoutFormat(
        @Param(desc = "How the record part of the stdout format is printed: json or hash (or any formatter type). "
                + "Applies when <format> does not set output_type.", dflt = "json") String outputType,
        @Param(name = "format", desc = "v0.12 style formatter @type, used when there is no <format> @type.",
                dflt = Param.NULL) String legacyFormat,
        @Section(kind = "formatter", desc = "The formatter; default @type stdout.") ConfigElement format) {

    /** The heading the docs list these parameters under. */
    public static final String TITLE = "stdout parameters";
}
