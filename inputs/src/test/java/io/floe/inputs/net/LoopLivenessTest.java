package io.floe.inputs.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class LoopLivenessTest {
    @Test
    void aLoopBlockedLongerThanTheTimeoutIsReportedUntilItRunsAgain() throws Exception {
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            LoopLiveness liveness = new LoopLiveness();
            Duration timeout = Duration.ofMillis(200);
            assertTrue(liveness.check(loops, timeout));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> liveness.check(loops, timeout));

            loops.next().execute(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // The blocked loop's no-op waits; once it has waited past the timeout the check says so.
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !liveness.check(loops, timeout));
            assertFalse(liveness.check(loops, timeout));

            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> liveness.check(loops, timeout));
        } finally {
            release.countDown();
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
