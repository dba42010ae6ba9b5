package io.floe.parsers;

import io.floe.api.PluginCatalog;
import io.floe.parsers.apache.ApacheParser;
import io.floe.parsers.apache2.Apache2Parser;
import io.floe.parsers.apache_error.ApacheErrorParser;
import io.floe.parsers.container.ContainerParser;
import io.floe.parsers.cri.CriParser;
import io.floe.parsers.csv.CsvParser;
import io.floe.parsers.docker.DockerParser;
import io.floe.parsers.json.JsonParser;
import io.floe.parsers.ltsv.LtsvParser;
import io.floe.parsers.multi_format.MultiFormatParser;
import io.floe.parsers.nginx.NginxParser;
import io.floe.parsers.none.NoneParser;
import io.floe.parsers.regexp.RegexpParser;
import io.floe.parsers.syslog.SyslogParser;
import io.floe.parsers.tsv.TsvParser;
import java.util.List;

/**
 * The parsers this module ships. They implement {@link Parser}, so the engine's
 * registry files them as the parser kind; {@link Parsers} builds them from a <parse> section.
 */
public final class ParserPlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(NoneParser.class, JsonParser.class, RegexpParser.class, Apache2Parser.class, ApacheParser.class,
                ApacheErrorParser.class, NginxParser.class, SyslogParser.class, CsvParser.class, TsvParser.class,
                LtsvParser.class, DockerParser.class, CriParser.class, ContainerParser.class, MultiFormatParser.class);
    }
}
