package io.floe.inputs.forward;

import org.junit.jupiter.api.AfterEach;

/** Tests against one real input each: the input a test starts in {@link #in} is stopped after it, passed or failed. */
abstract class WithRunningInput {
    protected RunningInput in;

    @AfterEach
    void stopInput() {
        if (in != null) {
            in.close();
        }
    }
}
