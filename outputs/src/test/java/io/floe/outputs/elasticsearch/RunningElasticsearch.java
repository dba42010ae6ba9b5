package io.floe.outputs.elasticsearch;

import io.floe.testkit.es.ElasticsearchServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Elasticsearch for a test class, since it takes seconds to start: started before the class's first test,
 * stopped after its last, and emptied of indices before each test so that no test sees another's documents.
 *
 * <pre>
 * {@literal @}RegisterExtension static final RunningElasticsearch ES = new RunningElasticsearch(ElasticsearchServer.builder());
 * </pre>
 */
final class RunningElasticsearch implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final ElasticsearchServer.Builder options;
    private ElasticsearchServer server;

    RunningElasticsearch(ElasticsearchServer.Builder options) {
        this.options = options;
    }

    /** The server of the running class. */
    ElasticsearchServer server() {
        if (server == null) {
            throw new IllegalStateException("Elasticsearch is started only for a test class that registers this");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = options.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server.deleteAllIndices();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
