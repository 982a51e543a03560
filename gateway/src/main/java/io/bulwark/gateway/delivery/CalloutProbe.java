package io.bulwark.gateway.delivery;

import io.bulwark.gateway.routing.RecipientProbe;
import io.bulwark.gateway.routing.RecipientVerifier.Verdict;
import io.bulwark.gateway.routing.Route;
import io.bulwark.gateway.routing.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recipient verification probe over SMTP: the recipient's domain is routed exactly as a
 * delivery would be (transport map, relayhost, MX; same TLS policy), and the first host that
 * answers decides. {@code MAIL FROM:<>} is used, as Postfix does by default, so that the probe
 * itself can never cause a bounce.
 *
 * <p>Only a 5xx reply to RCPT refuses the recipient; everything else that is not 2xx (4xx, no
 * connection, DNS trouble, a refused MAIL, a TLS policy that cannot be met) is "unknown", which
 * the listener answers with 4xx: a verification problem must never lose mail. Thread-safe.
 */
public final class CalloutProbe implements RecipientProbe {
    private static final Logger log = LoggerFactory.getLogger(CalloutProbe.class);

    private final java.util.function.Supplier<Router> router;
    private final NextHopResolver hops;
    private final SmtpClient client;

    /** @param client a client with short timeouts and no connection cache */
    public CalloutProbe(java.util.function.Supplier<Router> router, io.bulwark.gateway.dns.DnsResolver dns, SmtpClient client) {
        this.router = router;
        this.hops = new NextHopResolver(dns);
        this.client = client;
    }

    @Override
    public Verdict probe(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        Route route = router.get().route(domain);
        NextHopResolver.Targets targets = hops.resolve(route);
        if (targets.failure() != null) {
            return new Verdict.Unknown(targets.failure());
        }
        String last = "no usable address for " + route;
        int tried = 0;
        for (NextHopResolver.Target target : targets.hosts()) {
            for (InetAddress ip : target.addresses()) {
                if (tried++ >= DeliveryAgent.MAX_ADDRESSES) {
                    return new Verdict.Unknown(last);
                }
                SmtpClient.Destination destination = new SmtpClient.Destination(
                        new InetSocketAddress(ip, route.port()), target.name(), router.get().tlsPolicy(domain));
                try {
                    SmtpReply reply = client.probe(destination, address);
                    log.debug("probe <{}> at {}: {}", address, destination.address(), reply);
                    if (reply.isPositive()) {
                        return new Verdict.Accepted();
                    }
                    return reply.isPermanent() ? new Verdict.Refused(reply.toString())
                            : new Verdict.Unknown(reply.toString());
                } catch (SmtpClient.SessionFailure f) {
                    last = f.description();
                    if (f.stage().equals("MAIL")) {
                        return new Verdict.Unknown(last); // the host answered, but not about the recipient
                    }
                } catch (IOException e) {
                    last = "4.4.1 connect to " + target.name() + "[" + ip.getHostAddress() + "]:" + route.port()
                            + ": " + e.getMessage();
                }
            }
        }
        return new Verdict.Unknown(last);
    }
}
