package io.floe.inputs.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {
    @Test
    void offChecksNothingAndRefusesPreflights() {
        Cors off = new Cors(null, false);
        assertFalse(off.refuses("http://any"));
        assertEquals(Map.of(), off.headers("http://any"));
        assertNull(off.preflight("http://any", "POST", null));
    }

    @Test
    void listedOriginsAndStarPatternsAreAllowedOthersRefused() {
        Cors cors = new Cors(List.of("http://foo.example", "https://*.bar.example"), true);
        assertFalse(cors.refuses("http://foo.example"));
        assertFalse(cors.refuses("https://app.bar.example"));
        assertTrue(cors.refuses("http://foo.example.evil"));
        assertTrue(cors.refuses(null));
        assertEquals(Map.of("Access-Control-Allow-Origin", "http://foo.example", "Access-Control-Allow-Credentials", "true"),
                cors.headers("http://foo.example"));
        assertEquals(Map.of("Access-Control-Allow-Methods", "POST", "Access-Control-Allow-Headers", "Content-Type",
                "Access-Control-Allow-Origin", "http://foo.example", "Access-Control-Allow-Credentials", "true"),
                cors.preflight("http://foo.example", "POST", "Content-Type"));
        assertNull(cors.preflight("http://foo.example", "PUT", null));
    }

    @Test
    void anyOriginAnswersStarAndCannotTakeCredentials() {
        assertEquals(Map.of("Access-Control-Allow-Origin", "*"), new Cors(List.of("*"), false).headers("http://x"));
        assertThrows(IllegalArgumentException.class, () -> new Cors(List.of("*"), true));
        assertThrows(IllegalArgumentException.class, () -> new Cors(null, true));
    }
}
