package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a real Fluentd 1.19 monitor_agent returned (test resources fluentd-monitor-agent/*.json), and the
 * comparison Floe's answer must pass: for each plugin type in the sample, every key Fluentd shows is
 * there, with the same JSON type (integral and floating numbers told apart), in Fluentd's order.
 */
final class FluentdSamples {
    private FluentdSamples() {
    }

    static JsonNode load(String name) throws IOException {
        try (InputStream in = FluentdSamples.class.getResourceAsStream("/fluentd-monitor-agent/" + name)) {
            assertNotNull(in, name);
            return MonitorHttp.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Compares every plugin of the sample with Floe's plugin of the same category and type; keys in {@code notYet} are skipped. */
    static void assertSameShape(JsonNode fluentd, JsonNode floe, Set<String> notYet) {
        for (JsonNode expected : fluentd.get("plugins")) {
            JsonNode actual = find(floe, expected.get("plugin_category").asText(), expected.get("type").asText());
            String who = expected.get("plugin_category").asText() + " " + expected.get("type").asText();
            assertNotNull(actual, who + " missing in " + floe);
            List<String> expectedOrder = new ArrayList<>();
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (notYet.contains(key)) {
                    continue;
                }
                expectedOrder.add(key);
                JsonNode e = expected.get(key);
                JsonNode a = actual.get(key);
                if (a == null) {
                    fail(who + ": key " + key + " missing; Floe: " + actual + "\nFluentd: " + expected);
                }
                assertSameType(who + "." + key, e, a);
                if (e.isObject() && e.size() > 0) {
                    for (Iterator<String> sub = e.fieldNames(); sub.hasNext(); ) {
                        String k = sub.next();
                        if (!key.equals("config")) {
                            assertNotNull(a.get(k), who + "." + key + "." + k + " missing in " + a);
                            assertSameType(who + "." + key + "." + k, e.get(k), a.get(k));
                        }
                    }
                }
            }
            List<String> actualOrder = new ArrayList<>();
            actual.fieldNames().forEachRemaining(k -> {
                if (expectedOrder.contains(k)) {
                    actualOrder.add(k);
                }
            });
            assertEquals(expectedOrder, actualOrder, who + ": keys in Fluentd's order");
        }
    }

    private static void assertSameType(String what, JsonNode e, JsonNode a) {
        assertEquals(e.getNodeType(), a.getNodeType(), what + ": Fluentd " + e + ", Floe " + a);
        if (e.isNumber()) {
            assertEquals(e.isIntegralNumber(), a.isIntegralNumber(), what + " integral or floating: Fluentd " + e + ", Floe " + a);
        }
        if (e.isArray() && e.size() > 0 && a.size() > 0) {
            assertSameType(what + "[0]", e.get(0), a.get(0));
        }
    }

    static JsonNode find(JsonNode plugins, String category, String type) {
        for (JsonNode p : plugins.get("plugins")) {
            if (p.get("plugin_category").asText().equals(category) && p.get("type").asText().equals(type)) {
                return p;
            }
        }
        return null;
    }
}
