package io.floe.agent.http;

import io.floe.api.http.HttpMountOptions;
import io.floe.api.http.HttpRoutes;
import org.slf4j.Logger;

/** One mount's routes at one moment, with who mounted them, where their failures are logged, and its limits. */
record Mounted(String owner, Logger log, HttpRoutes routes, HttpMountOptions options) {
    Mounted(String owner, Logger log, HttpRoutes routes) {
        this(owner, log, routes, HttpMountOptions.DEFAULT);
    }

    Mounted withRoutes(HttpRoutes next) {
        return new Mounted(owner, log, next, options);
    }
}
