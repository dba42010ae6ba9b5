package io.floe.filters.stdout;

import static io.floe.filters.FilterTestSupport.T;
import static io.floe.filters.FilterTestSupport.bind;
import static io.floe.filters.FilterTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.codec.event.Event;
import io.floe.filters.FilterTestSupport.Ctx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StdoutFilterTest {
    private final Ctx ctx = new Ctx();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String print(ZoneId zone, Map<String, Object> record, String... conf) {
        StdoutFilter f = new StdoutFilter(bind(StdoutFilter.Config.class, conf), ctx, out, zone);
        Event e = new Event(T, record);
        assertTrue(f.filter("app.web", e));
        assertSame(record, e.record());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fluentdsStdoutLineAndTheEventPasses() {
        assertEquals("2026-11-21 04:41:58.296931505 +0000 app.web: {\"msg\":\"héllo\",\"n\":1,\"nested\":{\"a\":[true,null]}}\n",
                print(ZoneOffset.UTC, rec("msg", "héllo", "n", 1L, "nested", rec("a", java.util.Arrays.asList(true, null)))));
    }

    @Test
    void localTimeHashOutputAndFormatSection() {
        assertEquals("2026-11-21 13:41:58.296931505 +0900 app.web: {\"k\"=>\"v\"}\n",
                print(ZoneId.of("Asia/Tokyo"), rec("k", "v"), "output_type hash"));
        out.reset();
        assertEquals("{\"k\":\"v\"}\n", print(ZoneOffset.UTC, rec("k", "v"), "<format>", "@type json", "</format>"));
        out.reset();
        assertEquals("2026-11-21T04:41:58Z\tapp.web\t{\"k\":\"v\"}\n",
                print(ZoneOffset.UTC, rec("k", "v"), "<format>", "@type out_file", "utc true", "</format>"));
    }
}
