package io.floe.inputs.tail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Files rotated away and read to their end, kept open for rotate_wait to catch late writes (no positions). */
final class RotatedFiles {
    private record Kept(FileCursor cursor, long deadline) {
    }

    private final TailEnv env;
    private final String tag;
    private final LineAssembler.Out sink;
    private final List<Kept> kept = new ArrayList<>();

    RotatedFiles(TailEnv env, String tag, LineAssembler.Out sink) {
        this.env = env;
        this.tag = tag;
        this.sink = sink;
    }

    void keep(FileCursor c, long deadline) {
        kept.add(new Kept(c, deadline));
    }

    boolean poll(long now) throws InterruptedException {
        boolean progress = false;
        for (int i = 0; i < kept.size(); i++) {
            Kept k = kept.get(i);
            boolean over = now >= k.deadline();
            long handedOn = k.cursor().assembler.committedOffset();
            try {
                progress |= k.cursor().read(env.readLinesLimit, Long.MAX_VALUE, now, sink) > 0;
                if (over) {
                    k.cursor().finish(now, sink);
                }
            } catch (IOException e) {
                over = true;
            }
            if (!env.emitter.emit(tag)) {
                // Refused (a full buffer or disk): read again at the next poll, kept past rotate_wait if need be,
                // since a rotated file has no position to come back to.
                env.emitter.discard();
                env.warnings.warn("emit:" + k.cursor().path, "emit of rotated " + k.cursor().path + " failed; reading it again from offset "
                        + handedOn + ": " + env.emitter.lastFailure(), now);
                if (k.cursor().file.channel.isOpen()) {
                    k.cursor().rewind(handedOn);
                    continue;
                }
            }
            if (over) {
                k.cursor().close();
                kept.remove(i--);
            }
        }
        return progress;
    }

    long nextDeadline() {
        long t = Long.MAX_VALUE;
        for (Kept k : kept) {
            t = Math.min(t, k.deadline());
        }
        return t;
    }

    void close() {
        kept.forEach(k -> k.cursor().close());
        kept.clear();
    }
}
