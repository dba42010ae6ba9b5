package io.floe.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.Input;
import io.floe.api.PluginContext;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.event.Level;

/**
 * One input under test, registered with {@code @RegisterExtension}: built from fluent.conf lines (the lines every
 * test of the class shares first), bound as the engine binds it, started, its events and log recorded, and stopped
 * after the test, passed or failed.
 */
public final class InputUnderTest<C extends Record, I extends Input> implements AfterEachCallback {
    public final RecordingContext ctx;
    private final String type;
    private final Class<C> config;
    private final BiFunction<C, PluginContext, I> create;
    private final String[] shared;
    private I input;

    public InputUnderTest(String type, Class<C> config, BiFunction<C, PluginContext, I> create, String... shared) {
        this.ctx = new RecordingContext(type, Level.DEBUG);
        this.type = type;
        this.config = config;
        this.create = create;
        this.shared = shared;
    }

    /** Builds and starts the input from the shared lines followed by {@code lines}. */
    public I start(String... lines) throws Exception {
        String[] all = Stream.concat(Stream.of(shared), Stream.of(lines)).toArray(String[]::new);
        input = create.apply(Sources.bind(config, type, all), ctx);
        input.start();
        return input;
    }

    /** Waits until {@code n} events were emitted, and checks no more than that were. */
    public void awaitEvents(int n) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ctx.router.count() >= n);
        assertEquals(n, ctx.router.count());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (input != null) {
            input.stop();
        }
    }
}
