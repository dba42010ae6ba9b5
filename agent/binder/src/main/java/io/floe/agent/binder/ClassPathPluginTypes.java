package io.floe.agent.binder;

import io.floe.api.Plugin;
import io.floe.api.PluginCatalog;
import io.floe.api.PluginTypes;
import io.floe.conf.ConfigElement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * {@link PluginTypes#classPath()}: the catalogs' plugins, scanned when first asked for, their sections bound by
 * the {@link Binder}. A service of the API (META-INF/services), which finds it once per JVM.
 */
public final class ClassPathPluginTypes implements PluginTypes {
    private final List<Class<?>> plugins;

    public ClassPathPluginTypes() {
        List<Class<?>> all = new ArrayList<>();
        for (PluginCatalog catalog : ServiceLoader.load(PluginCatalog.class, PluginTypes.class.getClassLoader())) {
            all.addAll(catalog.plugins());
        }
        this.plugins = List.copyOf(all);
    }

    @Override
    public Class<?> find(Class<?> kind, String type) {
        for (Class<?> c : plugins) {
            Plugin p = c.getAnnotation(Plugin.class);
            if (kind.isAssignableFrom(c) && p != null && (p.type().equals(type) || List.of(p.aliases()).contains(type))) {
                return c;
            }
        }
        return null;
    }

    @Override
    public List<String> types(Class<?> kind) {
        TreeSet<String> out = new TreeSet<>();
        for (Class<?> c : plugins) {
            Plugin p = c.getAnnotation(Plugin.class);
            if (kind.isAssignableFrom(c) && p != null) {
                out.add(p.type());
                out.addAll(List.of(p.aliases()));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public <R extends Record> R bind(Class<R> config, ConfigElement section) {
        return Binder.bindOrThrow(config, section);
    }
}
