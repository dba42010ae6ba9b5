package io.floe.inputs.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognizes the two container runtimes' line formats well enough to join the pieces of a long line,
 * before any parser sees them, without decoding the JSON of every line:
 * <ul>
 *   <li>Docker json-file, {@code {"log":"...","stream":"stdout",...,"time":"..."}}: a line of 16 KB or more
 *       is written as several entries, and only the last one's {@code log} ends in a newline.</li>
 *   <li>CRI (containerd, CRI-O), {@code TIME STREAM TAG MESSAGE}: pieces carry the tag {@code P}, the last
 *       one {@code F}.</li>
 * </ul>
 * Joined pieces become one line of the same format again, with the first piece's time, so {@code docker},
 * {@code cri} and {@code container} parsers (and nested ones) see a whole line.
 */
final class ContainerLines {
    enum Kind { OTHER, DOCKER, CRI }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKER_PREFIX = "{\"log\":\"";
    private static final String STREAM_KEY = ",\"stream\":\"";

    /** What {@link #classify} found. */
    static final class Info {
        Kind kind;
        boolean partial;
        String stream;
    }

    private ContainerLines() {
    }

    static void classify(String line, Info out) {
        out.kind = Kind.OTHER;
        out.partial = false;
        out.stream = "";
        if (line.startsWith(DOCKER_PREFIX)) {
            docker(line, out);
        } else if (!line.isEmpty() && line.charAt(0) >= '0' && line.charAt(0) <= '9') {
            cri(line, out);
        } else if (!line.isEmpty() && line.charAt(0) == '{' && line.contains("\"log\"")) {
            dockerOtherKeyOrder(line, out);
        }
    }

    private static void docker(String line, Info out) {
        int i = DOCKER_PREFIX.length();
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                break;
            } else {
                i++;
            }
        }
        if (i >= n) {
            return;
        }
        out.kind = Kind.DOCKER;
        out.partial = !endsWithNewlineEscape(line, DOCKER_PREFIX.length(), i);
        if (line.startsWith(STREAM_KEY, i + 1)) {
            int from = i + 1 + STREAM_KEY.length();
            int to = line.indexOf('"', from);
            out.stream = to < 0 ? "" : line.substring(from, to);
        }
    }

    /** Whether the JSON string body {@code s[from, to)} ends in the escape {@code \n}. */
    private static boolean endsWithNewlineEscape(String s, int from, int to) {
        if (to - from < 2 || s.charAt(to - 1) != 'n') {
            return false;
        }
        int slashes = 0;
        for (int k = to - 2; k >= from && s.charAt(k) == '\\'; k--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    /** A json-file line written by something other than dockerd (keys in another order): decoded. */
    private static void dockerOtherKeyOrder(String line, Info out) {
        Map<String, Object> m = decode(line);
        if (m != null && m.get("log") instanceof String log) {
            out.kind = Kind.DOCKER;
            out.partial = !log.endsWith("\n");
            out.stream = m.get("stream") instanceof String s ? s : "";
        }
    }

    private static void cri(String line, Info out) {
        int s1 = line.indexOf(' ');
        int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
        if (s2 < 0) {
            return;
        }
        String stream = line.substring(s1 + 1, s2);
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            return;
        }
        int s3 = line.indexOf(' ', s2 + 1);
        String tag = s3 < 0 ? line.substring(s2 + 1) : line.substring(s2 + 1, s3);
        out.kind = Kind.CRI;
        out.stream = stream;
        out.partial = tag.equals("P") || tag.startsWith("P:");
    }

    /** The pieces of one long line as one line of their format; the first piece's time and fields. */
    static String join(Kind kind, List<String> pieces) {
        return kind == Kind.CRI ? joinCri(pieces) : joinDocker(pieces);
    }

    private static String joinCri(List<String> pieces) {
        String first = pieces.get(0);
        int s2 = first.indexOf(' ', first.indexOf(' ') + 1);
        StringBuilder b = new StringBuilder(first.length() * pieces.size());
        b.append(first, 0, s2).append(" F ");
        for (String p : pieces) {
            int s3 = p.indexOf(' ', p.indexOf(' ', p.indexOf(' ') + 1) + 1);
            if (s3 >= 0) {
                b.append(p, s3 + 1, p.length());
            }
        }
        return b.toString();
    }

    private static String joinDocker(List<String> pieces) {
        Map<String, Object> first = decode(pieces.get(0));
        if (first == null) {
            return String.join("", pieces);
        }
        StringBuilder log = new StringBuilder();
        for (String p : pieces) {
            Map<String, Object> m = p == pieces.get(0) ? first : decode(p);
            if (m != null && m.get("log") instanceof String s) {
                log.append(s);
            }
        }
        first.put("log", log.toString());
        try {
            return JSON.writeValueAsString(first);
        } catch (JsonProcessingException e) {
            return pieces.get(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String line) {
        try {
            return JSON.readValue(line, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
