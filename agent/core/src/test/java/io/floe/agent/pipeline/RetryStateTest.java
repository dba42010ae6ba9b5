package io.floe.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.agent.binder.Binder;
import io.floe.conf.ConfigElement;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.FluentConfParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fluentd's retry schedule, computed from given clock readings: no wall clock, so it holds on any machine. */
class RetryStateTest {
    static BufferConfig buffer(String... lines) {
        String text = "<buffer>\n" + String.join("\n", lines) + "\n</buffer>\n";
        ConfigElement root = FluentConfParser.parse(text, "test.conf", Path.of("."), new Diagnostics());
        Binder b = new Binder();
        BufferConfig c = b.bind(BufferConfig.class, root.children("buffer").get(0));
        assertEquals(List.of(), b.errors(), "config errors");
        return c;
    }

    @Test
    void exponentialBackoffDoublesTheWaitAfterEachFailure() {
        RetryState r = new RetryState(buffer("retry_wait 200ms", "retry_exponential_backoff_base 2", "retry_randomize false"), 10_000);
        assertEquals(10_200, r.nextMillis());
        r.step(10_250);
        assertEquals(10_650, r.nextMillis());
        r.step(10_700);
        assertEquals(11_500, r.nextMillis());
        assertEquals(2, r.steps());
    }

    @Test
    void retryMaxIntervalCapsTheWaitAndPeriodicKeepsItFixed() {
        RetryState capped = new RetryState(buffer("retry_wait 1s", "retry_max_interval 3s", "retry_randomize false"), 0);
        for (int i = 0; i < 5; i++) {
            capped.step(0);
        }
        assertEquals(3_000, capped.nextMillis());
        RetryState periodic = new RetryState(buffer("retry_type periodic", "retry_wait 500ms", "retry_randomize false"), 0);
        periodic.step(1_000);
        periodic.step(2_000);
        assertEquals(2_500, periodic.nextMillis());
    }

    @Test
    void randomizedWaitsStayWithinAnEighthOfTheWait() {
        BufferConfig cfg = buffer("retry_wait 1s");
        for (int i = 0; i < 1000; i++) {
            long wait = new RetryState(cfg, 0).nextMillis();
            assertTrue(wait >= 875 && wait <= 1125, wait + " ms");
        }
    }

    @Test
    void retriesRunOutByCountOrByTimeAndTheSecondaryComesFirst() {
        RetryState byCount = new RetryState(buffer("retry_max_times 2", "retry_randomize false"), 0);
        assertFalse(byCount.limitReached(0));
        byCount.step(1_000);
        assertFalse(byCount.limitReached(1_000));
        byCount.step(3_000);
        assertTrue(byCount.limitReached(3_000));

        RetryState byTime = new RetryState(buffer("retry_timeout 10s", "retry_randomize false"), 0);
        assertFalse(byTime.limitReached(9_999));
        assertFalse(byTime.secondaryDue(7_999));
        assertTrue(byTime.secondaryDue(8_000), "retry_secondary_threshold 0.8 of retry_timeout");
        assertTrue(byTime.limitReached(10_000));

        RetryState forever = new RetryState(buffer("retry_forever true", "retry_max_times 1"), 0);
        forever.step(1);
        assertFalse(forever.limitReached(Long.MAX_VALUE / 2));
    }
}
