package io.floe.conf.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML nodes that are parameter values (not sections) into ConfigValues: scalars keep their YAML
 * text, {@code !fluent/s} gets fluent.conf's double-quote treatment, lists and maps become JSON text.
 */
final class YamlValues {
    static final String INCLUDE = "!include";
    static final String FLUENT_STRING = "!fluent/s";
    static final String FLUENT_JSON = "!fluent/json";
    private static final Set<String> OWN_TAGS = Set.of(INCLUDE, FLUENT_STRING, FLUENT_JSON);
    private static final Set<String> TRUE_WORDS = Set.of("yes", "true", "on", "y");
    /** Deeper than any real config; stops an alias that contains itself from recursing forever. */
    static final int MAX_DEPTH = 64;

    private final Function<String, String> env;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    YamlValues(Function<String, String> env) {
        this.env = env;
    }

    static String tag(Node n) {
        return n.getTag().getValue();
    }

    static boolean hasTag(Node n, String tag) {
        return tag(n).equals(tag);
    }

    /** Refuses tags that would ask for object construction or a meaning Floe does not know (!ruby/...). */
    static void checkTag(Node n, Location at) {
        String t = tag(n);
        if (!t.startsWith(Tag.PREFIX) && !OWN_TAGS.contains(t)) {
            throw new ConfigException(at, "unsupported YAML tag '" + t + "': only !include, !fluent/s and "
                    + "!fluent/json are understood");
        }
    }

    /** A parameter value from a scalar node (already known not to be !include). */
    ConfigValue scalar(ScalarNode n, Location at) {
        checkTag(n, at);
        if (hasTag(n, FLUENT_STRING)) {
            return new ConfigValue(interpolate(n, at), at, ConfigValue.Quoting.DOUBLE);
        }
        if (hasTag(n, FLUENT_JSON)) {
            return json(n, at);
        }
        if (n.getTag().equals(Tag.NULL)) {
            return ConfigValue.bare("", at); // like a fluent.conf key without value
        }
        return new ConfigValue(n.getValue(), at, quoting(n.getScalarStyle()));
    }

    /** A list or map that is a parameter value rather than sections: compact JSON text. */
    ConfigValue json(Node n, Location at) {
        return new ConfigValue(write(toJson(n, at, 0), at), at, ConfigValue.Quoting.JSON);
    }

    private static ConfigValue.Quoting quoting(DumperOptions.ScalarStyle style) {
        return switch (style) {
            case PLAIN -> ConfigValue.Quoting.BARE;
            case SINGLE_QUOTED -> ConfigValue.Quoting.SINGLE;
            default -> ConfigValue.Quoting.DOUBLE;
        };
    }

    private String interpolate(ScalarNode n, Location at) {
        TextScanner sc = new TextScanner(n.getValue(), at.file(), n.getStartMark().getLine() + 1);
        return ValueScanner.doubleQuotedBody(sc, env, false, at);
    }

    JsonNode toJson(Node n, Location at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(at, "YAML value nested too deeply (does an alias refer to itself?)");
        }
        checkTag(n, at);
        if (n instanceof ScalarNode s) {
            return scalarJson(s, at);
        }
        if (n instanceof SequenceNode seq) {
            ArrayNode array = nodes.arrayNode();
            for (Node item : seq.getValue()) {
                array.add(toJson(item, at, depth + 1));
            }
            return array;
        }
        ObjectNode object = nodes.objectNode();
        putAll(object, (MappingNode) n, at, depth);
        return object;
    }

    /** Map entries into a JSON object; '<<' merges an aliased map (or list of maps) without overriding keys. */
    private void putAll(ObjectNode object, MappingNode map, Location at, int depth) {
        ObjectNode merged = nodes.objectNode();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            Node v = t.getValueNode();
            if (YamlConfigParser.isMergeKey(k)) {
                for (Node source : v instanceof SequenceNode seq ? seq.getValue() : List.of(v)) {
                    if (!(source instanceof MappingNode m)) {
                        throw new ConfigException(at, "'<<' must be given a map or a list of maps");
                    }
                    ObjectNode part = nodes.objectNode();
                    putAll(part, m, at, depth + 1);
                    part.fields().forEachRemaining(f -> {
                        if (!merged.has(f.getKey())) {
                            merged.set(f.getKey(), f.getValue());
                        }
                    });
                }
            } else if (k instanceof ScalarNode key) {
                object.set(key.getValue(), toJson(v, at, depth + 1));
            } else {
                throw new ConfigException(at, "a JSON object key must be a plain YAML scalar");
            }
        }
        merged.fields().forEachRemaining(f -> {
            if (!object.has(f.getKey())) {
                object.set(f.getKey(), f.getValue());
            }
        });
    }

    private JsonNode scalarJson(ScalarNode s, Location at) {
        if (hasTag(s, INCLUDE)) {
            throw new ConfigException(at, "!include is not supported inside a JSON value");
        }
        if (hasTag(s, FLUENT_STRING)) {
            return nodes.textNode(interpolate(s, at));
        }
        String v = s.getValue();
        Tag t = s.getTag();
        if (t.equals(Tag.NULL)) {
            return nodes.nullNode();
        }
        if (t.equals(Tag.BOOL)) {
            return nodes.booleanNode(TRUE_WORDS.contains(v.toLowerCase()));
        }
        if (t.equals(Tag.INT)) {
            BigInteger i = yamlInt(v);
            return i == null ? nodes.textNode(v) : nodes.numberNode(i);
        }
        if (t.equals(Tag.FLOAT)) {
            try {
                return nodes.numberNode(Double.parseDouble(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return nodes.textNode(v); // .inf, .nan and sexagesimal have no JSON form
            }
        }
        return nodes.textNode(v);
    }

    /** YAML 1.1 integers as SnakeYAML resolves them: 0x.., 0b.., leading-zero octal, '_' separators. */
    private static BigInteger yamlInt(String text) {
        String v = text.replace("_", "");
        boolean negative = v.startsWith("-");
        if (negative || v.startsWith("+")) {
            v = v.substring(1);
        }
        try {
            BigInteger i;
            if (v.startsWith("0x")) {
                i = new BigInteger(v.substring(2), 16);
            } else if (v.startsWith("0b")) {
                i = new BigInteger(v.substring(2), 2);
            } else if (v.length() > 1 && v.startsWith("0")) {
                i = new BigInteger(v.substring(1), 8);
            } else {
                i = new BigInteger(v);
            }
            return negative ? i.negate() : i;
        } catch (NumberFormatException e) {
            return null; // sexagesimal (1:30) stays text
        }
    }

    String write(JsonNode value, Location at) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ConfigException(at, "cannot write JSON value: " + e.getOriginalMessage(), e);
        }
    }
}
