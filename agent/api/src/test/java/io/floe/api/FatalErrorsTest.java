package io.floe.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {
    @Test
    void anOutOfMemoryErrorAnywhereInTheCauseChainIsFatal() {
        assertTrue(FatalErrors.isFatal(new OutOfMemoryError("Java heap space")));
        assertTrue(FatalErrors.isFatal(new CompletionException(new RuntimeException(new OutOfMemoryError("Direct buffer memory")))));
        assertTrue(FatalErrors.isFatal(new InternalError("broken")));
    }

    @Test
    void everythingElseIsForTheCallerToHandle() {
        assertFalse(FatalErrors.isFatal(new IOException("Connection reset by peer")));
        assertFalse(FatalErrors.isFatal(new StackOverflowError()), "client data must not be able to end the agent");
        assertFalse(FatalErrors.isFatal(null));
        RuntimeException selfCaused = new RuntimeException("loop");
        selfCaused.initCause(new IllegalStateException("inner"));
        assertFalse(FatalErrors.isFatal(selfCaused));
    }
}
