package io.floe.outputs.nulls;

import static io.floe.outputs.TestSupport.bind;
import static io.floe.outputs.TestSupport.ctx;
import static io.floe.outputs.TestSupport.rec;
import static io.floe.outputs.TestSupport.stream;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.Chunk;
import io.floe.api.WriteResult;
import io.floe.codec.event.EventTime;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class NullOutputTest {
    final Chunk chunk = Chunk.of("t", stream(EventTime.ofSeconds(1), rec("a", 1)));

    @Test
    void discards() throws Exception {
        NullOutput o = new NullOutput(bind(NullOutput.Config.class), ctx());
        assertSame(WriteResult.ok(), o.write(chunk));
        assertFalse(o.bufferedByDefault());
    }

    @Test
    void neverFlushFailsEveryWrite() {
        NullOutput o = new NullOutput(bind(NullOutput.Config.class, "never_flush true"), ctx());
        assertThrows(IOException.class, () -> o.write(chunk));
    }
}
