package io.floe.agent.http;

import io.floe.api.http.HttpRoutes;
import org.slf4j.Logger;

/** One mount's routes at one moment, with who mounted them and where their failures are logged. */
record Mounted(String owner, Logger log, HttpRoutes routes) {
}
