package io.floe.inputs.forward;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a leaked ByteBuf fail the build rather than print a line nobody reads: Netty's leak detector
 * (paranoid in the surefire argLine) reports into a list that is checked after every test class.
 * Registered for all tests through JUnit's extension auto-detection, so it is in place before Netty
 * creates its detectors.
 */
public final class NettyLeakCheck implements AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected void reportTracedLeak(String type, String records) {
                        LEAKS.add(type + records);
                        super.reportTracedLeak(type, records);
                    }

                    @Override
                    protected void reportUntracedLeak(String type) {
                        LEAKS.add(type);
                        super.reportUntracedLeak(type);
                    }
                };
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // A leak is reported once its buffer is collected and the detector polls its queue, which
        // happens on allocation; the collector's queueing runs on its own thread, hence a short watch.
        try {
            await().pollInterval(Duration.ofMillis(20)).during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2))
                    .until(() -> {
                        collectAndProbe();
                        return LEAKS.isEmpty();
                    });
        } catch (ConditionTimeoutException leaked) {
            // reported below, with the leaks' records
        }
        List<String> found = List.copyOf(LEAKS);
        LEAKS.clear();
        assertEquals(List.of(), found, "ByteBuf leaks in " + context.getDisplayName());
    }

    private static void collectAndProbe() {
        System.gc();
        List<ByteBuf> probes = new ArrayList<>();
        for (int j = 0; j < 64; j++) {
            probes.add(PooledByteBufAllocator.DEFAULT.buffer(16));
            probes.add(UnpooledByteBufAllocator.DEFAULT.heapBuffer(16));
            probes.add(PooledByteBufAllocator.DEFAULT.directBuffer(16));
        }
        probes.forEach(ByteBuf::release);
    }
}
