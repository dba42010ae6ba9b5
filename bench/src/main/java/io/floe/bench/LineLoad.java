package io.floe.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the line-oriented network inputs (syslog, tcp, udp): each connection writes
 * pre-built blocks of ~200-byte messages as fast as the agent reads them. {@code --framing} is
 * {@code octet} (RFC 6587 octet counting of RFC 5424 messages, as rsyslog and Docker's syslog driver
 * send over TCP), {@code traditional} (the same messages, newline-terminated) or {@code json} (JSON
 * lines for in_tcp); {@code --udp} sends one RFC 5424 message per datagram instead. Prints one line of
 * {@code key=value} figures: what was sent, not what the agent took (the driver reads that from
 * monitor_agent). {@code --discard-udp PORT} counts datagrams (on a socket with the OS default receive buffer, as the agent's) until none came for a second, the UDP
 * baseline; ForwardLoad's {@code --discard} is the TCP one.
 *
 * <pre>
 * java -cp 'bench/target/floe-bench.jar:bench/target/lib/*' io.floe.bench.LineLoad \
 *      --port 5140 --connections 4 --framing octet|traditional|json [--udp] --seconds 20 [--warmup 5]
 * </pre>
 */
public final class LineLoad {
    /** Messages per pre-built block; a TCP connection writes a block at a time. */
    private static final int BLOCK = 500;
    private static final int POOL = 16;

    private LineLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadRun run = new LoadRun(args);
        if (run.has("discard-udp")) {
            discardUdp(run.number("discard-udp", 0));
            return;
        }
        String host = run.text("host", "127.0.0.1");
        int port = run.number("port", 5140);
        boolean udp = run.has("udp");
        String framing = udp ? "udp" : run.text("framing", "octet");
        run.run("framing=" + framing, (id, deadline, events, bytes) -> {
            if (udp) {
                sendUdp(new InetSocketAddress(host, port), id, deadline, events, bytes);
            } else {
                sendTcp(host, port, framing, id, deadline, events, bytes);
            }
        });
    }

    /** An RFC 5424 message as {@code logger --rfc5424} writes it (microseconds, offset), about 200 bytes. */
    static String rfc5424(long seq) {
        return String.format(Locale.ROOT, "<165>1 2026-12-08T02:17:%02d.%06d+00:00 web-%d.example.com shop-api %d ID%d - "
                + "GET /api/orders/%d 200 %d ms user=u%d agent=\"Mozilla/5.0 (X11; Linux x86_64)\" trace=%016x",
                seq % 60, seq % 1_000_000, seq % 8, 1000 + seq % 97, seq % 50, seq, seq % 900, seq % 1000, seq * 2654435761L);
    }

    /** A JSON line of about 200 bytes, what an application logging JSON to a socket sends. */
    static String jsonLine(long seq) {
        return String.format(Locale.ROOT, "{\"ts\":\"2026-12-08T02:17:%02d.%03dZ\",\"level\":\"%s\",\"host\":\"web-%d\","
                + "\"method\":\"GET\",\"path\":\"/api/orders/%d\",\"status\":200,\"duration_ms\":%d,\"msg\":\"order served\","
                + "\"trace\":\"%016x\"}", seq % 60, seq % 1000, seq % 10 == 0 ? "warn" : "info", seq % 8, seq, seq % 900, seq * 2654435761L);
    }

    private static byte[] block(String framing, long first) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long seq = first; seq < first + BLOCK; seq++) {
            String message = framing.equals("json") ? jsonLine(seq) : rfc5424(seq);
            byte[] m = message.getBytes(StandardCharsets.UTF_8);
            if (framing.equals("octet")) {
                out.writeBytes((m.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(m);
            } else {
                out.writeBytes(m);
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static void sendTcp(String host, int port, String framing, int id, long deadline, LongAdder events, LongAdder bytes)
            throws IOException {
        byte[][] pool = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = block(framing, ((long) id * POOL + i) * BLOCK);
        }
        try (Socket s = new Socket(host, port); OutputStream out = s.getOutputStream()) {
            s.setSendBufferSize(1 << 20);
            for (long n = 0; System.nanoTime() < deadline; n++) {
                byte[] b = pool[(int) (n % POOL)];
                out.write(b);
                events.add(BLOCK);
                bytes.add(b.length);
            }
        }
    }

    private static void sendUdp(InetSocketAddress to, int id, long deadline, LongAdder events, LongAdder bytes) throws IOException {
        int kinds = POOL * BLOCK;
        DatagramPacket[] pool = new DatagramPacket[kinds];
        for (int i = 0; i < kinds; i++) {
            byte[] m = rfc5424((long) id * kinds + i).getBytes(StandardCharsets.UTF_8);
            pool[i] = new DatagramPacket(m, m.length, to);
        }
        try (DatagramSocket s = new DatagramSocket()) {
            for (long n = 0; System.nanoTime() < deadline; n++) {
                DatagramPacket p = pool[(int) (n % kinds)];
                s.send(p);
                events.increment();
                bytes.add(p.getLength());
            }
        }
    }

    private static void discardUdp(int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            System.out.println("discarding on " + s.getLocalPort());
            System.out.flush();
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            long received = 0;
            while (true) {
                try {
                    s.receive(p);
                    received++;
                    s.setSoTimeout(1000);
                } catch (SocketTimeoutException idle) {
                    break;
                }
            }
            System.out.println("received=" + received);
        }
    }
}
