package io.floe.inputs.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * in_http's CORS: {@code cors_allow_origins} lists the origins allowed ({@code *} any; an entry with one
 * {@code *} matches what starts with the part before it and ends with the part after); unset, no origin is
 * checked and no CORS header sent. A request from another origin is refused 403; a preflight
 * {@code OPTIONS} is answered for {@code POST} only.
 */
final class Cors {
    private final List<String> allowed;
    private final boolean credentials;

    /** @param allowed null when CORS is off */
    Cors(List<String> allowed, boolean credentials) {
        if (credentials && (allowed == null || allowed.contains("*"))) {
            throw new IllegalArgumentException("Cannot enable cors_allow_credentials without specific origins");
        }
        this.allowed = allowed == null ? null : List.copyOf(allowed);
        this.credentials = credentials;
    }

    boolean enabled() {
        return allowed != null;
    }

    /** Whether a request with this Origin header (null when none) is refused. */
    boolean refuses(String origin) {
        return allowed != null && !allowed.contains("*") && !matches(origin);
    }

    /** The CORS headers of an answer to a request from {@code origin}. */
    Map<String, String> headers(String origin) {
        Map<String, String> h = new LinkedHashMap<>();
        if (allowed == null) {
            return h;
        }
        if (allowed.contains("*")) {
            h.put("Access-Control-Allow-Origin", "*");
        } else if (matches(origin)) {
            h.put("Access-Control-Allow-Origin", origin);
            if (credentials) {
                h.put("Access-Control-Allow-Credentials", "true");
            }
        }
        return h;
    }

    /**
     * The headers of a preflight's 200, or null for a 403: CORS off, a method other than POST asked for, or an
     * origin not allowed.
     */
    Map<String, String> preflight(String origin, String requestMethod, String requestHeaders) {
        if (allowed == null || !"POST".equals(requestMethod) || refuses(origin)) {
            return null;
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Access-Control-Allow-Methods", "POST");
        h.put("Access-Control-Allow-Headers", requestHeaders == null ? "" : requestHeaders);
        h.putAll(headers(origin));
        return h;
    }

    private boolean matches(String origin) {
        if (origin == null) {
            return false;
        }
        if (allowed.contains(origin)) {
            return true;
        }
        for (String a : allowed) {
            int star = a.indexOf('*');
            // An entry without a star is matched whole only, above.
            if (star < 0) {
                continue;
            }
            String start = a.substring(0, star);
            String end = a.substring(star + 1);
            if (origin.length() >= start.length() + end.length() && origin.startsWith(start) && origin.endsWith(end)) {
                return true;
            }
        }
        return false;
    }
}
