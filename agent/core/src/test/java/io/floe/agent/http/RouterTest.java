package io.floe.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.http.HttpHandler;
import io.floe.api.http.HttpResponse;
import io.floe.api.http.HttpRoutes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Which mount's handler a method and path reach, and which routes may not stand beside each other. */
class RouterTest {
    private final HttpHandler metrics = HttpHandler.sync(r -> HttpResponse.text(200, "m"));
    private final HttpHandler reload = HttpHandler.sync(r -> HttpResponse.text(200, "r"));
    private final HttpHandler rpcNotFound = HttpHandler.sync(r -> HttpResponse.text(404, "no such RPC"));

    private static Mounted mount(String owner, HttpRoutes routes) {
        return new Mounted(owner, LoggerFactory.getLogger(owner), routes);
    }

    private final Mounted monitor = mount("monitor_agent", HttpRoutes.builder().any("/metrics", metrics).build());
    private final Mounted rpc = mount("rpc", HttpRoutes.builder().on("/api/config.reload", Set.of("GET", "POST"), reload).notFound(rpcNotFound).build());

    @Test
    void eachPathReachesItsOwnMountsHandler() {
        assertSame(metrics, ((Router.Found) Router.resolve(List.of(monitor, rpc), "DELETE", "/metrics")).handler());
        Router.Found found = (Router.Found) Router.resolve(List.of(monitor, rpc), "HEAD", "/api/config.reload");
        assertSame(reload, found.handler());
        assertSame(rpc, found.mount());
    }

    @Test
    void anotherMethodIsNotAllowedAndSaysWhichAre() {
        Router.NotAllowed n = assertInstanceOf(Router.NotAllowed.class, Router.resolve(List.of(monitor, rpc), "PUT", "/api/config.reload"));
        assertEquals(Set.of("GET", "HEAD", "POST"), n.allowed());
    }

    @Test
    void anUnknownPathGoesToTheFirstMountWithItsOwn404ElseTheServers() {
        assertSame(rpcNotFound, ((Router.NotFound) Router.resolve(List.of(monitor, rpc), "GET", "/nope")).handler());
        assertNull(((Router.NotFound) Router.resolve(List.of(monitor), "GET", "/nope")).handler());
        assertNull(((Router.NotFound) Router.resolve(List.of(), "GET", "/nope")).handler());
    }

    @Test
    void twoMountsMayNotAnswerOneMethodAndPath() {
        Mounted other = mount("monitor_agent-2", HttpRoutes.builder().on("/metrics", Set.of("GET"), metrics).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Router.checkFree(List.of(monitor), other));
        assertEquals("monitor_agent-2 wants /metrics, which monitor_agent already serves on this port", e.getMessage());
        Mounted post = mount("in_http", HttpRoutes.builder().on("/api/config.reload", Set.of("PUT"), metrics).build());
        Router.checkFree(List.of(monitor, rpc), post);
    }

    @Test
    void oneRoutesTableMayNotHaveTwoHandlersForOneMethodAndPath() {
        HttpRoutes.Builder b = HttpRoutes.builder().on("/x", Set.of("GET"), metrics);
        assertThrows(IllegalArgumentException.class, () -> b.any("/x", reload));
        assertThrows(IllegalArgumentException.class, () -> b.on("/x", Set.of("GET", "POST"), reload));
        assertThrows(IllegalArgumentException.class, () -> b.any("no-slash", reload));
    }
}
