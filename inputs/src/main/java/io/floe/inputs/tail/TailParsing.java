package io.floe.inputs.tail;

import io.floe.conf.ConfigElement;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.Parsers;
import io.floe.parsers.regex.RubyRegex;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parser a tail source's {@code <parse>} asks for, and how lines must be grouped before it sees them.
 * {@code multiline} is Fluentd's: it is the regexp parser on {@code format1..formatN} written together, with
 * Ruby's {@code m} flag, applied to a first line and its continuation lines joined by newlines; the grouping
 * is stateful per file, so it lives here and not in the parsers module.
 */
record TailParsing(Parser parser, LineAssembler.Mode mode, LineAssembler.MultilineRule multiline) {
    private static final Set<String> CONTAINER_TYPES = Set.of("docker", "cri", "container");

    static TailParsing create(String type, ConfigElement parse, MultilineConfig ml, TailConfig.JoinPartial join, ParserEnv env) {
        if ("multiline".equals(type)) {
            return multiline(parse, ml, env);
        }
        Parser parser = Parsers.create(type, parse, env);
        boolean container = switch (join) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> CONTAINER_TYPES.contains(type) || (type.equals("multi_format")
                    && parse.children("pattern").stream().map(Parsers::patternType).anyMatch(CONTAINER_TYPES::contains));
        };
        return new TailParsing(parser, container ? LineAssembler.Mode.CONTAINER : LineAssembler.Mode.NONE, null);
    }

    private static TailParsing multiline(ConfigElement parse, MultilineConfig ml, ParserEnv env) {
        List<String> formats = ml.formats();
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("multiline parser needs format1 (and optionally format2 ... format20) in <parse>");
        }
        StringBuilder joined = new StringBuilder();
        for (String f : formats) {
            joined.append(f.length() >= 2 && f.startsWith("/") && f.endsWith("/") ? f.substring(1, f.length() - 1) : f);
        }
        Parser regexp = Parsers.regexp("/" + joined + "/m", parse, env);
        Pattern first = ml.formatFirstline() == null ? null : RubyRegex.fromConfig(ml.formatFirstline()).pattern();
        LineAssembler.MultilineRule rule = new LineAssembler.MultilineRule() {
            @Override
            public boolean isFirstLine(String line) {
                return first.matcher(line).find();
            }

            @Override
            public boolean hasFirstLine() {
                return first != null;
            }

            @Override
            public boolean completes(String buffered) {
                return regexp.parseFirst(buffered) != null;
            }
        };
        return new TailParsing(regexp, LineAssembler.Mode.MULTILINE, rule);
    }
}
