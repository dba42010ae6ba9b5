package io.floe.parsers.none;

import static io.floe.parsers.ParserTestSupport.NOW;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floe.parsers.Parser;
import org.junit.jupiter.api.Test;

class NoneParserTest {
    @Test
    void theWholeTextInMessage() {
        Parser.Parsed p = one(parser("@type none"), "Hello, world  ");
        assertEquals(NOW, p.time());
        assertEquals(rec("message", "Hello, world  "), p.record());
    }

    @Test
    void messageKeyAndNoTime() {
        Parser.Parsed p = one(parser("@type none", "message_key log", "estimate_current_event false", "types log:integer"), "12");
        assertNull(p.time());
        assertEquals(rec("log", "12"), p.record());
    }
}
