package io.bulwark.gateway.delivery;

import io.bulwark.gateway.dns.DnsResolver;
import io.bulwark.gateway.dns.DnsResolver.AddressResult;
import io.bulwark.gateway.dns.DnsResolver.MxResult;
import io.bulwark.gateway.routing.Route;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link Route} into the hosts and addresses to try, by MX preference (RFC 5321 5.1):
 * MX hosts by preference, else the domain's own addresses; null MX (RFC 7505) and NXDOMAIN are
 * permanent failures, a temporary DNS failure is always temporary. Shared by delivery and the
 * recipient verification probe. Thread-safe.
 */
final class NextHopResolver {
    private final DnsResolver dns;

    NextHopResolver(DnsResolver dns) {
        this.dns = dns;
    }

    record Target(String name, List<InetAddress> addresses) {
    }

    /** Hosts to try, or a failure text (with its RFC 3463 code) and whether it is permanent. */
    record Targets(List<Target> hosts, String failure, boolean permanent) {
        static Targets of(List<Target> hosts) {
            return new Targets(hosts, null, false);
        }

        static Targets fail(String failure, boolean permanent) {
            return new Targets(List.of(), failure, permanent);
        }
    }

    Targets resolve(Route route) {
        if (!route.mxLookup()) {
            return addressTargets(route.host());
        }
        MxResult mx = dns.lookupMx(route.host());
        return switch (mx) {
            case MxResult.Found found -> {
                List<Target> targets = new ArrayList<>();
                String temporary = null;
                for (DnsResolver.MxHost host : found.hosts()) {
                    switch (dns.lookupAddresses(host.host())) {
                        case AddressResult.Found a -> targets.add(new Target(host.host(), a.addresses()));
                        case AddressResult.TemporaryFailure t -> temporary = t.reason();
                        case AddressResult.NotFound n -> {
                            // A dangling MX is skipped; the others may still work.
                        }
                    }
                }
                if (!targets.isEmpty()) {
                    yield Targets.of(targets);
                }
                yield temporary != null
                        ? Targets.fail("4.4.3 " + temporary, false)
                        : Targets.fail("5.4.4 no address for any MX host of " + route.host(), true);
            }
            // RFC 5321 5.1: no MX means the domain itself is the (implicit) MX.
            case MxResult.NoMx none -> addressTargets(route.host());
            case MxResult.NullMx nullMx ->
                    Targets.fail("556 5.1.10 domain " + route.host() + " does not accept mail (null MX)", true);
            case MxResult.NotFound notFound ->
                    Targets.fail("5.1.2 host or domain name not found: " + route.host(), true);
            case MxResult.TemporaryFailure t -> Targets.fail("4.4.3 " + t.reason(), false);
        };
    }

    private Targets addressTargets(String host) {
        return switch (dns.lookupAddresses(host)) {
            case AddressResult.Found found -> Targets.of(List.of(new Target(host, found.addresses())));
            case AddressResult.NotFound n -> Targets.fail("5.4.4 host not found: " + host, true);
            case AddressResult.TemporaryFailure t -> Targets.fail("4.4.3 " + t.reason(), false);
        };
    }
}
