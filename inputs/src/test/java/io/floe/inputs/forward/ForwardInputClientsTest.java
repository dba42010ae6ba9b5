package io.floe.inputs.forward;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fluentd.logger.FluentLogger;
import org.junit.jupiter.api.Test;
import org.komamitsu.fluency.fluentd.FluencyBuilderForFluentd;

/** Real forward clients from Maven Central against a real input. */
class ForwardInputClientsTest extends WithRunningInput {
    @Test
    void fluencyPackedForwardWithAcks() throws Exception {
        in = RunningInput.start();
        FluencyBuilderForFluentd builder = new FluencyBuilderForFluentd();
        builder.setReadTimeoutMilli(5000);
        in.sendWithFluency(builder, "fluency.test", 2000, i -> Map.of("seq", i, "text", "hello fluency " + i));
        await().atMost(Duration.ofSeconds(30)).until(() -> in.plugin.router.count() >= 2000);
        List<Map<String, Object>> records = in.plugin.router.records();
        assertEquals(2000, records.size(), "every chunk acknowledged once: no resends");
        Set<Long> seqs = new TreeSet<>();
        records.forEach(r -> seqs.add((Long) r.get("seq")));
        assertEquals(2000, seqs.size());
        assertEquals("hello fluency 1999", records.stream().filter(r -> r.get("seq").equals(1999L)).findFirst().orElseThrow().get("text"));
        assertTrue(in.plugin.router.emits.stream().allMatch(e -> e.tag().equals("fluency.test")));
        assertEquals(0, in.plugin.metrics.numErrors.sum());
    }

    @Test
    void fluentLoggerJavaMessageMode() throws Exception {
        in = RunningInput.start();
        FluentLogger logger = FluentLogger.getLogger("java", "127.0.0.1", in.port());
        try {
            for (int i = 0; i < 300; i++) {
                Map<String, Object> r = new HashMap<>();
                r.put("seq", i);
                r.put("unicode", "h\u00e9llo \u2713");
                assertTrue(logger.log("logger", r), "sent");
            }
            logger.flush();
            in.awaitEvents(300);
        } finally {
            logger.close();
        }
        Map<String, Object> last = in.plugin.router.records().get(299);
        assertEquals(299L, last.get("seq"));
        assertEquals("h\u00e9llo \u2713", last.get("unicode"));
        assertEquals("java.logger", in.plugin.router.emits.get(0).tag());
    }
}
