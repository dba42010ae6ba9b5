package io.floe.outputs.format;

import io.floe.codec.text.RubyText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** Fluentd's {@code hash} formatter: the record as Ruby's {@code Hash#to_s} prints it. */
final class HashFormatter implements Formatter {
    private final byte[] newline;

    HashFormatter(FormatConfig c) {
        this.newline = c.addNewline() ? c.newlineBytes() : new byte[0];
    }

    @Override
    public void format(String tag, long sec, int nsec, byte[] rec, int off, int len, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(len + 16);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(rec, off, len)) {
            RubyText.inspect(u, b);
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.write(newline);
    }
}
