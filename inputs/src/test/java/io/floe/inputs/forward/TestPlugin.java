package io.floe.inputs.forward;

import io.floe.testkit.FakeContext;
import io.floe.testkit.RecordingLogger;
import java.nio.file.Path;

/** The engine as far as one forward input sees it: a recording router and logger, fresh metrics. */
final class TestPlugin extends FakeContext {
    final RecordingRouter router = new RecordingRouter();

    TestPlugin() {
        super("test_forward", "forward", new RecordingLogger("test_forward"));
        dataDir(Path.of(System.getProperty("java.io.tmpdir")));
        router(router);
    }
}
