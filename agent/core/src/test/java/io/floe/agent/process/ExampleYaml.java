package io.floe.agent.process;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

/** An example's YAML (a Compose file, Kubernetes manifests) as SnakeYAML loads it: maps and lists, walked by key. */
final class ExampleYaml {
    private ExampleYaml() {
    }

    /** The map at {@code path} below {@code o}; a missing key fails naming the whole path. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            cur = ((Map<String, Object>) cur).get(p);
            assertNotNull(cur, "missing " + String.join(".", path));
        }
        return (Map<String, Object>) cur;
    }

    /** The list of strings under {@code key} (ports, volumes). */
    @SuppressWarnings("unchecked")
    static List<String> strings(Object o, String key) {
        return (List<String>) ((Map<String, Object>) o).get(key);
    }

    /** The list of maps under {@code key} (containers, rules, volume mounts). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) o).get(key);
    }
}
