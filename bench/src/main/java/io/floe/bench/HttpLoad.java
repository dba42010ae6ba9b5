package io.floe.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for in_http: each connection POSTs JSON arrays of {@code --batch} events (~200 bytes
 * each) over one keep-alive socket, with up to {@code --window} requests pipelined (1: the next request
 * goes when the answer came). Plain sockets and pre-built requests, so the generator costs little beside
 * the agent; an answer other than 2xx is an error. Counts events of answered requests only.
 * {@code --discard PORT} instead runs the baseline: a server that reads each request (head and
 * Content-Length body), drops it and answers 200, over the same sockets.
 *
 * <pre>
 * java -cp 'bench/target/floe-bench.jar:bench/target/lib/*' io.floe.bench.HttpLoad \
 *      --port 9880 --connections 4 --batch 1000 --window 2 --seconds 20 [--warmup 5] [--tag bench.http]
 * </pre>
 */
public final class HttpLoad {
    private static final int POOL = 8;
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadRun run = new LoadRun(args);
        if (run.has("discard")) {
            discard(run.number("discard", 0));
            return;
        }
        String host = run.text("host", "127.0.0.1");
        int port = run.number("port", 9880);
        int batch = run.number("batch", 1000);
        int window = run.number("window", 1);
        String tag = run.text("tag", "bench.http");
        run.run("batch=" + batch + " window=" + window, (id, deadline, events, bytes) -> {
            byte[][] pool = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                pool[i] = request(host, port, tag, ((long) id * POOL + i) * batch, batch);
            }
            try (Socket s = new Socket(host, port)) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 14);
                int outstanding = 0;
                for (long n = 0; System.nanoTime() < deadline || outstanding > 0; n++) {
                    if (System.nanoTime() < deadline) {
                        byte[] r = pool[(int) (n % POOL)];
                        out.write(r);
                        bytes.add(r.length);
                        outstanding++;
                    }
                    if (outstanding >= window || System.nanoTime() >= deadline) {
                        int status = readMessage(in, true);
                        if (status / 100 != 2) {
                            throw new IOException("HTTP " + status);
                        }
                        outstanding--;
                        events.add(batch);
                    }
                }
            }
        });
    }

    /** A whole POST of a JSON array of {@code batch} events, head and body. */
    private static byte[] request(String host, int port, String tag, long first, int batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (long seq = first; seq < first + batch; seq++) {
            if (seq > first) {
                body.write(',');
            }
            body.writeBytes(LineLoad.jsonLine(seq).getBytes(StandardCharsets.UTF_8));
        }
        body.write(']');
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(String.format(Locale.ROOT, "POST /%s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                + "Content-Length: %d\r\n\r\n", tag, host, port, body.size()).getBytes(StandardCharsets.US_ASCII));
        r.writeBytes(body.toByteArray());
        return r.toByteArray();
    }

    /**
     * Reads one HTTP message (an answer, or on the discard server a request) and skips its body, which
     * has a Content-Length; returns the status of an answer, 0 for a request, -1 at the end of the stream.
     */
    private static int readMessage(InputStream in, boolean answer) throws IOException {
        String first = line(in);
        if (first == null) {
            if (answer) {
                throw new EOFException("the server closed the connection");
            }
            return -1;
        }
        long length = 0;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(h.substring(15).trim());
            }
        }
        for (long skipped = 0; skipped < length; ) {
            long k = in.skip(length - skipped);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("body cut short");
                }
                k = 1;
            }
            skipped += k;
        }
        return answer ? Integer.parseInt(first.split(" ")[1]) : 0;
    }

    /** A CRLF-terminated line without the CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void discard(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("answering on " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16)) {
                        OutputStream out = s.getOutputStream();
                        while (readMessage(in, false) == 0) {
                            out.write(OK);
                        }
                    } catch (IOException ignored) {
                        // the client went away
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }
    }
}
