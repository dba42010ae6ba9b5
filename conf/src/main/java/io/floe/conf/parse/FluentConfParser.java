package io.floe.conf.parse;

import io.floe.conf.ConfigDump;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Fluentd's v1 configuration syntax (fluent.conf): {@code <section arg>} blocks, {@code key value}
 * parameters with bare, quoted and JSON values, comments and {@code @include}. The result is a tree
 * rooted at an element named {@code ROOT}; the parser accepts any section name and leaves placement
 * rules to the engine, as Fluentd does.
 */
public final class FluentConfParser {
    private static final Set<String> RESERVED_PARAMS = Set.of("@type", "@id", "@label", "@log_level");
    /** Sections where an unknown '@' parameter is an error rather than a warning (as in Fluentd). */
    private static final Set<String> TOP_DIRECTIVES = Set.of("match", "source", "filter", "system");

    private final Diagnostics diag;
    private final Function<String, String> env;
    private final IncludeFiles includes;
    private final TextScanner sc;
    private final ValueScanner values;
    private final Path baseDir;

    private FluentConfParser(String text, String fileName, Path baseDir, Diagnostics diag,
                             Function<String, String> env, IncludeFiles includes) {
        this.diag = Objects.requireNonNull(diag, "diag");
        this.env = Objects.requireNonNull(env, "env");
        this.includes = includes;
        this.sc = new TextScanner(normalize(text), fileName, 1);
        this.values = new ValueScanner(sc, env);
        this.baseDir = baseDir;
    }

    public static ConfigElement parse(Path file, Diagnostics diag) {
        return parse(file, diag, System::getenv);
    }

    /** As {@link #parse(Path, Diagnostics)} with {@code env} answering {@code #{ENV[...]}} lookups. */
    public static ConfigElement parse(Path file, Diagnostics diag, Function<String, String> env) {
        IncludeFiles includes = new IncludeFiles();
        Location where = new Location(file.toString(), 0);
        includes.enter(file, where);
        ConfigElement root = new ConfigElement("ROOT", "", new Location(file.toString(), 1));
        new FluentConfParser(read(file, where), file.toString(), parentOf(file), diag, env, includes)
                .parseFileInto(root);
        return root;
    }

    public static ConfigElement parse(String text, String fileName, Path baseDir, Diagnostics diag) {
        return parse(text, fileName, baseDir, diag, System::getenv);
    }

    /**
     * Parses config text; {@code fileName} is used in Locations and {@code baseDir} resolves relative
     * {@code @include} paths (null: the working directory).
     */
    public static ConfigElement parse(String text, String fileName, Path baseDir, Diagnostics diag,
                                      Function<String, String> env) {
        IncludeFiles includes = new IncludeFiles();
        Path self = IncludeFiles.pathOf(baseDir, fileName);
        if (self != null && Files.isRegularFile(self)) {
            includes.enter(self, new Location(fileName, 0));
        }
        ConfigElement root = new ConfigElement("ROOT", "", new Location(fileName, 1));
        new FluentConfParser(text, fileName, baseDir, diag, env, includes).parseFileInto(root);
        return root;
    }

    static String read(Path file, Location where) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(where, "cannot read config file: it is not UTF-8 text");
        } catch (IOException e) {
            String why = Files.exists(file) ? e.toString() : "no such file";
            throw new ConfigException(where, "cannot read config file: " + why);
        }
    }

    static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent != null ? parent : Path.of("");
    }

    private static String normalize(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n");
    }

    /** A file's top level: like a section body, but it ends at end of file and allows legacy 'include'. */
    private void parseFileInto(ConfigElement target) {
        parseBody(target, null);
    }

    /** Parameters and subsections until the end tag of {@code open} (or end of file when null). */
    private void parseBody(ConfigElement target, ConfigElement open) {
        while (true) {
            sc.skipSpacing();
            if (sc.eof()) {
                if (open == null) {
                    return;
                }
                throw new ConfigException(open.location(), "section " + tag(open) + " opened at line "
                        + open.location().line() + " is not closed: expected end tag '</" + open.name()
                        + ">' but got end of file");
            }
            if (sc.startsWith("</")) {
                parseEndTag(open);
                return;
            } else if (sc.peek() == '<') {
                parseSection(target);
            } else {
                parseParam(target, open);
            }
        }
    }

    private void parseEndTag(ConfigElement open) {
        Location at = sc.location();
        sc.skip(2);
        String name = elementName();
        sc.skipBlanks();
        if (sc.peek() != '>') {
            throw new ConfigException(at, "expected '>' to close the end tag '</" + name + "'");
        }
        sc.next();
        if (!sc.consumeLineEnd()) {
            throw new ConfigException(at, "expected end of line after end tag '</" + name + ">' but got '"
                    + sc.restOfLine() + "'");
        }
        if (open == null) {
            throw new ConfigException(at, "unmatched end tag '</" + name + ">': no section is open here");
        }
        if (!name.equals(open.name())) {
            throw new ConfigException(at, "unmatched end tag '</" + name + ">', expected '</" + open.name()
                    + ">' to close " + tag(open) + " opened at line " + open.location().line());
        }
    }

    private void parseSection(ConfigElement target) {
        Location at = sc.location();
        sc.next();
        String name = elementName();
        if (name.isEmpty()) {
            throw new ConfigException(at, "expected a section name after '<' but got '" + sc.restOfLine() + "'");
        }
        sc.skipBlanks();
        String arg = sectionArg();
        if (sc.peek() != '>') {
            throw new ConfigException(at, "expected '>' to close the tag '<" + name
                    + (arg.isEmpty() ? "" : " " + arg) + "'");
        }
        sc.next();
        ConfigElement section = new ConfigElement(name, arg, at);
        if (!sc.consumeLineEnd()) {
            throw new ConfigException(at, "expected end of line after tag " + tag(section) + " but got '"
                    + sc.restOfLine() + "'");
        }
        parseBody(section, section);
        target.add(section);
    }

    /** The text up to '>' on the tag's line, trimmed; may be quoted. A leading '#' is a comment. */
    private String sectionArg() {
        if (sc.peek() == '"' || sc.peek() == '\'') {
            String arg = values.quoted().text();
            sc.skipBlanks();
            return arg;
        }
        if (sc.peek() == '#') {
            sc.skipToNewline();
            return "";
        }
        int from = sc.pos();
        while (!sc.atNewlineOrEof() && sc.peek() != '>') {
            sc.next();
        }
        return sc.substring(from, sc.pos()).strip();
    }

    private String elementName() {
        int from = sc.pos();
        while (!sc.eof() && isNameChar(sc.peek())) {
            sc.next();
        }
        return sc.substring(from, sc.pos());
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private void parseParam(ConfigElement target, ConfigElement open) {
        ConfigValue keyWord = values.word();
        String key = keyWord.text();
        Location at = keyWord.location();
        sc.skipBlanks();
        boolean bareKey = keyWord.quoting() == ConfigValue.Quoting.BARE;
        boolean include = bareKey && (key.equals("@include") || (key.equals("include") && open == null));
        if (sc.atNewlineOrEof()) {
            if (include) {
                throw new ConfigException(at, "'" + key + "' needs a file path or glob on the same line");
            }
            // A key alone on its line has the empty value (Fluentd's "without value", used by tag_mapped).
            target.put(key, ConfigValue.bare("", at));
            return;
        }
        if (include) {
            if (key.equals("include")) {
                diag.warn(at, "'include' is deprecated. Use '@include' instead");
            }
            parseInclude(target, at);
            return;
        }
        if (key.startsWith("@") && !RESERVED_PARAMS.contains(key)) {
            String why = "'@' is the system reserved prefix. Don't use '@' prefix parameter in the configuration: " + key;
            if (open == null || TOP_DIRECTIVES.contains(open.name())) {
                throw new ConfigException(at, why);
            }
            diag.warn(at, why + " (it works in nested sections for now but will be rejected)");
        }
        ConfigValue value = values.value();
        if (!sc.consumeLineEnd()) {
            // The rest of a secret's line is probably more of the secret: it is not quoted.
            throw new ConfigException(sc.location(), "expected end of line after the value of '" + key + "'"
                    + (ConfigDump.DEFAULT_SECRET_KEYS.contains(key) ? "" : " but got '" + sc.restOfLine() + "'"));
        }
        target.put(key, new ConfigValue(value.text(), at, value.quoting()));
    }

    /** Splices the included files' parameters and sections into {@code target} at this point. */
    private void parseInclude(ConfigElement target, Location at) {
        String spec = (sc.peek() == '"' || sc.peek() == '\'') ? values.quoted().text() : values.bare();
        if (!sc.consumeLineEnd()) {
            throw new ConfigException(at, "expected end of line after the include path but got '"
                    + sc.restOfLine() + "'");
        }
        for (Path file : IncludeFiles.resolve(spec, baseDir, at)) {
            includes.enter(file, at);
            try {
                String text = read(file, at);
                new FluentConfParser(text, file.toString(), parentOf(file), diag, env, includes)
                        .parseFileInto(target);
            } finally {
                includes.leave();
            }
        }
    }

    private static String tag(ConfigElement e) {
        return "<" + e.name() + (e.arg().isEmpty() ? "" : " " + e.arg()) + ">";
    }
}
