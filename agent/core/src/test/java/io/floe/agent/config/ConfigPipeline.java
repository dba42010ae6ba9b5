package io.floe.agent.config;

import io.floe.agent.pipeline.Pipeline;
import io.floe.conf.Diagnostics;
import io.floe.conf.parse.FluentConfParser;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A pipeline built from config text and run in this JVM, as a test field ({@code @RegisterExtension}): the last one
 * a test ran is stopped after it. Its warnings are in {@link #diagnostics()}.
 */
public final class ConfigPipeline implements AfterEachCallback {
    private final String fileName;
    private final Diagnostics diag = new Diagnostics();
    private Pipeline pipeline;

    /** @param fileName the name warnings and errors give the config */
    public ConfigPipeline(String fileName) {
        this.fileName = fileName;
    }

    /** Builds {@code conf}, its data under {@code dir}, and starts it. */
    public Pipeline run(String conf, Path dir) throws Exception {
        var root = FluentConfParser.parse(conf, fileName, dir, diag);
        pipeline = new PipelineBuilder(PluginRegistry.fromClassPath(), diag, dir).build(root).pipeline();
        pipeline.start();
        return pipeline;
    }

    public Diagnostics diagnostics() {
        return diag;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (pipeline != null) {
            pipeline.stop();
        }
    }
}
