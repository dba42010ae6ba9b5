package io.floe.outputs.forward;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * One {@code <server>} and its health, as Fluentd's out_forward judges it: heartbeats feed a
 * {@link PhiAccrualDetector}; a server is detached when phi passes {@code phi_threshold} or nothing was heard
 * for {@code hard_timeout}, or when a send to it fails, and comes back after {@code recover_wait}'s worth of
 * heartbeats. Thread-safe: heartbeats, ticks and flush threads all touch it.
 */
final class ServerNode {
    /** What the config says about this server. */
    record Settings(String name, String host, int port, int weight, boolean standby, String sharedKey,
                    String username, String password) {
    }

    /** How health is judged; shared by every server of one output. */
    record Health(double intervalSeconds, double hardTimeoutSeconds, boolean phiDetector, double phiThreshold,
                  int recoverSampleSize, boolean heartbeats, Double expireDnsCacheSeconds, boolean dnsRoundRobin) {
    }

    private final Settings s;
    private final Health health;
    private final Logger log;
    private final PhiAccrualDetector detector;
    private boolean available = true;
    private InetAddress resolved;
    private double resolvedAt;

    ServerNode(Settings settings, Health health, Logger log, double now) {
        this.s = settings;
        this.health = health;
        this.log = log;
        this.detector = new PhiAccrualDetector(health.intervalSeconds(), health.hardTimeoutSeconds(), now);
    }

    Settings settings() {
        return s;
    }

    String name() {
        return s.name();
    }

    synchronized boolean available() {
        return available;
    }

    /**
     * The timer's check; true when the server was detached now (the balancer must be rebuilt).
     */
    synchronized boolean tick(double now) {
        if (!health.heartbeats()) {
            return false;
        }
        if (!available) {
            if (detector.hardTimeout(now)) {
                detector.clear();
            }
            return false;
        }
        if (detector.hardTimeout(now)) {
            detach(now, "hard_timeout");
            return true;
        }
        if (health.phiDetector()) {
            double phi = detector.phi(now);
            if (phi > health.phiThreshold()) {
                detach(now, String.format("phi=%.2f", phi));
                return true;
            }
        }
        return false;
    }

    /** A heartbeat answer arrived; true when the server was recovered now. */
    synchronized boolean heartbeat(double now) {
        detector.add(now);
        if (!available && detector.sampleSize() > health.recoverSampleSize()) {
            available = true;
            log.warn("recovered forwarding server '{}' host=\"{}\" port={}", s.name(), s.host(), s.port());
            return true;
        }
        return false;
    }

    /** A send failed (refused, reset, no ack): stop choosing this server until heartbeats bring it back. */
    synchronized boolean fail(double now, String why) {
        if (!available) {
            return false;
        }
        detach(now, why);
        if (!health.heartbeats()) {
            // With heartbeat_type none nothing would ever bring it back: try it again on the next chunk.
            available = true;
        }
        return true;
    }

    private void detach(double now, String why) {
        available = false;
        resolved = null;   // the address may have moved (a restarted pod)
        detector.clear();
        log.warn("detached forwarding server '{}' host=\"{}\" port={} reason=\"{}\"", s.name(), s.host(), s.port(), why);
    }

    /** The address to connect to, cached per {@code expire_dns_cache} (unset: forever; 0: never). */
    synchronized InetSocketAddress address(double now) throws UnknownHostException {
        Double expire = health.expireDnsCacheSeconds();
        boolean stale = resolved == null || (expire != null && now - resolvedAt >= expire);
        if (stale) {
            InetAddress[] all = InetAddress.getAllByName(s.host());
            resolved = health.dnsRoundRobin() ? all[ThreadLocalRandom.current().nextInt(all.length)] : all[0];
            resolvedAt = now;
        }
        return new InetSocketAddress(resolved, s.port());
    }
}
