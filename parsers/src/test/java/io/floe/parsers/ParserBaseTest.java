package io.floe.parsers;

import static io.floe.parsers.ParserTestSupport.assertRecord;
import static io.floe.parsers.ParserTestSupport.one;
import static io.floe.parsers.ParserTestSupport.parser;
import static io.floe.parsers.ParserTestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The common {@code <parse>} parameters: types, null handling, time key. */
class ParserBaseTest {

    @Test
    void typesAsFluentdConvertsThem() {
        Parser p = parser("@type json", "types i:integer,f:float,b:bool,s:string,a:array,t:time:%Y-%m-%d,u:time:unixtime,"
                + "z:time:Asia/Tokyo:%Y-%m-%d %H:%M,x:integer,big:integer");
        Map<String, Object> r = one(p, "{\"i\":\"42abc\",\"f\":\"1.5e3x\",\"b\":\"Yes\",\"s\":{\"k\":[1,null]},\"a\":\"x,y,,\","
                + "\"t\":\"2013-02-28\",\"u\":\"1362020400\",\"z\":\"2013-02-28 09:00\",\"x\":true,\"big\":\"123456789012345678901\"}").record();
        assertRecord(rec("i", 42L, "f", 1500.0, "b", true, "s", "{\"k\"=>[1, nil]}", "a", List.of("x", "y"), "t", 1362009600L,
                "u", 1362020400L, "z", 1362009600L, "x", 0L, "big", new BigInteger("123456789012345678901")), r);
    }

    @Test
    void aTimeConversionThatFailsIsNullAndUnknownTypesAreConfigErrors() {
        assertEquals(null, one(parser("@type json", "types t:time:%Y"), "{\"t\":\"abc\"}").record().get("t"));
        assertEquals("unknown value conversion for key:'a', type:'decimal'",
                assertThrows(IllegalArgumentException.class, () -> parser("@type json", "types a:decimal")).getMessage());
    }

    @Test
    void nullRulesComeBeforeTypesAndLeaveOtherValues() {
        Parser p = parser("@type json", "null_value_pattern /^(-|N\\/A)$/", "null_empty_string true", "types n:integer");
        assertRecord(recWithNulls("a", null, "b", null, "c", null, "d", "ok", "n", null, "z", false),
                one(p, "{\"a\":\"-\",\"b\":\"N/A\",\"c\":\"\",\"d\":\"ok\",\"n\":\"\",\"z\":false}").record());
        // Ruby's =~ finds the pattern anywhere in the value.
        assertEquals(null, one(parser("@type json", "null_value_pattern -"), "{\"a\":\"x-y\"}").record().get("a"));
    }

    @Test
    void timeKeyIsRemovedUnlessKept() {
        assertRecord(rec("a", 1L), one(parser("@type json"), "{\"time\":1,\"a\":1}").record());
        assertRecord(rec("time", 1L, "a", 1L), one(parser("@type json", "keep_time_key true"), "{\"time\":1,\"a\":1}").record());
        Parser.Parsed ltsv = one(parser("@type ltsv", "time_key ts", "time_type unixtime"), "ts:5\ta:1");
        assertEquals(5L, ltsv.time().seconds());
        assertRecord(rec("a", "1"), ltsv.record());
    }

    @Test
    void aTimeFieldThatIsNotAStringIsAParserErrorForStringTimes() {
        assertEquals("value must be string: 5", assertThrows(ParserException.class,
                () -> parser("@type json", "time_format %s").parse("{\"time\":5}", (t, r) -> { })).getMessage());
    }

    private static Map<String, Object> recWithNulls(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
