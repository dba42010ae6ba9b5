package io.floe.conf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A section of the configuration: {@code <name arg>} with its parameters and nested sections, the same
 * tree for fluent.conf and YAML. The root is named {@code ROOT}. Each element remembers which parameters
 * a plugin read, so the ones nobody read can be reported in Fluentd's words ("is not used").
 */
public final class ConfigElement {
    private final String name;
    private final String arg;
    private final Location location;
    private final Map<String, ConfigValue> params = new LinkedHashMap<>();
    private final List<ConfigElement> children = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    public ConfigElement(String name, String arg, Location location) {
        this.name = name;
        this.arg = arg == null ? "" : arg;
        this.location = location;
    }

    public String name() {
        return name;
    }

    /** The text after the section name: match patterns, a label name, buffer chunk keys. Empty when none. */
    public String arg() {
        return arg;
    }

    public Location location() {
        return location;
    }

    public Map<String, ConfigValue> params() {
        return Collections.unmodifiableMap(params);
    }

    public List<ConfigElement> children() {
        return Collections.unmodifiableList(children);
    }

    public List<ConfigElement> children(String childName) {
        List<ConfigElement> out = new ArrayList<>();
        for (ConfigElement c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    /** The value of a parameter, marking it used; null when absent. */
    public ConfigValue get(String key) {
        used.add(key);
        return params.get(key);
    }

    /** The text of a parameter, marking it used; null when absent. */
    public String getText(String key) {
        ConfigValue v = get(key);
        return v == null ? null : v.text();
    }

    /** Reads a parameter without marking it used (for the engine's look at a plugin's section). */
    public ConfigValue peek(String key) {
        return params.get(key);
    }

    public void markUsed(String key) {
        used.add(key);
    }

    public boolean isUsed(String key) {
        return used.contains(key);
    }

    public void put(String key, ConfigValue value) {
        params.put(key, value);
    }

    public ConfigValue remove(String key) {
        return params.remove(key);
    }

    public void add(ConfigElement child) {
        children.add(child);
    }

    public void addAll(List<ConfigElement> more) {
        children.addAll(more);
    }

    @Override
    public String toString() {
        return ConfigDump.dump(this, false);
    }
}
