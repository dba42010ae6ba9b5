package io.floe.outputs.format;

import java.time.ZoneId;

/** Builds the formatter a {@code <format>} section asks for. */
public final class Formatters {
    private Formatters() {
    }

    /**
     * @param defaultType the owning plugin's default {@code @type}
     * @param localZone   what Fluentd calls local time: the process's zone outside tests
     */
    public static Formatter create(FormatConfig c, String defaultType, ZoneId localZone) {
        String type = c.type() != null ? c.type() : defaultType;
        return switch (type) {
            case "out_file" -> new OutFileFormatter(c, TimeFormat.of(c, localZone));
            case "json" -> new JsonFormatter(c);
            case "ltsv" -> new LtsvFormatter(c);
            case "csv" -> new CsvFormatter(c);
            case "tsv" -> new TsvFormatter(c);
            case "single_value" -> new SingleValueFormatter(c);
            case "hash" -> new HashFormatter(c);
            case "stdout" -> new StdoutFormatter(c,
                    create(c.withType(c.outputType() != null ? c.outputType() : "json"), "json", localZone), localZone);
            default -> throw new IllegalArgumentException("unknown format type '" + type + "'");
        };
    }
}
