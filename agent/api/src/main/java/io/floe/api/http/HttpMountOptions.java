package io.floe.api.http;

import java.time.Duration;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * What a mount needs of the listener it is served on, beyond its routes.
 *
 * @param maxBodyBytes the largest request body this mount's routes take; a larger one is answered 413 before
 *                     the handler runs. A listener shared by several mounts reads bodies up to the largest of
 *                     theirs, then refuses a request whose mount takes less.
 * @param keepaliveTimeout a connection without a request for this long is closed; the listener keeps the
 *                         timeout of the mount that opened it
 * @param tls null for plain HTTP; for HTTPS, a new server-side engine for each connection. A listener is one
 *            or the other: a mount that differs from the listener's first is refused.
 */
public record HttpMountOptions(int maxBodyBytes, Duration keepaliveTimeout, Supplier<SSLEngine> tls) {
    /** Small bodies (monitor_agent and RPC read none) and the JDK HTTP server's 30 s idle close. */
    public static final HttpMountOptions DEFAULT = new HttpMountOptions(64 * 1024, Duration.ofSeconds(30), null);

    /** Plain HTTP. */
    public HttpMountOptions(int maxBodyBytes, Duration keepaliveTimeout) {
        this(maxBodyBytes, keepaliveTimeout, null);
    }

    public HttpMountOptions {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("a body limit is not negative: " + maxBodyBytes);
        }
        if (keepaliveTimeout.isNegative() || keepaliveTimeout.isZero()) {
            throw new IllegalArgumentException("a keepalive timeout is positive: " + keepaliveTimeout);
        }
    }
}
