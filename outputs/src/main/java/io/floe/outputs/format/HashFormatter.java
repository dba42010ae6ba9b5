package io.floe.outputs.format;

import io.floe.codec.msgpack.MsgpackCursor;
import io.floe.codec.text.RubyText;
import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Fluentd's {@code hash} formatter: the record as Ruby's {@code Hash#to_s} prints it. */
@Plugin(type = "hash", desc = "Prints the record as Ruby's Hash#to_s does.")
public final class HashFormatter implements Formatter {

    /** The parameters of this formatter. */
    public record Config(
            @Inline(title = FormatConfig.TITLE) FormatConfig common,
            @Inline(title = LineEnd.TITLE) LineEnd lineEnd) {
    }

    private final byte[] newline;

    public HashFormatter(Config c, FormatterEnv env) {
        this.newline = c.lineEnd().bytes();
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(len + 16);
        RubyText.inspect(new MsgpackCursor(rec, off, len), b);
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.write(newline);
    }
}
