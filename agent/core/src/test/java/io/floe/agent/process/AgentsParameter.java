package io.floe.agent.process;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method (and its {@code @BeforeEach} methods) that takes an {@link Agents} parameter the test's own,
 * closed once the test is over. Registered for every test of this module (see META-INF/services).
 */
public final class AgentsParameter implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AgentsParameter.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Agents.class;
    }

    @Override
    public Agents resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Agents.class, k -> new Agents(), Agents.class);
    }

    /** The test's {@link Agents} if one of its methods took them as a parameter, else null. */
    static Agents of(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Agents.class, Agents.class);
    }
}
