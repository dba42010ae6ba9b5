package io.floe.api.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which handler answers which method and path: exact paths (the query is not part of the match), a
 * route for any method or for a set of them (another method is a 405 listing the allowed ones), and
 * optionally what unknown paths answer instead of the server's 404. Immutable once built.
 */
public final class HttpRoutes {
    /** One path's handler; {@code methods} empty means any method. */
    public record Route(String path, Set<String> methods, HttpHandler handler) {
    }

    private final Map<String, List<Route>> byPath;
    private final HttpHandler notFound;

    private HttpRoutes(Map<String, List<Route>> byPath, HttpHandler notFound) {
        this.byPath = byPath;
        this.notFound = notFound;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The routes of {@code path}, in the order added; empty when the path is unknown. */
    public List<Route> routes(String path) {
        return byPath.getOrDefault(path, List.of());
    }

    public Set<String> paths() {
        return byPath.keySet();
    }

    /** What unknown paths answer; null for the server's own 404. */
    public HttpHandler notFound() {
        return notFound;
    }

    public static final class Builder {
        private final Map<String, List<Route>> byPath = new LinkedHashMap<>();
        private HttpHandler notFound;

        private Builder() {
        }

        /** {@code handler} answers {@code path} whatever the method. */
        public Builder any(String path, HttpHandler handler) {
            return add(new Route(path, Set.of(), handler));
        }

        /** {@code handler} answers {@code path} for these methods; {@code GET} includes {@code HEAD}. */
        public Builder on(String path, Set<String> methods, HttpHandler handler) {
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("no method for " + path + "; use any()");
            }
            return add(new Route(path, Set.copyOf(methods), handler));
        }

        /** Every route of {@code other}, and its 404 unless this one has its own. */
        public Builder include(HttpRoutes other) {
            other.byPath.values().forEach(rs -> rs.forEach(this::add));
            if (notFound == null) {
                notFound = other.notFound;
            }
            return this;
        }

        public Builder notFound(HttpHandler handler) {
            notFound = handler;
            return this;
        }

        private Builder add(Route r) {
            if (!r.path().startsWith("/")) {
                throw new IllegalArgumentException("a path starts with /: " + r.path());
            }
            List<Route> rs = byPath.computeIfAbsent(r.path(), p -> new ArrayList<>());
            for (Route other : rs) {
                if (other.methods().isEmpty() || r.methods().isEmpty() || !Collections.disjoint(other.methods(), r.methods())) {
                    throw new IllegalArgumentException("two handlers for " + r.path());
                }
            }
            rs.add(r);
            return this;
        }

        public HttpRoutes build() {
            Map<String, List<Route>> copy = new LinkedHashMap<>();
            byPath.forEach((p, rs) -> copy.put(p, List.copyOf(rs)));
            return new HttpRoutes(Collections.unmodifiableMap(copy), notFound);
        }
    }
}
