package io.floe.conf;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Prints a configuration tree the way Fluentd logs it after "using configuration file:": {@code <ROOT>}
 * ... {@code </ROOT>}, two spaces per level, parameters before subsections, values quoted as written.
 * The output parses back to the same tree.
 */
public final class ConfigDump {
    /** Parameters whose values are never printed when masking (Fluentd marks these {@code secret: true}). */
    public static final Set<String> DEFAULT_SECRET_KEYS = Set.of("password", "shared_key",
            "private_key_passphrase", "api_key", "client_key_pass", "ca_private_key_passphrase",
            "cert_key_passphrase");
    public static final String MASK = "xxxxxx";

    private ConfigDump() {
    }

    public static String dump(ConfigElement e, boolean maskSecrets) {
        return dump(e, maskSecrets ? DEFAULT_SECRET_KEYS::contains : key -> false);
    }

    /** Dumps with the values of keys that {@code isSecretKey} accepts printed as {@code xxxxxx}. */
    public static String dump(ConfigElement e, Predicate<String> isSecretKey) {
        StringBuilder out = new StringBuilder();
        write(out, e, 0, isSecretKey);
        return out.toString();
    }

    private static void write(StringBuilder out, ConfigElement e, int depth, Predicate<String> isSecretKey) {
        String indent = "  ".repeat(depth);
        out.append(indent).append('<').append(e.name());
        if (!e.arg().isEmpty()) {
            out.append(' ').append(e.arg());
        }
        out.append(">\n");
        for (Map.Entry<String, ConfigValue> p : e.params().entrySet()) {
            out.append(indent).append("  ").append(formatKey(p.getKey()));
            String value = isSecretKey.test(p.getKey()) ? MASK : format(p.getValue());
            if (!value.isEmpty()) {
                out.append(' ').append(value);
            }
            out.append('\n');
        }
        for (ConfigElement child : e.children()) {
            write(out, child, depth + 1, isSecretKey);
        }
        out.append(indent).append("</").append(e.name()).append(">\n");
    }

    /**
     * A value as it would be written in fluent.conf: with the quotes it was written with, and in double
     * quotes when bare text would not read back the same (a value from YAML with a newline, say).
     */
    public static String format(ConfigValue v) {
        String text = v.text();
        return switch (v.quoting()) {
            case DOUBLE -> doubleQuoted(text);
            case SINGLE -> text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 ? doubleQuoted(text) : singleQuoted(text);
            case JSON -> text;
            case BARE, NONE -> readsBackBare(text) ? text : doubleQuoted(text);
        };
    }

    private static String formatKey(String key) {
        return !key.isEmpty() && key.chars().noneMatch(Character::isWhitespace)
                && key.charAt(0) != '"' && key.charAt(0) != '\'' ? key : doubleQuoted(key);
    }

    private static boolean readsBackBare(String text) {
        if (text.isEmpty()) {
            return true;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        return "\"'[{".indexOf(first) < 0 && !Character.isWhitespace(first) && !Character.isWhitespace(last)
                && text.indexOf('\n') < 0 && text.indexOf('\r') < 0
                && !text.contains(" #") && !text.contains("\t#");
    }

    private static String singleQuoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                case '\0' -> out.append("\\0");
                // "#{" would be read back as embedded code
                case '#' -> out.append(i + 1 < text.length() && text.charAt(i + 1) == '{' ? "\\#" : "#");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
