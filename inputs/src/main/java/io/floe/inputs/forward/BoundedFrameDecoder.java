package io.floe.inputs.forward;

import io.floe.inputs.net.FrameMemory;
import io.floe.inputs.net.HeldDecoder;
import java.time.Duration;

/**
 * What every frame decoder of a forward connection shares, whatever its framing (msgpack or JSON): a frame
 * still incomplete {@code frameTimeout} after its first byte closes the connection ({@link FrameTimer}), what
 * it holds of an unfinished frame counts against the input's {@link FrameMemory} ({@link HeldDecoder}), and a
 * frame that spans reads is gathered by the {@link FrameCumulator}. Subclasses cut frames in {@code decode}
 * and tell the timer whether one is in progress.
 */
abstract class BoundedFrameDecoder extends HeldDecoder {
    protected final FrameTimer timer;

    BoundedFrameDecoder(Duration frameTimeout, FrameMemory memory) {
        super(memory);
        this.timer = new FrameTimer(frameTimeout);
        setCumulator(FrameCumulator.INSTANCE);
    }

    @Override
    protected final void removed() {
        timer.complete();
    }
}
