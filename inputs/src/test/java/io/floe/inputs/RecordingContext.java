package io.floe.inputs;

import io.floe.testkit.FakeContext;
import io.floe.testkit.RecordingLogger;
import java.nio.file.Path;
import org.slf4j.event.Level;

/** The engine as one input under test sees it: a {@link RecordingRouter}, a logger that keeps its lines, fresh metrics. */
public class RecordingContext extends FakeContext {
    public final RecordingRouter router = new RecordingRouter();

    /** A context for an input of {@code type}, its logger keeping {@code lowest} and above, its state in the temp dir. */
    public RecordingContext(String type, Level lowest) {
        super("test_" + type, type, new RecordingLogger("test_" + type, lowest));
        dataDir(Path.of(System.getProperty("java.io.tmpdir")));
        router(router);
    }
}
