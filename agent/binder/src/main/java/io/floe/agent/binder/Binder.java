package io.floe.agent.binder;

import io.floe.api.config.Arg;
import io.floe.api.config.Inline;
import io.floe.api.config.Param;
import io.floe.api.config.Section;
import io.floe.conf.ConfigElement;
import io.floe.conf.ConfigException;
import io.floe.conf.ConfigValue;
import io.floe.conf.Location;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a config section to a plugin's {@code Config} record, using the {@link Param}, {@link Section},
 * {@link Arg} and {@link Inline} annotations on its components. Every problem is collected with its file and line,
 * so a user sees all of them at once; {@link #bind} returns null when the section had errors.
 */
public final class Binder {
    private final List<ConfigException> errors = new ArrayList<>();

    public List<ConfigException> errors() {
        return errors;
    }

    public void error(Location at, String message) {
        errors.add(new ConfigException(at, message));
    }

    public <R extends Record> R bind(Class<R> type, ConfigElement el) {
        RecordComponent[] comps = type.getRecordComponents();
        if (comps == null) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        Object[] args = new Object[comps.length];
        int before = errors.size();
        for (int i = 0; i < comps.length; i++) {
            args[i] = bindComponent(type, comps[i], el);
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
            }
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            // A record's compact constructor validates combinations of parameters.
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce) {
                errors.add(ce);
            } else {
                error(el.location(), "<" + el.name() + ">: " + cause.getMessage());
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    /**
     * Binds a section on its own (a {@code <parse>} when its owner builds the parser): throws the first
     * problem, any others suppressed on it, so the owner's binding reports them as one.
     */
    public static <R extends Record> R bindOrThrow(Class<R> type, ConfigElement el) {
        Binder b = new Binder();
        R bound = b.bind(type, el);
        if (!b.errors().isEmpty()) {
            ConfigException first = b.errors().get(0);
            b.errors().stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        return bound;
    }

    private Object bindComponent(Class<?> owner, RecordComponent c, ConfigElement el) {
        Param p = c.getAnnotation(Param.class);
        if (p != null) {
            return bindParam(c, p, el);
        }
        Section s = c.getAnnotation(Section.class);
        if (s != null) {
            return bindSection(c, s, el);
        }
        if (c.getAnnotation(Arg.class) != null) {
            return el.arg();
        }
        if (c.getAnnotation(Inline.class) != null) {
            return bindInline(c, el);
        }
        throw new IllegalStateException(owner.getName() + "." + c.getName() + " has no @Param, @Section, @Arg or @Inline");
    }

    @SuppressWarnings("unchecked")
    private Object bindInline(RecordComponent c, ConfigElement el) {
        return bind((Class<? extends Record>) c.getType(), el);
    }

    private Object bindParam(RecordComponent c, Param p, ConfigElement el) {
        String name = paramName(c, p);
        ConfigValue v = el.get(name);
        for (String alias : p.aliases()) {
            if (v == null) {
                v = el.get(alias);
            }
        }
        if (v == null) {
            if (Param.REQUIRED.equals(p.dflt())) {
                error(el.location(), "'" + name + "' parameter is required in <" + el.name() + ">");
                return null;
            }
            if (Param.NULL.equals(p.dflt())) {
                return null;
            }
            return convertDefault(c, name, p.dflt());
        }
        try {
            return Values.convert(v.text(), c.getType(), c.getGenericType());
        } catch (IllegalArgumentException e) {
            // The conversion's message quotes the value: not for a secret.
            error(v.location(), "invalid value for '" + name + "' in <" + el.name() + ">: "
                    + (p.secret() ? "the value (secret, not shown) is not " + c.getType().getSimpleName() : e.getMessage()));
            return null;
        }
    }

    private Object convertDefault(RecordComponent c, String name, String dflt) {
        try {
            return Values.convert(dflt, c.getType(), c.getGenericType());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("default of '" + name + "' does not parse: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object bindSection(RecordComponent c, Section s, ConfigElement el) {
        String name = s.name().isEmpty() ? snake(c.getName()) : s.name();
        List<ConfigElement> found = el.children(name);
        el.markUsed("<" + name + ">");
        if (Map.class.isAssignableFrom(c.getType())) {
            // A free-form section (record_transformer's <record>): its parameters as written, in order; several merge.
            Map<String, String> out = new LinkedHashMap<>();
            for (ConfigElement f : found) {
                f.params().forEach((k, v) -> {
                    f.markUsed(k);
                    out.put(k, v.text());
                });
            }
            return out;
        }
        if (List.class.isAssignableFrom(c.getType())) {
            Type item = typeArg(c.getGenericType());
            if (s.required() && found.isEmpty()) {
                error(el.location(), "<" + el.name() + "> needs at least one <" + name + "> section");
            }
            if (item == ConfigElement.class) {
                return List.copyOf(found); // sections naming a plugin each: bound when the owner builds them
            }
            List<Object> out = new ArrayList<>();
            for (ConfigElement f : found) {
                out.add(bind((Class<? extends Record>) item, f));
            }
            return List.copyOf(out.stream().filter(o -> o != null).toList());
        }
        if (found.size() > 1) {
            error(found.get(1).location(), "only one <" + name + "> section is allowed in <" + el.name() + ">");
            return null;
        }
        if (found.isEmpty()) {
            if (s.required()) {
                error(el.location(), "<" + el.name() + "> needs a <" + name + "> section");
                return null;
            }
            ConfigElement empty = new ConfigElement(name, "", el.location());
            return c.getType() == ConfigElement.class ? empty : bind((Class) c.getType(), empty);
        }
        // A section naming a plugin (<parse>, <format>) is bound by the plugin its @type names, when the owner builds it.
        return c.getType() == ConfigElement.class ? found.get(0) : bind((Class) c.getType(), found.get(0));
    }

    static Type typeArg(Type generic) {
        if (generic instanceof ParameterizedType pt) {
            return pt.getActualTypeArguments()[0];
        }
        throw new IllegalStateException("raw List in a config record: " + generic);
    }

    public static String paramName(RecordComponent c, Param p) {
        return p.name().isEmpty() ? snake(c.getName()) : p.name();
    }

    /** {@code flushInterval} → {@code flush_interval}. */
    public static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
