package io.floe.agent.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.testkit.MachineSpeed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for an agent's monitor port. */
final class MonitorHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(MachineSpeed.allow(Duration.ofSeconds(5))).build();
    private final int port;

    MonitorHttp(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(MachineSpeed.allow(Duration.ofSeconds(10))).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** The entry of plugin {@code id} in a {@code /api/plugins.json} answer; none fails naming what there was. */
    static JsonNode pluginById(JsonNode plugins, String id) {
        for (JsonNode p : plugins.get("plugins")) {
            if (p.get("plugin_id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError(id + " not in " + plugins);
    }

    static JsonNode parse(String text) throws IOException {
        return JSON.readTree(text);
    }
}
