package io.floe.agent.process;

import io.floe.bench.Entries;
import io.floe.testkit.ForwardClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client like Docker's fluentd logging driver with {@code fluentd-request-ack}: one line per Message-mode
 * frame with a {@code chunk} id, each waiting for its ack before the next. Docker waits with no deadline;
 * here {@code hangBound} is that wait's bound, and passing it fails the test: the agent must answer every
 * line, with its ack or by closing the connection. On a close the client connects again and sends the
 * same line again, as the driver does.
 */
final class AckingLineClient implements Callable<Long> {
    private final int port;
    private final String tag;
    private final long first;
    private final int count;
    private final int lineBytes;
    private final Duration hangBound;
    private volatile long acked;
    private volatile int reconnects;

    AckingLineClient(int port, String tag, long first, int count, int lineBytes, Duration hangBound) {
        this.port = port;
        this.tag = tag;
        this.first = first;
        this.count = count;
        this.lineBytes = lineBytes;
        this.hangBound = hangBound;
    }

    long acked() {
        return acked;
    }

    int reconnects() {
        return reconnects;
    }

    /** Sends lines first..first+count-1, each until acknowledged; returns the number acknowledged. */
    @Override
    public Long call() throws Exception {
        ForwardClient c = null;
        try {
            for (long seq = first; seq < first + count; seq++) {
                byte[] record = Entries.dockerRecord(seq, lineBytes);
                String chunk = chunkId(); // the same id on every resend of the line
                while (true) {
                    if (c == null) {
                        c = new ForwardClient("127.0.0.1", port, hangBound);
                    }
                    try {
                        c.sendMessage(tag, System.currentTimeMillis() / 1000, 0, record, chunk);
                        c.flush();
                        String ack = c.readAck();
                        if (!ack.equals(chunk)) {
                            throw new AssertionError("ack " + ack + " for line " + seq + " sent as " + chunk);
                        }
                        acked++;
                        break;
                    } catch (SocketTimeoutException deaf) {
                        throw new AssertionError("line " + seq + " got neither an ack nor a close within " + hangBound
                                + " (" + acked + " acknowledged before it)");
                    } catch (IOException closed) {
                        c.close();
                        c = null;
                        reconnects++;
                        Thread.sleep(100); // Docker reconnects at once; a pause keeps a 2-core machine usable
                    }
                }
            }
            return acked;
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** As the driver makes them: 16 random bytes, base64. */
    private static String chunkId() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
