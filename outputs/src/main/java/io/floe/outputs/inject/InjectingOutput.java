package io.floe.outputs.inject;

import io.floe.api.Chunk;
import io.floe.api.Output;
import io.floe.api.WriteResult;
import java.util.Map;

/**
 * An output whose {@code <inject>} fields go into every record before it writes them. The engine wraps
 * each output that has the section, so every output (and every output to come) takes it the same way,
 * and those without it are handed their chunks as before.
 */
public final class InjectingOutput implements Output {
    private final Output output;
    private final Injector injector;

    private InjectingOutput(Output output, Injector injector) {
        this.output = output;
        this.injector = injector;
    }

    /** {@code output} itself when {@code injector} is null (no {@code <inject>}, or one that names no key). */
    public static Output wrap(Output output, Injector injector) {
        return injector == null ? output : new InjectingOutput(output, injector);
    }

    @Override
    public WriteResult write(Chunk chunk) throws Exception {
        // What the output asks to retry is already injected; injecting it again sets the same values.
        return output.write(injector.apply(chunk));
    }

    @Override
    public void start() throws Exception {
        output.start();
    }

    @Override
    public void stop() {
        output.stop();
    }

    @Override
    public boolean bufferedByDefault() {
        return output.bufferedByDefault();
    }

    @Override
    public Map<String, String> bufferDefaults() {
        return output.bufferDefaults();
    }
}
