package io.floe.outputs;

import io.floe.api.Output;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test opened (servers, started outputs), closed after it in the reverse order, whether it passed or not: a
 * test body needs no try/finally, and an output is stopped before the server it talks to goes away.
 *
 * <pre>
 * {@literal @}RegisterExtension final TestResources resources = new TestResources();
 * </pre>
 */
public final class TestResources implements AfterEachCallback {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** {@code resource}, closed after the test. */
    public synchronized <T extends AutoCloseable> T close(T resource) {
        open.push(resource);
        return resource;
    }

    /** A started {@code output}, stopped after the test (a test may stop it earlier: stopping twice is harmless). */
    public <O extends Output> O stop(O output) {
        close(output::stop);
        return output;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (AutoCloseable r; (r = next()) != null; ) {
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private synchronized AutoCloseable next() {
        return open.poll();
    }
}
