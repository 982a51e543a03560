package io.bulwark.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's {@code bulwark.*} configuration, with Postfix-familiar names where Postfix has one
 * ({@code relay-domains}, {@code mynetworks}, {@code transport-map}, {@code relayhost}).
 *
 * <p>Immutable and thread-safe. Every property, its default and meaning is listed in
 * {@code docs/gateway.md}. Other modules may bind their own classes to the {@code bulwark} prefix;
 * unknown keys are ignored here.
 *
 * @param dataDir  root of the node's local state; the spool lives in {@code <dataDir>/spool}
 * @param nodeId   this node's name in events and queue ids (default: the local host name)
 * @param smtp     the SMTP listener
 * @param routing  relay policy and next-hop selection
 * @param dns      the resolver used for MX/A/AAAA lookups
 * @param delivery the outbound queue
 */
@ConfigurationProperties("bulwark")
public record GatewayProperties(
        @DefaultValue("./data") Path dataDir,
        String nodeId,
        @DefaultValue Smtp smtp,
        @DefaultValue Routing routing,
        @DefaultValue Dns dns,
        @DefaultValue Delivery delivery) {

    public GatewayProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = localHostName();
        }
    }

    /**
     * The SMTP listener.
     *
     * @param enabled        false on a node that only runs the admin side
     * @param port           TCP port; 0 binds a random free port (tests)
     * @param bindAddress    local address to listen on
     * @param hostname       name in the banner, EHLO reply and Received headers (default: local
     *                       host name)
     * @param maxMessageSize largest message accepted (advertised with SIZE)
     */
    public record Smtp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2525") int port,
            @DefaultValue("0.0.0.0") String bindAddress,
            String hostname,
            @DefaultValue("50MB") DataSize maxMessageSize) {

        public Smtp {
            if (hostname == null || hostname.isBlank()) {
                hostname = localHostName();
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("bulwark.smtp.port out of range: " + port);
            }
        }
    }

    /**
     * Relay policy and next-hop selection.
     *
     * @param relayDomains recipient domains accepted from any client (exact, case-insensitive)
     * @param mynetworks   CIDR blocks of clients allowed to relay to any domain
     * @param transportMap next hop per recipient domain: {@code [host]:port}, {@code host:port} or
     *                     {@code host}; brackets suppress the MX lookup
     * @param relayhost    next hop for domains absent from the transport map; empty means MX
     */
    public record Routing(
            @DefaultValue List<String> relayDomains,
            @DefaultValue List<String> mynetworks,
            @DefaultValue Map<String, String> transportMap,
            String relayhost) {

        public Routing {
            relayDomains = relayDomains == null ? List.of() : List.copyOf(relayDomains);
            mynetworks = mynetworks == null ? List.of() : List.copyOf(mynetworks);
            // Domains are case-insensitive; keys are normalised once here so lookups stay exact.
            Map<String, String> normalised = new TreeMap<>();
            if (transportMap != null) {
                transportMap.forEach((domain, hop) -> normalised.put(domain.toLowerCase(Locale.ROOT), hop));
            }
            transportMap = Map.copyOf(normalised);
        }
    }

    /**
     * The DNS resolver.
     *
     * @param servers resolver addresses, {@code ip} or {@code ip:port} ({@code [v6]:port} for
     *                IPv6); empty means the system's resolvers
     * @param timeout time allowed for one query, retries included
     */
    public record Dns(@DefaultValue List<String> servers, @DefaultValue("5s") Duration timeout) {
        public Dns {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }
    }

    /**
     * The outbound queue.
     *
     * @param retryInitial     delay before the second attempt; doubles per attempt
     * @param retryMax         longest delay between two attempts
     * @param maxQueueLifetime age after which a message still deferred is bounced
     * @param concurrency      most messages being delivered at once on this node
     * @param defaultPort      TCP port for MX-routed and port-less next hops (25; tests move it)
     * @param connectTimeout   time allowed to open a TCP connection to a next hop
     * @param commandTimeout   time allowed for each reply of the next hop (RFC 5321 4.5.3.2 says 5m)
     * @param dataTimeout      time allowed for the reply to the end of data (RFC 5321: 10m)
     */
    public record Delivery(
            @DefaultValue("60s") Duration retryInitial,
            @DefaultValue("1h") Duration retryMax,
            @DefaultValue("5d") Duration maxQueueLifetime,
            @DefaultValue("20") int concurrency,
            @DefaultValue("25") int defaultPort,
            @DefaultValue("30s") Duration connectTimeout,
            @DefaultValue("5m") Duration commandTimeout,
            @DefaultValue("10m") Duration dataTimeout) {

        public Delivery {
            if (concurrency < 1) {
                throw new IllegalArgumentException("bulwark.delivery.concurrency must be at least 1");
            }
            if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
                throw new IllegalArgumentException(
                        "bulwark.delivery.retry-initial must be positive and not above retry-max");
            }
        }
    }

    /** The local host name, or "localhost" when the system cannot tell (e.g. no resolvable name). */
    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
