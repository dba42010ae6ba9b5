package io.floe.parsers.container;

import io.floe.api.Plugin;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.conf.ConfigElement;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.cri.CriParser;
import java.util.List;
import io.floe.parsers.docker.DockerParser;

/**
 * A Kubernetes node's container logs in either runtime's format, decided per line: a line starting with
 * {@code {} is Docker json-file, any other CRI. The {@code multi_format} of docker and cri without
 * trying both. A Floe parser; the section's parameters go to both.
 */
@Plugin(type = "container", desc = "Parses container log lines of either Docker json-file or CRI format, per line.")
public final class ContainerParser implements Parser {
    private final Parser docker;
    private final Parser cri;

    /** Docker's and CRI's parameters: the section's go to both. */
    public record Config(
            @Inline(title = ParseConfig.TITLE) ParseConfig common,
            @Param(desc = "docker: when set, a line whose log does not end in a newline (Docker splits lines over 16 KB) "
                    + "gets this field set to true.", dflt = Param.NULL) String partialKey,
            @Param(desc = "cri with a nested <parse>: add stream and logtag to the parsed record.", dflt = "true")
            boolean mergeCriFields,
            @Section(name = "parse", kind = "parser", desc = "cri: parses the message part with this parser.")
            List<ConfigElement> parse) {
    }

    public ContainerParser(Config c, ParserEnv env) {
        this.docker = new DockerParser(new DockerParser.Config(c.common(), c.partialKey()), env);
        this.cri = new CriParser(new CriParser.Config(c.common(), c.mergeCriFields(), c.parse()), env);
    }

    @Override
    public void parse(String text, Sink sink) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        (i < text.length() && text.charAt(i) == '{' ? docker : cri).parse(text, sink);
    }
}
