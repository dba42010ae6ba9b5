package io.floe.parsers.regexp;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.ParserBase;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.regex.RubyRegex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Fluentd's parser_regexp: the named groups of {@code expression} (a Ruby regexp, translated by
 * {@link RubyRegex}) become the fields, in the order the groups are written; a group that took no part in
 * the match is left out. Like Ruby's {@code match}, the expression may match anywhere in the text.
 */
@Plugin(type = "regexp", desc = "Parses text with a Ruby regular expression whose named groups become the fields.")
public class RegexpParser extends ParserBase {
    private final RubyRegex regex;
    private final String[] names;

    /** The parameters of regexp and of the parsers that are it with a built-in expression (nginx, apache, apache_error). */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "The Ruby regular expression, /.../ with optional i and m flags, or bare; named groups become "
                    + "fields. Required for regexp; apache, apache_error, nginx: replaces their built-in expression.",
                    dflt = Param.NULL) String expression,
            @Param(desc = "No longer effective; write /pattern/i.", dflt = "false",
                    deprecated = "Use /pattern/i instead, this option is no longer effective") boolean ignorecase,
            @Param(desc = "No longer effective; write /pattern/m.", dflt = "false",
                    deprecated = "Use /pattern/m instead, this option is no longer effective") boolean multiline) {

        /** The same settings with another expression (v0.12's {@code format /regexp/}, tail's multiline). */
        public Config withExpression(String e) {
            return new Config(common, e, ignorecase, multiline);
        }
    }

    public RegexpParser(Config c, ParserEnv env) {
        this(c, env, null, Defaults.TIME_FIELD);
    }

    /** For the parsers that are this one with a built-in expression (nginx, apache, apache_error). */
    protected RegexpParser(Config c, ParserEnv env, String defaultExpression, Defaults defaults) {
        super(c.common(), env, defaults);
        String expression = c.expression() != null ? c.expression() : defaultExpression;
        if (expression == null) {
            throw new IllegalArgumentException("'expression' parameter is required for <parse> @type regexp");
        }
        this.regex = RubyRegex.fromConfig(expression);
        List<String> n = regex.names();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("No named captures in 'expression' parameter. "
                    + "The regexp must have at least one named capture: " + expression);
        }
        this.names = n.toArray(new String[0]);
    }

    @Override
    public void parse(String text, Sink sink) {
        Matcher m = regex.pattern().matcher(text);
        if (!m.find()) {
            sink.accept(null, null);
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            String v = regex.group(m, i);
            if (v != null) {
                record.put(names[i], v);
            }
        }
        emit(record, sink);
    }
}
