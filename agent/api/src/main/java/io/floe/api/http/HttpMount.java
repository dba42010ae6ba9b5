package io.floe.api.http;

/**
 * Routes served on a listener until closed. Closing the last mount of a listener closes its socket. A
 * plugin that stops for a reload leaves its mount on the {@link io.floe.api.Handover} instead of closing
 * it, and the next configuration's plugin takes it and {@link #serve}s its own routes: the port stays
 * bound and answers throughout.
 */
public interface HttpMount extends AutoCloseable {
    /** The port listened on; with port 0 asked, the one the OS picked. */
    int port();

    /** From now on these routes answer instead of the mount's previous ones. */
    void serve(HttpRoutes routes);

    @Override
    void close();
}
