package io.floe.bench;

import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for the forward input: several connections send pre-built frames as fast as the
 * agent takes them, for a time or a number of events, with or without acks; prints one line of
 * {@code key=value} figures. {@code --discard PORT} instead runs a server that reads and drops bytes,
 * the raw-TCP baseline the agent's figures are read against. {@code --warmup S} sends for S seconds
 * first, prints {@code warmed-up} and only then starts counting, so figures are of a process whose code
 * is compiled (the JIT's first seconds otherwise weigh on short runs).
 *
 * <pre>
 * java -cp 'bench/target/floe-bench.jar:bench/target/lib/*' io.floe.bench.ForwardLoad \
 *      --port 24224 --connections 4 --mode packed --batch 1000 --record-size 300 --seconds 20 [--warmup 5] [--ack]
 *      [--record docker|json-log]
 * </pre>
 */
public final class ForwardLoad {
    private ForwardLoad() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.discardPort > 0) {
            discard(o.discardPort);
            return;
        }
        long perConnection = o.events > 0 ? o.events / o.connections : Long.MAX_VALUE;
        LoadRun.drive(o.connections, o.warmup, o.seconds, (id, deadline, events, bytes) -> run(o, id, perConnection, deadline, events, bytes))
                .report(String.format(Locale.ROOT, "mode=%s batch=%d ack=%s", o.mode.name().toLowerCase(Locale.ROOT), o.batch, o.ack));
    }

    private static void run(Options o, int id, long limit, long deadline, LongAdder events, LongAdder bytes) throws IOException {
        int poolSize = 16;
        byte[][] pool = new byte[poolSize][];
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < poolSize; i++) {
            pool[i] = o.mode == ForwardClient.Mode.MESSAGE ? o.shape.record(i, o.recordSize)
                    : Entries.numbered(o.shape, (long) i * o.batch, o.batch, o.recordSize, now);
        }
        try (ForwardClient client = new ForwardClient(o.host, o.port, Duration.ofSeconds(60))) {
            long sent = 0;
            long n = 0;
            int outstanding = 0;
            while (sent < limit && System.nanoTime() < deadline) {
                byte[] frame = pool[(int) (n++ % poolSize)];
                String chunk = o.ack ? "c" + id + "-" + n : null;
                if (o.mode == ForwardClient.Mode.MESSAGE) {
                    client.sendMessage(o.tag, now, 0, frame, chunk);
                    sent++;
                } else {
                    client.send(o.mode, o.tag, frame, o.batch, chunk);
                    sent += o.batch;
                }
                bytes.add(frame.length);
                if (o.ack) {
                    outstanding++;
                    if (outstanding >= o.window) {
                        client.flush();
                        client.readAck();
                        outstanding--;
                    }
                }
                if (o.mode == ForwardClient.Mode.MESSAGE) {
                    events.increment();
                } else {
                    events.add(o.batch);
                }
            }
            client.flush();
            while (outstanding-- > 0) {
                client.readAck();
            }
        }
    }

    private static void discard(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port)) {
            System.out.println("discarding on " + server.getLocalPort());
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    byte[] buf = new byte[1 << 16];
                    try (s; InputStream in = s.getInputStream()) {
                        while (in.read(buf) >= 0) {
                            // drop
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

    private static final class Options {
        String host = "127.0.0.1";
        int port = 24224;
        int connections = 4;
        ForwardClient.Mode mode = ForwardClient.Mode.PACKED;
        int batch = 1000;
        int recordSize = 300;
        Entries.Shape shape = Entries.Shape.DOCKER;
        long seconds = 20;
        long warmup;
        long events;
        boolean ack;
        int window = 8;
        String tag = "bench.load";
        int discardPort;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--host" -> o.host = args[++i];
                    case "--port" -> o.port = Integer.parseInt(args[++i]);
                    case "--connections" -> o.connections = Integer.parseInt(args[++i]);
                    case "--mode" -> o.mode = ForwardClient.Mode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--batch" -> o.batch = Integer.parseInt(args[++i]);
                    case "--record" -> o.shape = Entries.Shape.valueOf(args[++i].toUpperCase(Locale.ROOT).replace('-', '_'));
                    case "--record-size" -> o.recordSize = Integer.parseInt(args[++i]);
                    case "--seconds" -> o.seconds = Long.parseLong(args[++i]);
                    case "--warmup" -> o.warmup = Long.parseLong(args[++i]);
                    case "--events" -> o.events = Long.parseLong(args[++i]);
                    case "--ack" -> o.ack = true;
                    case "--window" -> o.window = Integer.parseInt(args[++i]);
                    case "--tag" -> o.tag = args[++i];
                    case "--discard" -> o.discardPort = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.events > 0) {
                o.seconds = Long.MAX_VALUE / 2_000_000_000L;
            }
            return o;
        }
    }
}
