package io.floe.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    @Test
    void collectsWarningsInOrder() {
        Diagnostics d = new Diagnostics();
        assertFalse(d.hasWarnings());
        d.warn(new Location("a.conf", 3), "first");
        d.warn(new Location("b.conf", 1), "second");
        assertTrue(d.hasWarnings());
        List<Diagnostics.Warning> w = d.warnings();
        assertEquals(List.of(new Diagnostics.Warning(new Location("a.conf", 3), "first"),
                new Diagnostics.Warning(new Location("b.conf", 1), "second")), w);
        assertEquals("a.conf:3: first", w.get(0).toString());
        assertThrows(UnsupportedOperationException.class, () -> w.add(w.get(0)));
    }
}
