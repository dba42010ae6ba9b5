package io.floe.outputs.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class ServerSetTest {
    private static final ServerNode.Health HEALTH = new ServerNode.Health(1, 60, true, 16, 3, true, null, false);

    private static ServerNode node(String name, int weight, boolean standby) {
        return new ServerNode(new ServerNode.Settings(name, "127.0.0.1", 24224, weight, standby, null, "", ""), HEALTH,
                NOPLogger.NOP_LOGGER, 0);
    }

    private static Map<String, Integer> firstChoices(ServerSet set, int rounds) {
        Map<String, Integer> n = new HashMap<>();
        for (int i = 0; i < rounds; i++) {
            List<ServerNode> c = set.candidates();
            if (!c.isEmpty()) {
                n.merge(c.get(0).name(), 1, Integer::sum);
            }
        }
        return n;
    }

    @Test
    void chunksAreSpreadByWeight() {
        ServerSet set = new ServerSet(List.of(node("a", 60, false), node("b", 30, false)), NOPLogger.NOP_LOGGER);
        Map<String, Integer> n = firstChoices(set, 900);
        assertEquals(600, n.get("a"));
        assertEquals(300, n.get("b"));
    }

    @Test
    void aFailedServerIsSkippedAndTheOthersAreFallbacksForTheSameChunk() {
        ServerNode a = node("a", 60, false);
        ServerNode b = node("b", 60, false);
        ServerSet set = new ServerSet(List.of(a, b), NOPLogger.NOP_LOGGER);
        assertEquals(2, set.candidates().size(), "the other server is the fallback");
        assertTrue(a.fail(1, "refused"));
        set.rebuild();
        assertEquals(Map.of("b", 10), firstChoices(set, 10));
    }

    @Test
    void standbyTakesOverOnlyWhileARegularServerIsDown() {
        ServerNode a = node("a", 60, false);
        ServerNode s = node("s", 60, true);
        ServerSet set = new ServerSet(List.of(a, s), NOPLogger.NOP_LOGGER);
        assertEquals(Map.of("a", 10), firstChoices(set, 10));
        a.fail(1, "down");
        set.rebuild();
        assertEquals(Map.of("s", 10), firstChoices(set, 10));
        // recover_wait's worth of heartbeats (more than 3 here) brings it back.
        for (int t = 2; t <= 4; t++) {
            assertFalse(a.heartbeat(t));
        }
        assertTrue(a.heartbeat(5));
        assertTrue(a.available());
        set.rebuild();
        assertEquals(Map.of("a", 10), firstChoices(set, 10));
    }

    @Test
    void noCandidateWhenEveryServerIsDown() {
        ServerNode a = node("a", 60, false);
        ServerSet set = new ServerSet(List.of(a), NOPLogger.NOP_LOGGER);
        a.fail(1, "down");
        set.rebuild();
        assertTrue(set.candidates().isEmpty());
    }

    @Test
    void silenceDetachesAServer() {
        ServerNode a = node("a", 60, false);
        assertFalse(a.tick(10));
        assertTrue(a.tick(61), "hard_timeout after 60 s without a heartbeat");
        assertFalse(a.available());
    }
}
