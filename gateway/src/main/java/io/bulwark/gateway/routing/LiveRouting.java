package io.bulwark.gateway.routing;

import io.bulwark.events.settings.RoutingSettings;
import io.bulwark.scan.message.TrustedNetworks;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing this node applies now: the settings recorded from the console (issue
 * "Administration": relay domains, mynetworks, relayhost, transport map, recipient verification)
 * when there are any, else the node's {@code bulwark.routing.*} properties. Each reader gets the
 * immutable {@link RelayPolicy}, {@link Router} and {@link TrustedNetworks} built from the settings
 * in force when it asks: a connection's RCPT, a delivery's grouping, a scan's trusted hops. A change
 * applies to the next one; nothing is restarted.
 *
 * <p>Built lazily and cached by the identity of the settings object, so the cost per read is a
 * volatile read and a reference comparison. Settings that cannot be built (an event recorded by a
 * later version with syntax this one refuses) leave the last good routing in force and are logged,
 * never half applied.
 *
 * <p>Thread-safe.
 */
public final class LiveRouting {
    private static final Logger log = LoggerFactory.getLogger(LiveRouting.class);

    private final RoutingSettings startValues;
    private final Supplier<RoutingSettings> recorded;
    private final int defaultPort;
    private final Supplier<OutboundTlsPolicies> tls;
    private volatile Built built;

    private record Built(RoutingSettings source, OutboundTlsPolicies tls, RelayPolicy relayPolicy, Router router,
            TrustedNetworks trustedNetworks, Set<String> verifyRecipients) {
    }

    /**
     * The outbound TLS policies delivery applies (Postfix {@code smtp_tls_policy_maps} and
     * {@code smtp_tls_security_level}). The router is rebuilt when a new instance is supplied: keep
     * handing out the same instance while nothing changed.
     *
     * @param perDomain     recipient domain to {@code none|may|encrypt|verify}
     * @param defaultPolicy for other domains
     */
    public record OutboundTlsPolicies(Map<String, String> perDomain, TlsPolicy defaultPolicy) {
        public OutboundTlsPolicies {
            perDomain = Map.copyOf(perDomain);
        }
    }

    /**
     * @param startValues the properties' routing (must build: a bad property stops the start-up)
     * @param recorded    the console's routing, or null while none was recorded
     * @param defaultPort the delivery port for next hops written without one
     * @param tlsPolicies outbound TLS policy per recipient domain
     * @param defaultTls  outbound TLS policy for other domains
     */
    public LiveRouting(RoutingSettings startValues, Supplier<RoutingSettings> recorded, int defaultPort,
            Map<String, String> tlsPolicies, TlsPolicy defaultTls) {
        this(startValues, recorded, defaultPort, constant(new OutboundTlsPolicies(tlsPolicies, defaultTls)));
    }

    /**
     * @param tls the outbound TLS policies in force now (the console's TLS policy settings, else the
     *            properties); the same instance while unchanged
     */
    public LiveRouting(RoutingSettings startValues, Supplier<RoutingSettings> recorded, int defaultPort,
            Supplier<OutboundTlsPolicies> tls) {
        this.startValues = startValues;
        this.recorded = recorded;
        this.defaultPort = defaultPort;
        this.tls = tls;
        this.built = build(startValues, tls.get());
    }

    private static Supplier<OutboundTlsPolicies> constant(OutboundTlsPolicies policies) {
        return () -> policies;
    }

    /** Routing fixed to {@code settings} (tests, tools). */
    public static LiveRouting fixed(RoutingSettings settings, int defaultPort) {
        return new LiveRouting(settings, () -> null, defaultPort, Map.of(), TlsPolicy.MAY);
    }

    public RelayPolicy relayPolicy() {
        return current().relayPolicy();
    }

    public Router router() {
        return current().router();
    }

    public TrustedNetworks trustedNetworks() {
        return current().trustedNetworks();
    }

    /** Relay domains whose recipients are verified at RCPT time (normalised). */
    public Set<String> verifyRecipients() {
        return current().verifyRecipients();
    }

    /** The settings in force. */
    public RoutingSettings settings() {
        return current().source();
    }

    private Built current() {
        RoutingSettings wanted = recorded.get();
        if (wanted == null) {
            wanted = startValues;
        }
        OutboundTlsPolicies wantedTls = tls.get();
        Built b = built;
        if (b.source() == wanted && b.tls() == wantedTls) {
            return b;
        }
        synchronized (this) {
            b = built;
            if (b.source() == wanted && b.tls() == wantedTls) {
                return b;
            }
            try {
                b = build(wanted, wantedTls);
                log.info("routing now: relay domains {}, mynetworks {}, relayhost {}, transport map {}",
                        wanted.relayDomains(), wanted.mynetworks(), wanted.relayhost(), wanted.transportMap());
            } catch (IllegalArgumentException e) {
                log.error("recorded routing cannot be applied, keeping the previous one: {}", e.getMessage());
                b = new Built(wanted, wantedTls, b.relayPolicy(), b.router(), b.trustedNetworks(),
                        b.verifyRecipients());
            }
            built = b;
            return b;
        }
    }

    private Built build(RoutingSettings s, OutboundTlsPolicies t) {
        return new Built(s, t, new RelayPolicy(s.relayDomains(), s.mynetworks()),
                new Router(s.transportMap(), s.relayhost(), defaultPort, t.perDomain(), t.defaultPolicy()),
                TrustedNetworks.of(s.mynetworks()), Set.copyOf(s.verifyRecipients()));
    }
}
