package io.floe.outputs.format;

import io.floe.api.config.Param;

/** What ends each formatted event, in the formatters that print one event a line (Fluentd's Newline mixin). */
public record LineEnd(
        @Param(desc = "End each formatted event with a newline.", dflt = "true") boolean addNewline,
        @Param(desc = "The newline written: lf or crlf.", dflt = "lf") FormatConfig.Newline newline) {

    /** The heading these parameters are documented under. */
    public static final String TITLE = "formatter line-end parameters";

    /** The bytes written after each event: none without add_newline. */
    byte[] bytes() {
        return addNewline ? newline.bytes() : new byte[0];
    }

    String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
