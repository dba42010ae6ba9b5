package io.floe.parsers.nginx;

import io.floe.api.Plugin;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.regexp.RegexpParser;

/** Fluentd's parser_nginx: the regexp parser with Nginx's default access log format; every field is a string. */
@Plugin(type = "nginx", desc = "Parses Nginx's default (combined) access log lines.")
public final class NginxParser extends RegexpParser {
    static final String EXPRESSION = "/^(?<remote>[^ ]*) (?<host>[^ ]*) (?<user>[^ ]*) \\[(?<time>[^\\]]*)\\] \"(?<method>\\S+)"
            + "(?: +(?<path>[^\\\"]*?)(?: +\\S*)?)?\" (?<code>[^ ]*) (?<size>[^ ]*)(?: \"(?<referer>[^\\\"]*)\" "
            + "\"(?<agent>[^\\\"]*)\"(?:\\s+(?<http_x_forwarded_for>[^ ]+))?)?$/";

    public NginxParser(RegexpParser.Config c, ParserEnv env) {
        super(c, env, EXPRESSION, Defaults.TIME_FIELD.withTimeFormat("%d/%b/%Y:%H:%M:%S %z"));
    }
}
