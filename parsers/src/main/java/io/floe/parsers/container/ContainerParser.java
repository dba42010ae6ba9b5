package io.floe.parsers.container;

import io.floe.api.Plugin;
import io.floe.parsers.ParseConfig;
import io.floe.parsers.Parser;
import io.floe.parsers.ParserEnv;
import io.floe.parsers.cri.CriParser;
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

    public ContainerParser(ParseConfig c, ParserEnv env) {
        this.docker = new DockerParser(c, env);
        this.cri = new CriParser(c, env);
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
