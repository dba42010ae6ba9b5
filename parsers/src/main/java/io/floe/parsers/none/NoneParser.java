package io.floe.parsers.none;

import io.floe.api.Plugin;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fluentd's parser_none: the text as it is, in one field. Applies no types, as Fluentd's does not. */
@Plugin(type = "none", desc = "Keeps the whole text in one field (message_key) without parsing.")
public final class NoneParser extends ParserBase {
    private final String messageKey;

    public NoneParser(ParseConfig c, ParserEnv env) {
        super(c, env, Defaults.PLAIN);
        this.messageKey = c.messageKey();
    }

    @Override
    public void parse(String text, Sink sink) {
        Map<String, Object> record = new LinkedHashMap<>(4);
        record.put(messageKey, text);
        sink.accept(estimate(), record);
    }
}
