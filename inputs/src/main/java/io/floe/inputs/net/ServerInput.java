package io.floe.inputs.net;

import io.floe.api.Input;
import io.floe.api.monitor.Monitored;
import io.floe.conf.ConfigElement;
import java.time.Duration;
import java.util.Map;

/** What in_tcp, in_udp and in_syslog share: a lifecycle that is their {@link MessageServer}'s, and their required parameters. */
public abstract class ServerInput implements Input, Monitored {
    private final int configuredPort;

    protected ServerInput(int configuredPort, String tag) {
        this.configuredPort = configuredPort;
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("'tag' parameter is required");
        }
    }

    protected abstract MessageServer server();

    /** Refuses a {@code <parse>} section without {@code @type}: these inputs have no default parser. */
    protected static void requireParser(ConfigElement parse) {
        if (parse.getText("@type") == null) {
            throw new IllegalArgumentException("<parse> section is required (e.g. <parse> @type none </parse>)");
        }
    }

    /** The port listened on; with {@code port 0}, the one the OS picked. -1 before start. */
    public int port() {
        return server().port();
    }

    @Override
    public String notReady() {
        return server().port() > 0 ? null : "not listening on port " + configuredPort + " yet";
    }

    @Override
    public boolean alive(Duration timeout) {
        return server().alive(timeout);
    }

    @Override
    public Map<String, Object> monitorFields() {
        return server().monitorFields();
    }

    @Override
    public void stop() {
        server().stop();
    }

    @Override
    public void pause() {
        server().pause();
    }

    @Override
    public void resume() {
        server().resume();
    }
}
