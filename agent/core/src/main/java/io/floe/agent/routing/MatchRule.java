package io.floe.agent.routing;

import io.floe.agent.pipeline.Sink;

/** A configured {@code <match>}: its pattern and where matched events go. */
public record MatchRule(String id, MatchPattern pattern, Sink sink) implements Rule {
}
