package io.floe.agent.routing;

import io.floe.agent.pipeline.ErrorSink;
import io.floe.agent.pipeline.Sink;
import io.floe.api.EventRouter;
import io.floe.codec.event.EventStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * One routing table: the root or a {@code <label @NAME>}. A tag goes through the {@code <filter>}s that
 * match it and come before its first matching {@code <match>}, in file order; the route is worked out
 * once per tag and cached.
 */
public final class Label implements EventRouter {
    /** Tags seen in a long run are unbounded ({@code docker.{{.Name}}}); the cache starts over past this. */
    private static final int MAX_CACHED_TAGS = 8192;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String name;
    private final List<Rule> rules;
    private final ErrorSink errors;
    private final Logger log;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Set<String> unmatchedWarned = ConcurrentHashMap.newKeySet();

    /** @param rules the label's {@code <filter>}s and {@code <match>}es in file order */
    public Label(String name, List<Rule> rules, ErrorSink errors, Logger log) {
        this.name = name;
        this.rules = List.copyOf(rules);
        this.errors = errors;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public List<MatchRule> matches() {
        List<MatchRule> out = new ArrayList<>();
        for (Rule r : rules) {
            if (r instanceof MatchRule m) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public CompletionStage<Void> emit(String tag, EventStream events) {
        try {
            deliver(tag, events);
            return DONE;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Routes the events and returns once every sink holds them; throws when one refused them. */
    public void deliver(String tag, EventStream events) throws Exception {
        if (events.count() == 0) {
            return;
        }
        Route r = routes.get(tag);
        if (r == null) {
            r = resolve(tag);
            if (routes.size() >= MAX_CACHED_TAGS) {
                routes.clear();
            }
            routes.put(tag, r);
        }
        if (r.sink == null) {
            if (unmatchedWarned.size() < MAX_CACHED_TAGS && unmatchedWarned.add(tag)) {
                if (name.isEmpty()) {
                    log.warn("no patterns matched tag=\"{}\"", tag);
                } else {
                    log.warn("no patterns matched tag=\"{}\" label=\"{}\"", tag, name);
                }
            }
            return;
        }
        EventStream out = r.filters.isEmpty() ? events : r.filters.apply(tag, events);
        if (out.count() > 0) {
            r.sink.accept(tag, out);
        }
    }

    private Route resolve(String tag) {
        List<FilterUnit> filters = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.pattern().matches(tag)) {
                continue;
            }
            if (rule instanceof MatchRule m) {
                return new Route(new FilterChain(filters, errors), m.sink());
            } else if (rule instanceof FilterUnit f) {
                filters.add(f);
            }
        }
        return new Route(new FilterChain(List.of(), errors), null);
    }

    private record Route(FilterChain filters, Sink sink) {
    }
}
