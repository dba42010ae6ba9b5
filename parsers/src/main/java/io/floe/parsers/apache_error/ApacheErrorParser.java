package io.floe.parsers.apache_error;

import io.floe.api.Plugin;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.regexp.RegexpParser;

/**
 * Fluentd's parser_apache_error: the regexp parser with Apache's error log format. It sets no time_format,
 * so the time ({@code Wed Oct 11 14:32:52 2000}, Apache 2.4 also with microseconds) is guessed as Ruby's
 * Time.parse does, in the local zone.
 */
@Plugin(type = "apache_error", desc = "Parses Apache error log lines.")
public final class ApacheErrorParser extends RegexpParser {
    static final String EXPRESSION = "/^\\[[^ ]* (?<time>[^\\]]*)\\] \\[(?<level>[^\\]]*)\\](?: \\[pid (?<pid>[^\\]]*)\\])?"
            + "( \\[client (?<client>[^\\]]*)\\])? (?<message>.*)$/";

    public ApacheErrorParser(RegexpParser.Config c, ParserEnv env) {
        super(c, env, EXPRESSION, Defaults.TIME_FIELD);
    }
}
