package io.floe.inputs.forward;

import io.floe.api.config.Size;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks ForwardInput's constructor makes, with Fluentd's messages where Fluentd has one. Pure:
 * no socket is opened and no name is looked up, so {@code --dry-run} can run them.
 */
final class ForwardInputValidation {
    private ForwardInputValidation() {
    }

    static void validate(ForwardInput.Config c) {
        if (c.port() < 0 || c.port() > 65535) {
            throw new IllegalArgumentException("port " + c.port() + " is outside 0..65535");
        }
        if (c.backlog() != null && c.backlog() < 1) {
            throw new IllegalArgumentException("backlog must be at least 1");
        }
        if (c.lingerTimeout() < 0) {
            throw new IllegalArgumentException("linger_timeout must not be negative");
        }
        if (c.denyKeepalive() && c.sendKeepalivePacket()) {
            throw new IllegalArgumentException("both 'send_keepalive_packet' and 'deny_keepalive' cannot be set to true");
        }
        positive("chunk_size_limit", c.chunkSizeLimit());
        positive("chunk_size_warn_limit", c.chunkSizeWarnLimit());
        positive("decompression_size_limit", c.decompressionSizeLimit());
        positive("receive_buffer_size_limit", c.receiveBufferSizeLimit());
        positive("partial_max_size", c.partialMaxSize());
        if (c.partialFlushInterval().isZero() || c.partialFlushInterval().isNegative()) {
            throw new IllegalArgumentException("partial_flush_interval must be positive");
        }
        if (c.security().size() > 1) {
            throw new IllegalArgumentException("only one <security> section is allowed");
        }
        if (!c.security().isEmpty()) {
            security(c.security().get(0));
        }
        String protocol = c.transport().protocol();
        if (!Set.of("", "tcp", "tls").contains(protocol)) {
            throw new IllegalArgumentException("<transport " + protocol + "> is not supported by in_forward (use tcp or tls)");
        }
        if (c.transport().tls()) {
            c.transport().validateTls();
        }
    }

    private static void positive(String name, Size s) {
        // A frame and its inflated payload are held in one Java array.
        if (s != null && (s.bytes() < 1 || s.bytes() > Integer.MAX_VALUE - 64)) {
            throw new IllegalArgumentException(name + " must be between 1 byte and 2g");
        }
    }

    private static void security(ForwardSecurityConfig s) {
        if (s.userAuth() && s.users().isEmpty()) {
            throw new IllegalArgumentException("<user> sections required if user_auth enabled");
        }
        if (!s.allowAnonymousSource() && s.clients().isEmpty()) {
            throw new IllegalArgumentException("<client> sections required if allow_anonymous_source disabled");
        }
        for (ForwardSecurityConfig.Client c : s.clients()) {
            if (c.host() != null && c.network() != null) {
                throw new IllegalArgumentException("both of 'host' and 'network' are specified for client");
            }
            if (c.host() == null && c.network() == null) {
                throw new IllegalArgumentException("Either of 'host' and 'network' must be specified for client");
            }
            if (c.network() != null) {
                ClientNetwork.parse(c.network());
            }
        }
    }

    /** The {@code <client>} rules with their hosts resolved; done at start, since it may need DNS. */
    static List<ForwardAuthenticator.Node> nodes(ForwardSecurityConfig s) throws UnknownHostException {
        List<ForwardAuthenticator.Node> out = new ArrayList<>();
        for (ForwardSecurityConfig.Client c : s.clients()) {
            ClientNetwork n;
            if (c.host() != null) {
                try {
                    n = ClientNetwork.of(InetAddress.getByName(c.host()));
                } catch (UnknownHostException e) {
                    throw new UnknownHostException("host '" + c.host() + "' cannot be resolved");
                }
            } else {
                n = ClientNetwork.parse(c.network());
            }
            out.add(new ForwardAuthenticator.Node(n, c.sharedKey(), c.users()));
        }
        return out;
    }
}
