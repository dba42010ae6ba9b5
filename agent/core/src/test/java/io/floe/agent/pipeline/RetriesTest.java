package io.floe.agent.pipeline;

import static io.floe.agent.pipeline.RetryStateTest.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.monitor.RetryStatus;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One output's retry sequence, shared by its flush threads, on given clock readings. */
class RetriesTest {
    private static Retries retries(boolean hasSecondary, String... lines) {
        return new Retries(buffer(lines), hasSecondary, LoggerFactory.getLogger(RetriesTest.class));
    }

    @Test
    void failuresFromAnyThreadStepOneSequenceUntilRetryMaxTimes() {
        Retries r = retries(false, "retry_wait 1s", "retry_max_times 2", "retry_randomize false");
        assertFalse(r.exhausted(r.failed(0), 0));
        assertFalse(r.exhausted(r.failed(1_000), 1_000));
        RetryState third = r.failed(3_000);
        assertEquals(2, third.steps());
        assertTrue(r.exhausted(third, 3_000));
    }

    @Test
    void aSecondaryTakesOverAtItsShareOfRetryTimeout() {
        String[] cfg = {"retry_wait 1s", "retry_timeout 10s", "retry_secondary_threshold 0.8", "retry_randomize false"};
        Retries withSecondary = retries(true, cfg);
        RetryState s = withSecondary.failed(0);
        assertFalse(withSecondary.exhausted(s, 7_999));
        assertTrue(withSecondary.exhausted(s, 8_000));
        Retries alone = retries(false, cfg);
        RetryState a = alone.failed(0);
        assertFalse(alone.exhausted(a, 8_000), "without a secondary only retry_timeout ends the retries");
        assertTrue(alone.exhausted(a, 10_000));
    }

    @Test
    void aSuccessOrAGiveUpEndsTheSequenceAndAForcedFlushRetriesNow() {
        Retries r = retries(false, "retry_wait 5s", "retry_randomize false");
        assertNull(r.status());
        assertEquals(0, r.nextMillis(), "nothing to wait for while not retrying");
        r.failed(1_000);
        assertEquals(6_000, r.nextMillis());
        r.retryNow(2_000);
        assertEquals(2_000, r.nextMillis());
        RetryStatus status = r.status();
        assertEquals(1_000, status.startMillis());
        r.succeeded();
        assertNull(r.status());
        r.failed(10_000);
        assertEquals(0, r.status().steps(), "a new sequence starts after a success");
        r.reset();
        assertNull(r.status());
    }
}
