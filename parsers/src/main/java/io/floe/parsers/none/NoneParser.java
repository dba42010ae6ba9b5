package io.floe.parsers.none;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fluentd's parser_none: the text as it is, in one field. Applies no types, as Fluentd's does not. */
@Plugin(type = "none", desc = "Keeps the whole text in one field (message_key) without parsing.")
public final class NoneParser extends ParserBase {

    /** The parameters of this parser. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "The field that receives the whole text.", dflt = "message") String messageKey) {
    }

    private final String messageKey;

    public NoneParser(Config c, ParserEnv env) {
        super(c.common(), env, Defaults.PLAIN);
        this.messageKey = c.messageKey();
    }

    @Override
    public void parse(String text, Sink sink) {
        Map<String, Object> record = new LinkedHashMap<>(4);
        record.put(messageKey, text);
        sink.accept(estimate(), record);
    }
}
