package io.floe.outputs.elasticsearch;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.http.HttpHost;

/**
 * The nodes to send to, from {@code host}/{@code port}/{@code scheme}/{@code path} or from {@code hosts}
 * ({@code h1:p1,h2:p2} or URLs such as {@code https://user:pass@h1:9200/es}, as the plugin accepts them).
 * The RestClient sends round-robin over them and moves on to the next one when one fails.
 */
record HostPool(List<HttpHost> hosts, String pathPrefix, String user, String password) {

    static HostPool of(String host, int port, String hosts, String scheme, String path, String user, String password) {
        String defaultScheme = scheme.toLowerCase(Locale.ROOT);
        if (!defaultScheme.equals("http") && !defaultScheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, got '" + scheme + "'");
        }
        List<HttpHost> nodes = new ArrayList<>();
        String urlPath = null;
        String urlUser = null;
        String urlPassword = null;
        if (hosts == null || hosts.isBlank()) {
            nodes.add(new HttpHost(host, port, defaultScheme));
        } else {
            for (String raw : hosts.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                URI u = uri(entry.contains("://") ? entry : defaultScheme + "://" + entry);
                if (u.getHost() == null) {
                    throw new IllegalArgumentException("hosts: cannot read a host from '" + entry + "'");
                }
                String s = u.getScheme().toLowerCase(Locale.ROOT);
                nodes.add(new HttpHost(u.getHost().replaceAll("^\\[|]$", ""), u.getPort() > 0 ? u.getPort() : port, s));
                if (urlPath == null && u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
                    urlPath = u.getRawPath();
                }
                if (urlUser == null && u.getRawUserInfo() != null) {
                    String[] ui = u.getRawUserInfo().split(":", 2);
                    urlUser = decode(ui[0]);
                    urlPassword = ui.length > 1 ? decode(ui[1]) : null;
                }
            }
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("hosts is empty");
            }
        }
        String prefix = path != null && !path.isBlank() ? path : urlPath;
        if (prefix != null) {
            prefix = "/" + prefix.replaceAll("^/+|/+$", "");
            if (prefix.equals("/")) {
                prefix = null;
            }
        }
        return new HostPool(List.copyOf(nodes), prefix, user != null ? user : urlUser,
                user != null ? password : urlPassword);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "HostPool[" + describe() + (user == null ? "" : ", user " + user) + "]";
    }

    /** For messages: the nodes as URLs, without credentials. */
    String describe() {
        return hosts.stream().map(h -> h.getSchemeName() + "://" + (h.getHostName().contains(":") ? "[" + h.getHostName() + "]"
                : h.getHostName()) + ":" + h.getPort() + (pathPrefix == null ? "" : pathPrefix)).collect(Collectors.joining(","));
    }

    private static URI uri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("hosts: '" + s + "' is not host:port or a URL: " + e.getMessage());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
