package io.floe.agent.http;

import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpRoutes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the handler of a method and path among a listener's mounts: an exact path of any mount; a
 * path known with other methods only is a 405; an unknown path goes to the first mount's own 404, if
 * it has one.
 */
final class Router {
    /** What a request gets. */
    sealed interface Outcome permits Found, NotAllowed, NotFound {
    }

    record Found(Mounted mount, HttpHandler handler) implements Outcome {
    }

    /** The path exists but not for this method: {@code allowed} goes in the {@code Allow} header. */
    record NotAllowed(Mounted mount, Set<String> allowed) implements Outcome {
    }

    /** {@code handler} is a mount's own 404, or null for the server's. */
    record NotFound(Mounted mount, HttpHandler handler) implements Outcome {
    }

    private Router() {
    }

    static Outcome resolve(List<Mounted> mounts, String method, String path) {
        Set<String> allowed = new TreeSet<>();
        Mounted owner = null;
        for (Mounted m : mounts) {
            for (HttpRoutes.Route r : m.routes().routes(path)) {
                if (r.methods().isEmpty() || r.methods().contains(method) || method.equals("HEAD") && r.methods().contains("GET")) {
                    return new Found(m, r.handler());
                }
                allowed.addAll(r.methods());
                if (r.methods().contains("GET")) {
                    allowed.add("HEAD");
                }
                owner = owner == null ? m : owner;
            }
        }
        if (owner != null) {
            return new NotAllowed(owner, allowed);
        }
        for (Mounted m : mounts) {
            if (m.routes().notFound() != null) {
                return new NotFound(m, m.routes().notFound());
            }
        }
        return new NotFound(mounts.isEmpty() ? null : mounts.get(0), null);
    }

    /** Throws when {@code routes} would answer a method and path that another mount already answers. */
    static void checkFree(List<Mounted> others, Mounted routes) {
        for (String path : routes.routes().paths()) {
            for (Mounted m : others) {
                for (HttpRoutes.Route theirs : m.routes().routes(path)) {
                    for (HttpRoutes.Route mine : routes.routes().routes(path)) {
                        if (theirs.methods().isEmpty() || mine.methods().isEmpty()
                                || theirs.methods().stream().anyMatch(mine.methods()::contains)) {
                            throw new IllegalArgumentException(routes.owner() + " wants " + path + ", which " + m.owner() + " already serves on this port");
                        }
                    }
                }
            }
        }
    }
}
