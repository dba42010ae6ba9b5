package io.floe.outputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhiAccrualDetectorTest {

    @Test
    void regularHeartbeatsKeepPhiLowAndSilenceRaisesIt() {
        PhiAccrualDetector d = new PhiAccrualDetector(1.0, 60, 0);
        for (int t = 1; t <= 30; t++) {
            d.add(t);
        }
        assertTrue(d.phi(30.5) < 1, "half an interval after a heartbeat");
        // Fluentd's formula at a 1 s interval: phi = silence / ln(10); past 16 after about 37 s.
        assertEquals(10 / Math.log(10), d.phi(40), 1e-6);
        assertTrue(d.phi(30 + 36) < 16);
        assertTrue(d.phi(30 + 38) > 16);
    }

    @Test
    void hardTimeoutCountsFromTheLastHeartbeat() {
        PhiAccrualDetector d = new PhiAccrualDetector(1.0, 5, 100);
        assertFalse(d.hardTimeout(104));
        assertTrue(d.hardTimeout(105.5));
        d.add(105.5);
        assertFalse(d.hardTimeout(106));
    }

    @Test
    void clearStartsCountingHeartbeatsForRecoveryAgain() {
        PhiAccrualDetector d = new PhiAccrualDetector(0.2, 60, 0);
        d.add(0.2);
        d.add(0.4);
        assertEquals(3, d.sampleSize());
        d.clear();
        assertEquals(0, d.sampleSize());
        d.add(10);
        assertEquals(1, d.sampleSize());
    }
}
