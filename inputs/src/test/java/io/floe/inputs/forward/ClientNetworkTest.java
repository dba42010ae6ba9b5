package io.floe.inputs.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientNetworkTest {
    @Test
    void matchesAddressesInsideThePrefix() throws Exception {
        ClientNetwork n = ClientNetwork.parse("192.168.0.0/23");
        assertTrue(n.contains(InetAddress.getByName("192.168.1.200")));
        assertFalse(n.contains(InetAddress.getByName("192.168.2.1")));
        assertTrue(ClientNetwork.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
        assertTrue(ClientNetwork.parse("10.0.0.7").contains(InetAddress.getByName("10.0.0.7")));
        assertFalse(ClientNetwork.parse("10.0.0.7").contains(InetAddress.getByName("10.0.0.8")));
        assertTrue(ClientNetwork.parse("fe80::/10").contains(InetAddress.getByName("fe80::1")));
        assertFalse(ClientNetwork.parse("fe80::/10").contains(InetAddress.getByName("10.0.0.1")), "another family never matches");
    }

    @Test
    void refusesWhatIsNotAnAddressWithoutLookingItUp() {
        for (String bad : new String[] {"example.com", "dead.beef", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/x", ""}) {
            assertThrows(IllegalArgumentException.class, () -> ClientNetwork.parse(bad), bad);
        }
    }
}
