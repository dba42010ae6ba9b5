package io.floe.parsers.apache;

import io.floe.api.Plugin;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.regexp.RegexpParser;

/**
 * Fluentd's parser_apache: the regexp parser with the Common Log Format (plus optional referer and agent);
 * every field is a string and {@code -} stays {@code -}. See apache2 for the converting variant.
 */
@Plugin(type = "apache", desc = "Parses Apache access log lines (common/combined), every field a string.")
public final class ApacheParser extends RegexpParser {
    static final String EXPRESSION = "/^(?<host>[^ ]*) [^ ]* (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] \"(?<method>\\S+)"
            + "(?: +(?<path>[^ ]*) +\\S*)?\" (?<code>[^ ]*) (?<size>[^ ]*)(?: \"(?<referer>[^\\\"]*)\" \"(?<agent>[^\\\"]*)\")?$/";

    public ApacheParser(RegexpParser.Config c, ParserEnv env) {
        super(c, env, EXPRESSION, Defaults.TIME_FIELD.withTimeFormat("%d/%b/%Y:%H:%M:%S %z"));
    }
}
