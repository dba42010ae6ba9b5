package io.floe.api;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** {@link PluginTypes#classPath()}: the catalogs' plugins, scanned once when first asked for. */
final class ClassPathPluginTypes implements PluginTypes {
    static final ClassPathPluginTypes INSTANCE = new ClassPathPluginTypes();

    private final List<Class<?>> plugins;

    private ClassPathPluginTypes() {
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
}
