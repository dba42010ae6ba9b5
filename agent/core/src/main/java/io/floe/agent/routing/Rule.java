package io.floe.agent.routing;

/** One entry of a label's routing table, in file order: a {@code <filter>} or a {@code <match>}. */
public sealed interface Rule permits FilterUnit, MatchRule {
    MatchPattern pattern();
}
