package io.floe.inputs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LtsvTest {
    @Test
    void onePluginPerLineWithoutArraysObjectsAndWithNullAsNothing() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plugin_id", "object:3f00");
        row.put("config", Map.of("@type", "file"));
        row.put("buffer_timekeys", List.of(1L));
        row.put("retry_count", null);
        row.put("buffer_available_buffer_space_ratios", 100.0);
        assertEquals("plugin_id:object:3f00\tretry_count:\tbuffer_available_buffer_space_ratios:100.0\n"
                + "plugin_id:object:3f00\tretry_count:\tbuffer_available_buffer_space_ratios:100.0\n", Ltsv.plugins(List.of(row, row)));
    }

    @Test
    void theConfigViewIsOneLine() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("pid", 7L);
        info.put("root_dir", null);
        assertEquals("pid:7\troot_dir:", Ltsv.config(info));
    }
}
