package io.floe.inputs.forward;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address with a prefix length, as a {@code <client> network} (or a single {@code host}) names its
 * clients. Addresses of another family never match, as with Ruby's IPAddr.
 */
record ClientNetwork(byte[] address, int prefix) {

    /** {@code 10.0.0.0/8}, {@code fe80::/10}, or a literal address (a network of one). */
    static ClientNetwork parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        // Only literals: a name here must not turn into a DNS lookup.
        if (!addr.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !addr.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("network '" + text + "' address format is invalid");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("network '" + text + "' address format is invalid");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("network '" + text + "' address format is invalid");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("network '" + text + "' has a prefix outside 0.." + bits);
            }
        }
        return new ClientNetwork(bytes, prefix);
    }

    static ClientNetwork of(InetAddress host) {
        byte[] b = host.getAddress();
        return new ClientNetwork(b, b.length * 8);
    }

    boolean contains(InetAddress a) {
        byte[] other = a.getAddress();
        if (other.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (other[full] & mask) == (address[full] & mask);
    }
}
