package io.floe.parsers.container;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.at;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static io.floe.parsers.ParserTestSupport.unmatched;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class ContainerParserTest {
    @Test
    void dockerOrCriPerLine() {
        Parser p = parser("@type container");
        Parser.Parsed d = one(p, "{\"log\":\"from docker\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-21T06:46:31.1Z\"}");
        assertEquals(at("2026-11-21T06:46:31.1Z"), d.time());
        assertRecord(rec("log", "from docker", "stream", "stdout"), d.record());
        Parser.Parsed c = one(p, "2026-11-21T06:46:31.2Z stderr F from cri");
        assertEquals(at("2026-11-21T06:46:31.2Z"), c.time());
        assertRecord(rec("stream", "stderr", "logtag", "F", "message", "from cri", "time", "2026-11-21T06:46:31.2Z"), c.record());
        unmatched(p, "{broken");
        unmatched(p, "nothing");
    }
}
