package io.floe.outputs.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.Chunk;
import io.floe.api.ChunkIds;
import io.floe.api.UnrecoverableException;
import io.floe.codec.event.EventStream;
import io.floe.outputs.TestSupport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which failures the engine must not retry: a chunk whose bytes cannot be encoded as a bulk request fails the same
 * way every time, while an unreachable cluster may come back.
 */
class ElasticsearchFailureKindsTest {

    @Test
    void aChunkThatCannotBeEncodedIsUnrecoverableAndAnUnreachableClusterIsRetried() throws Exception {
        ElasticsearchOutput out = EsTestSupport.start("host 127.0.0.1", "port " + TestSupport.closedPort(), "index_name kinds",
                "verify_es_version_at_startup false", "request_timeout 2s");
        try {
            // [time, {"k": <0xc1>}]: 0xc1 is never valid msgpack, so no walk of the entries gets past it.
            byte[] bad = {(byte) 0x92, (byte) 0xce, 0x69, 0x1f, (byte) 0xe6, 0x16, (byte) 0x81, (byte) 0xa1, 'k', (byte) 0xc1};
            Chunk broken = new Chunk(ChunkIds.next(), "app", null, Map.of(), List.of(new Chunk.Tagged("app", EventStream.of(bad, 1))));
            UnrecoverableException e = assertThrows(UnrecoverableException.class, () -> out.write(broken));
            assertTrue(e.getMessage().startsWith("cannot encode the chunk's events for Elasticsearch: "), e.getMessage());

            Chunk good = EsTestSupport.chunk(ChunkIds.next(), "app", EsTestSupport.numbered(0, 3));
            IOException down = assertThrows(IOException.class, () -> out.write(good));
            assertTrue(down.getMessage().startsWith("could not push logs to Elasticsearch cluster"), down.getMessage());
        } finally {
            out.stop();
        }
    }
}
