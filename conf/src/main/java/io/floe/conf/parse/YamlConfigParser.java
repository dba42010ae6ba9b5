package io.floe.conf.parse;

import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Diagnostics;
import io.floe.conf.Location;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Fluentd's YAML configuration format, read into the same tree as fluent.conf: a {@code system:} map and
 * a {@code config:} list of {@code source/match/filter/label/worker} items, {@code $type}-style keys for
 * the '@' parameters and section args, nested maps as sections, and the {@code !include},
 * {@code !fluent/s} and {@code !fluent/json} tags. YAML is only composed into nodes, never constructed
 * into objects, so no tag can make SnakeYAML instantiate anything.
 */
public final class YamlConfigParser {
    private static final Map<String, String> RESERVED = reserved();
    private static final String DIRECTIVES = "source, match, filter, label or worker";

    private final Diagnostics diag;
    private final YamlValues values;

    /** Where nodes came from: the file for Locations and includes, and the include chain for cycles. */
    private record Src(String fileName, Path dir, List<Path> chain) {
        Location at(Node n) {
            return new Location(fileName, n.getStartMark().getLine() + 1);
        }
    }

    /** One key of a map, with the file its value belongs to (merged and included maps come from others). */
    private record Entry(String key, Location at, Node value, Src src) {
    }

    private YamlConfigParser(Diagnostics diag, Function<String, String> env) {
        this.diag = Objects.requireNonNull(diag, "diag");
        this.values = new YamlValues(Objects.requireNonNull(env, "env"));
    }

    private static Map<String, String> reserved() {
        Map<String, String> m = new LinkedHashMap<>(); // Fluentd writes these first, in this order
        m.put("$type", "@type");
        m.put("$label", "@label");
        m.put("$id", "@id");
        m.put("$log_level", "@log_level");
        return m;
    }

    public static ConfigElement parse(Path file, Diagnostics diag) {
        return parse(file, diag, System::getenv);
    }

    public static ConfigElement parse(Path file, Diagnostics diag, Function<String, String> env) {
        String text = FluentConfParser.read(file, new Location(file.toString(), 0));
        Src src = new Src(file.toString(), FluentConfParser.parentOf(file), List.of(IncludeFiles.realPath(file)));
        return new YamlConfigParser(diag, env).document(text, src);
    }

    public static ConfigElement parse(String text, String fileName, Path baseDir, Diagnostics diag) {
        return parse(text, fileName, baseDir, diag, System::getenv);
    }

    /** Parses YAML text; {@code fileName} names it in Locations, {@code baseDir} resolves {@code !include}. */
    public static ConfigElement parse(String text, String fileName, Path baseDir, Diagnostics diag,
                                      Function<String, String> env) {
        Path dir = baseDir == null ? Path.of("") : baseDir;
        Path self = IncludeFiles.pathOf(dir, fileName);
        Src src = new Src(fileName, dir, self == null ? List.of() : List.of(IncludeFiles.realPath(self)));
        return new YamlConfigParser(diag, env).document(text, src);
    }

    private ConfigElement document(String text, Src src) {
        ConfigElement root = new ConfigElement("ROOT", "", new Location(src.fileName(), 1));
        Node top = compose(text, src);
        if (top == null) {
            return root;
        }
        if (!(top instanceof MappingNode)) {
            throw new ConfigException(src.at(top), "a YAML configuration must be a map with 'system' and/or 'config' keys");
        }
        List<Entry> entries = entries(top, src, 0);
        for (Entry e : entries) { // <system> comes first whatever the key order, as in Fluentd
            if (e.key().equals("system")) {
                root.add(section("system", "", e.at(), body(e, 0), 0));
            }
        }
        for (Entry e : entries) {
            if (e.key().equals("config")) {
                configList(e.value(), e.src(), e.at(), root, 0);
            }
        }
        return root;
    }

    private static Node compose(String text, Src src) {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            return yaml.compose(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            String problem = String.valueOf(e.getProblem());
            // SnakeYAML's wording for a misindented line does not say "indentation"; users need that word.
            String hint = problem.contains("<block end>") || problem.contains("mapping values are not allowed")
                    ? "; check the indentation of this line and the one before" : "";
            throw new ConfigException(new Location(src.fileName(), line), "invalid YAML: " + problem + context + hint, e);
        } catch (YAMLException e) {
            throw new ConfigException(new Location(src.fileName(), 0), "invalid YAML: " + e.getMessage(), e);
        }
    }

    /** The items of a {@code config:} list (top level, label or worker) added to {@code parent}. */
    private void configList(Node list, Src src, Location at, ConfigElement parent, int depth) {
        checkDepth(at, depth);
        if (isInclude(list)) {
            forEachIncluded((ScalarNode) list, src, (root, inc) -> configList(root, inc, inc.at(root), parent, depth + 1));
            return;
        }
        if (list instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return; // "config:" with nothing under it, which Fluentd also accepts
        }
        if (!(list instanceof SequenceNode seq)) {
            throw new ConfigException(at, "'config' must be a list of " + DIRECTIVES + " items, e.g. '- source: {...}'");
        }
        for (Node item : seq.getValue()) {
            configItem(item, src, parent, depth + 1);
        }
    }

    private void configItem(Node item, Src src, ConfigElement parent, int depth) {
        if (isInclude(item)) {
            // An included file is either a list of items or a map of directives (one item per key).
            forEachIncluded((ScalarNode) item, src, (root, inc) -> {
                if (root instanceof SequenceNode) {
                    configList(root, inc, inc.at(root), parent, depth + 1);
                } else {
                    configItem(root, inc, parent, depth + 1);
                }
            });
            return;
        }
        if (!(item instanceof MappingNode)) {
            throw new ConfigException(src.at(item), "each item of 'config' must be a map with one of " + DIRECTIVES);
        }
        for (Entry e : entries(item, src, depth)) {
            parent.add(directive(e, depth));
        }
    }

    private ConfigElement directive(Entry e, int depth) {
        List<Entry> body = body(e, depth);
        return switch (e.key()) {
            case "source" -> section("source", "", e.at(), body, depth);
            case "match", "filter" -> section(e.key(), arg(body, "$tag"), e.at(), without(body, "$tag"), depth);
            case "label", "worker" -> container(e, body, depth);
            default -> throw new ConfigException(e.at(), "unknown directive '" + e.key()
                    + "' in the config list: expected " + DIRECTIVES);
        };
    }

    /** label ($name) and worker ($arg) hold their own {@code config:} list instead of parameters. */
    private ConfigElement container(Entry e, List<Entry> body, int depth) {
        String argKey = e.key().equals("label") ? "$name" : "$arg";
        ConfigElement element = new ConfigElement(e.key(), arg(body, argKey), e.at());
        Entry config = null;
        for (Entry b : body) {
            if (b.key().equals("config")) {
                config = b;
            } else if (!b.key().equals(argKey)) {
                diag.warn(b.at(), "'" + b.key() + "' is ignored in " + e.key() + ": only " + argKey + " and config are read");
            }
        }
        if (config == null) {
            throw new ConfigException(e.at(), e.key() + " needs a 'config' list of " + DIRECTIVES + " items");
        }
        configList(config.value(), config.src(), config.at(), element, depth + 1);
        return element;
    }

    /** A section from map entries: reserved $keys become '@' parameters, maps and lists of maps subsections. */
    private ConfigElement section(String name, String arg, Location at, List<Entry> body, int depth) {
        checkDepth(at, depth);
        ConfigElement element = new ConfigElement(name, arg, at);
        for (Map.Entry<String, String> r : RESERVED.entrySet()) {
            for (Entry e : body) {
                if (e.key().equals(r.getKey())) {
                    element.put(r.getValue(), scalarOnly(e));
                }
            }
        }
        for (Entry e : body) {
            if (!RESERVED.containsKey(e.key())) {
                member(element, e, depth + 1);
            }
        }
        return element;
    }

    private void member(ConfigElement element, Entry e, int depth) {
        Node v = e.value();
        if (isInclude(v)) {
            forEachIncluded((ScalarNode) v, e.src(), (root, inc) ->
                    member(element, new Entry(e.key(), e.at(), root, inc), depth + 1));
        } else if (v instanceof MappingNode && !YamlValues.hasTag(v, YamlValues.FLUENT_JSON)) {
            List<Entry> body = body(e, depth);
            element.add(section(e.key(), arg(body, "$arg"), e.at(), without(body, "$arg"), depth));
        } else if (v instanceof SequenceNode seq && !YamlValues.hasTag(v, YamlValues.FLUENT_JSON)
                && !seq.getValue().isEmpty() && seq.getValue().get(0) instanceof MappingNode) {
            for (Node item : seq.getValue()) { // a list of maps: several sections with this name
                Entry one = new Entry(e.key(), e.src().at(item), item, e.src());
                if (!(item instanceof MappingNode)) {
                    throw new ConfigException(one.at(), "'" + e.key() + "' mixes sections (maps) and plain values");
                }
                List<Entry> body = body(one, depth);
                element.add(section(e.key(), arg(body, "$arg"), one.at(), without(body, "$arg"), depth));
            }
        } else if (v instanceof ScalarNode s) {
            element.put(e.key(), values.scalar(s, e.at()));
        } else {
            element.put(e.key(), values.json(v, e.at()));
        }
    }

    /** The entries of a map that is a section body; a null value is an empty body; !include brings maps. */
    private List<Entry> body(Entry e, int depth) {
        Node v = e.value();
        if (v instanceof MappingNode) {
            return entries(v, e.src(), depth);
        }
        if (isInclude(v)) {
            List<Entry> all = new ArrayList<>();
            forEachIncluded((ScalarNode) v, e.src(), (root, inc) -> all.addAll(body(new Entry(e.key(), e.at(), root, inc), depth + 1)));
            return all;
        }
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return List.of();
        }
        throw new ConfigException(e.at(), "'" + e.key() + "' must be a map of parameters");
    }

    /**
     * The keys of a map in order. '<<' merges other maps (anchors or !include) without overriding keys
     * written here; a key written twice keeps the last value, with a warning.
     */
    private List<Entry> entries(Node map, Src src, int depth) {
        checkDepth(src.at(map), depth);
        Set<String> own = new HashSet<>();
        for (NodeTuple t : ((MappingNode) map).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !isMergeKey(k)) {
                own.add(k.getValue());
            }
        }
        Map<String, Entry> result = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) map).getValue()) {
            Node k = t.getKeyNode();
            if (isMergeKey(k)) {
                for (Entry m : merged(new Entry("<<", src.at(k), t.getValueNode(), src), depth + 1)) {
                    if (!own.contains(m.key())) {
                        result.putIfAbsent(m.key(), m);
                    }
                }
            } else if (k instanceof ScalarNode key) {
                Entry previous = result.put(key.getValue(), new Entry(key.getValue(), src.at(k), t.getValueNode(), src));
                if (previous != null) {
                    diag.warn(src.at(k), "'" + key.getValue() + "' is given more than once; the last value is used");
                }
            } else {
                throw new ConfigException(src.at(k), "a YAML key must be a plain scalar, not a list or map");
            }
        }
        return new ArrayList<>(result.values());
    }

    private List<Entry> merged(Entry merge, int depth) {
        Node v = merge.value();
        if (v instanceof SequenceNode seq) {
            List<Entry> all = new ArrayList<>();
            for (Node m : seq.getValue()) {
                all.addAll(merged(new Entry("<<", merge.src().at(m), m, merge.src()), depth + 1));
            }
            return all;
        }
        if (v instanceof MappingNode || isInclude(v)) {
            return body(merge, depth);
        }
        throw new ConfigException(merge.at(), "'<<' must be given a map, a list of maps or !include");
    }

    static boolean isMergeKey(Node k) {
        return k instanceof ScalarNode s && (s.getTag().equals(Tag.MERGE) || s.getValue().equals("<<"));
    }

    private static boolean isInclude(Node n) {
        return n instanceof ScalarNode && YamlValues.hasTag(n, YamlValues.INCLUDE);
    }

    private interface IncludedFile {
        void accept(Node root, Src src);
    }

    /** Reads the files an !include names (a glob may name several) and hands each one's top node over. */
    private void forEachIncluded(ScalarNode include, Src src, IncludedFile action) {
        Location at = src.at(include);
        for (Path file : IncludeFiles.resolve(include.getValue(), src.dir(), at)) {
            Path real = IncludeFiles.realPath(file);
            if (src.chain().contains(real)) {
                String chain = src.chain().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" -> "));
                throw new ConfigException(at, "include cycle: " + chain + " -> " + real.getFileName()
                        + " (a file may not include itself)");
            }
            List<Path> chain = new ArrayList<>(src.chain());
            chain.add(real);
            Src inc = new Src(file.toString(), FluentConfParser.parentOf(file), List.copyOf(chain));
            Node root = compose(FluentConfParser.read(file, at), inc);
            if (root != null) {
                action.accept(root, inc);
            }
        }
    }

    /** A section arg: a scalar, or a list joined with ',' as Fluentd does for $tag and $arg. */
    private static String arg(List<Entry> body, String key) {
        for (Entry e : body) {
            if (e.key().equals(key)) {
                if (e.value() instanceof ScalarNode s) {
                    return s.getTag().equals(Tag.NULL) ? "" : s.getValue();
                }
                if (e.value() instanceof SequenceNode seq && seq.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
                    return seq.getValue().stream().map(n -> ((ScalarNode) n).getValue()).collect(Collectors.joining(","));
                }
                throw new ConfigException(e.at(), key + " must be text or a list of texts");
            }
        }
        return "";
    }

    private static List<Entry> without(List<Entry> body, String key) {
        return body.stream().filter(e -> !e.key().equals(key)).toList();
    }

    private ConfigValue scalarOnly(Entry e) {
        if (!(e.value() instanceof ScalarNode s) || isInclude(s)) {
            throw new ConfigException(e.at(), e.key() + " must be a single value");
        }
        return values.scalar(s, e.at());
    }

    private static void checkDepth(Location at, int depth) {
        if (depth > YamlValues.MAX_DEPTH) {
            throw new ConfigException(at, "YAML configuration nested too deeply (does an alias refer to itself?)");
        }
    }
}
