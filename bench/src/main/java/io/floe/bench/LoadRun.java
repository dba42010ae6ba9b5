package io.floe.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generators share: a run of several connections sending until a deadline, with an optional
 * warm-up after which counting starts ({@code warmed-up} is printed then), ending in one line of
 * {@code key=value} figures (ForwardLoad, LineLoad, HttpLoad); and the {@code --name value} options of
 * LineLoad and HttpLoad.
 */
final class LoadRun {
    /** One connection's sending loop: counts what it sent until the deadline (System.nanoTime). */
    interface Connection {
        void send(int id, long deadline, LongAdder events, LongAdder bytes) throws Exception;
    }

    private final Map<String, String> options = new HashMap<>();

    LoadRun(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
    }

    String text(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }

    int number(String name, int dflt) {
        return Integer.parseInt(text(name, String.valueOf(dflt)));
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** Runs {@code --connections} connections for {@code --warmup} + {@code --seconds} and prints the figures. */
    void run(String describe, Connection connection) throws InterruptedException {
        drive(number("connections", 4), number("warmup", 0), number("seconds", 20), connection).report(describe);
    }

    /** What the connections sent once counting started, in how long, and what failed. */
    record Sent(int connections, long events, long bytes, double seconds, List<Throwable> errors) {
        /** Prints the line of figures after {@code describe}; exits with 1 when a connection failed. */
        void report(String describe) {
            System.out.printf(Locale.ROOT, "%s connections=%d events=%d seconds=%.2f events_per_s=%.0f mb_per_s=%.1f errors=%d%n",
                    describe, connections, events, seconds, events / seconds, bytes / seconds / 1e6, errors.size());
            if (!errors.isEmpty()) {
                errors.get(0).printStackTrace();
                System.exit(1);
            }
        }
    }

    /** Runs the connections, each in its thread, until warmup + seconds are over or all have ended. */
    static Sent drive(int connections, long warmup, long seconds, Connection connection) throws InterruptedException {
        LongAdder events = new LongAdder();
        LongAdder bytes = new LongAdder();
        long deadline = System.nanoTime() + Duration.ofSeconds(warmup + seconds).toNanos();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try {
                    connection.send(id, deadline, events, bytes);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        if (warmup > 0) {
            Thread.sleep(Duration.ofSeconds(warmup).toMillis());
            events.reset();
            bytes.reset();
            t0 = System.nanoTime();
            System.out.println("warmed-up");
            System.out.flush();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Sent(connections, events.sum(), bytes.sum(), (System.nanoTime() - t0) / 1e9, errors);
    }
}
