package io.floe.outputs.format;

import static io.floe.outputs.TestSupport.conf;
import static io.floe.outputs.TestSupport.epoch;
import static io.floe.outputs.TestSupport.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.PluginTypes;
import io.floe.codec.event.Records;
import io.floe.conf.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormattersTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final long T = epoch("2026-11-21T04:43:33Z");
    static final Map<String, Object> DOCKER = rec("log", "container line 0", "container_name", "/web", "source", "stdout");

    static String format(String defaultType, ZoneId local, long sec, int nsec, Map<String, ?> record, String... lines)
            throws IOException {
        Formatter f = Formatters.create(conf(lines), defaultType, FormatConfig.Legacy.NONE, local, PluginTypes.classPath());
        byte[] r = Records.encode(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.format("docker.app", sec, nsec, r, 0, r.length, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    static String outFile(ZoneId local, Map<String, ?> record, String... lines) throws IOException {
        return format("out_file", local, T, 123456789, record, lines);
    }

    @Test
    void outFileDefaultIsIso8601LocalTimeTabTagTabJson() throws IOException {
        assertEquals("2026-11-21T04:43:33+00:00\tdocker.app\t{\"log\":\"container line 0\",\"container_name\":\"/web\",\"source\":\"stdout\"}\n",
                outFile(ZoneOffset.UTC, DOCKER));
        assertEquals("2026-11-21T13:43:33+09:00\tdocker.app\t{\"a\":1}\n", outFile(TOKYO, rec("a", 1)));
    }

    @Test
    void outFileUtcPrintsZAndTimezoneWins() throws IOException {
        assertEquals("2026-11-21T04:43:33Z\tdocker.app\t{}\n", outFile(TOKYO, rec(), "utc true"));
        assertEquals("2026-11-21T04:43:33Z\tdocker.app\t{}\n", outFile(TOKYO, rec(), "localtime false"));
        assertEquals("2026-11-21T09:43:33+05:00\tdocker.app\t{}\n", outFile(TOKYO, rec(), "utc true", "timezone +05"));
        assertEquals("2026-11-21T13:43:33+09:00\tdocker.app\t{}\n", outFile(ZoneOffset.UTC, rec(), "timezone Asia/Tokyo"));
        assertEquals("2026-11-21T00:13:33-04:30\tdocker.app\t{}\n", outFile(ZoneOffset.UTC, rec(), "timezone -04:30"));
    }

    @Test
    void outFileDelimiterWordsAndOtherParams() throws IOException {
        assertEquals("2026-11-21T04:43:33+00:00 docker.app {}\n", outFile(ZoneOffset.UTC, rec(), "delimiter SPACE"));
        assertEquals("2026-11-21T04:43:33+00:00,docker.app,{}\n", outFile(ZoneOffset.UTC, rec(), "delimiter comma"));
        // Fluentd falls back to TAB for any other value.
        assertEquals("2026-11-21T04:43:33+00:00\tdocker.app\t{}\n", outFile(ZoneOffset.UTC, rec(), "delimiter |"));
        assertEquals("docker.app\t{}\n", outFile(ZoneOffset.UTC, rec(), "output_time false"));
        assertEquals("{}\n", outFile(ZoneOffset.UTC, rec(), "output_time false", "output_tag false"));
        assertEquals("2026-11-21T04:43:33+00:00\t{}\r\n", outFile(ZoneOffset.UTC, rec(), "output_tag false", "newline crlf"));
    }

    @Test
    void outFileTimeTypesAndFormats() throws IOException {
        assertEquals("1795236213\tdocker.app\t{}\n", outFile(TOKYO, rec(), "time_type unixtime"));
        assertEquals("1795236213.123456\tdocker.app\t{}\n", outFile(TOKYO, rec(), "time_type float"));
        assertEquals("1795236213.0\tdocker.app\t{}\n", format("out_file", TOKYO, T, 0, rec(), "time_type float"));
        assertEquals("21/Nov/2026:13:43:33.123 +0900\tdocker.app\t{}\n",
                outFile(TOKYO, rec(), "time_format %d/%b/%Y:%H:%M:%S.%L %z"));
        assertEquals("2026-11-21 04:43:33.123456 UTC\tdocker.app\t{}\n",
                outFile(TOKYO, rec(), "time_format %Y-%m-%d %H:%M:%S.%6N %Z", "utc"));
    }

    @Test
    void jsonIsCompactUtf8InRecordOrder() throws IOException {
        Map<String, Object> r = rec("z", "héllo ✓ 日本", "a", rec("b", List.of(1, 2.5, true), "n", null), "q", "say \"hi\"\n");
        String expected = "{\"z\":\"héllo ✓ 日本\",\"a\":{\"b\":[1,2.5,true],\"n\":null},\"q\":\"say \\\"hi\\\"\\n\"}";
        assertEquals(expected + "\n", format("out_file", TOKYO, T, 0, r, "@type json"));
        assertEquals(expected, format("out_file", TOKYO, T, 0, r, "@type json", "add_newline false"));
    }

    @Test
    void ltsvJoinsLabelsWithTabAndReplacesTabsInValues() throws IOException {
        Map<String, Object> r = rec("host", "web\t1", "code", 200, "nested", rec("k", List.of("v", 1)), "none", null, "ok", true);
        assertEquals("host:web 1\tcode:200\tnested:{\"k\"=>[\"v\", 1]}\tnone:\tok:true\n",
                format("json", TOKYO, T, 0, r, "@type ltsv"));
        // Fluentd replaces the delimiter inside every value, the inspected nested ones too.
        assertEquals("host=web\t1,code=200,nested={\"k\"=>[\"v\"  1]},none=,ok=true",
                format("json", TOKYO, T, 0, r, "@type ltsv", "delimiter ,", "label_delimiter =", "add_newline false"));
    }

    @Test
    void singleValuePrintsOneField() throws IOException {
        assertEquals("hello world\n", format("json", TOKYO, T, 0, rec("message", "hello world", "x", 1), "@type single_value"));
        assertEquals("42", format("json", TOKYO, T, 0, rec("log", 42), "@type single_value", "message_key log", "add_newline false"));
        assertEquals("\n", format("json", TOKYO, T, 0, rec("other", 1), "@type single_value"));
    }

    @Test
    void csvQuotesLikeRubyCsv() throws IOException {
        Map<String, Object> r = rec("a", 1, "b", "x,y", "c", null, "d", "say \"hi\"", "e", "");
        assertEquals("\"1\",\"x,y\",\"\",\"say \"\"hi\"\"\",\"\",\"\"\n",
                format("json", TOKYO, T, 0, r, "@type csv", "fields a,b,c,d,e,missing"));
        assertEquals("1,\"x,y\",,\"say \"\"hi\"\"\",\"\",\n",
                format("json", TOKYO, T, 0, r, "@type csv", "fields a,b,c,d,e,missing", "force_quotes false"));
        assertEquals("1\tx,y", format("json", TOKYO, T, 0, r, "@type csv", "fields a, b", "force_quotes false",
                "delimiter TAB", "add_newline false"));
    }

    @Test
    void tsvAndHash() throws IOException {
        Map<String, Object> r = rec("a", 1, "b", "x", "c", null, "d", List.of(1, 2.5), "e", rec("f", true, "g", "#{x}"));
        assertEquals("x\t1\t\n", format("json", TOKYO, T, 0, r, "@type tsv", "keys b,a,c"));
        assertEquals("{\"a\"=>1, \"b\"=>\"x\", \"c\"=>nil, \"d\"=>[1, 2.5], \"e\"=>{\"f\"=>true, \"g\"=>\"\\#{x}\"}}\n",
                format("json", TOKYO, T, 0, r, "@type hash"));
    }

    @Test
    void stdoutFormatterUsesLocalTimeWithNanoseconds() throws IOException {
        long t = epoch("2026-11-21T04:41:58Z");
        Map<String, Object> r = rec("msg", "nano precision", "unicode", "héllo ✓");
        assertEquals("2026-11-21 04:41:58.296931505 +0000 docker.app: {\"msg\":\"nano precision\",\"unicode\":\"héllo ✓\"}\n",
                format("stdout", ZoneOffset.UTC, t, 296931505, r));
        // Fluentd's stdout formatter ignores utc: it always prints local time.
        assertEquals("2026-11-21 13:41:58.000000000 +0900 docker.app: {\"msg\":\"nano precision\",\"unicode\":\"héllo ✓\"}\n",
                format("stdout", TOKYO, t, 0, r, "utc true"));
        assertEquals("2026-11-21 04:41:58.000000000 +0000 docker.app: {\"msg\"=>\"nano precision\", \"unicode\"=>\"héllo ✓\"}\n",
                format("stdout", ZoneOffset.UTC, t, 0, r, "output_type hash"));
        assertEquals("04:41:58 docker.app: nano precision\n",
                format("stdout", ZoneOffset.UTC, t, 0, r, "output_type single_value", "message_key msg", "time_format %T"));
    }

    /** The message of the config error building a formatter from these lines gives, as the binder words it. */
    static String error(String defaultType, String... lines) {
        return assertThrows(ConfigException.class, () -> Formatters.create(conf(lines), defaultType, FormatConfig.Legacy.NONE,
                ZoneOffset.UTC, PluginTypes.classPath())).getMessage();
    }

    @Test
    void badFormatConfigIsReportedAsTheBinderWordsIt() {
        assertTrue(error("json", "@type xml").contains("unknown format type 'xml' (Floe has csv, hash, json, ltsv, out_file, "
                + "single_value, stdout, tsv)"));
        assertTrue(error("json", "@type csv").contains("'fields' parameter is required"));
        assertTrue(error("json", "@type tsv").contains("'keys' parameter is required"));
        assertTrue(error("json", "timezone Mars/Olympus").contains("Unsupported timezone 'Mars/Olympus'"));
        assertTrue(error("out_file", "timezone +9").contains("Unsupported timezone"));
        assertTrue(error("stdout", "output_type stdout").contains("unknown output_type"));
        assertTrue(error("json", "newline cr").contains("'cr' is not one of lf, crlf"));
    }

    @Test
    void everyFormatterHasItsOwnConfigWithTheCommonParameters() {
        for (Class<?> c : new FormatterPlugins().plugins()) {
            Class<?> config = PluginTypes.constructor(c, FormatterEnv.class).getParameterTypes()[0];
            assertTrue(config.getSimpleName().equals("Config") && config.getDeclaringClass() == c, c.getName() + " takes " + config);
            assertEquals(FormatConfig.class, config.getRecordComponents()[0].getType(), c.getName());
        }
        assertEquals(List.of("csv", "hash", "json", "ltsv", "out_file", "single_value", "stdout", "tsv"),
                PluginTypes.classPath().types(Formatter.class));
    }
}
