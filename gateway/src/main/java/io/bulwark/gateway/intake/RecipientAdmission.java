package io.bulwark.gateway.intake;

import io.bulwark.gateway.routing.RecipientVerifier;
import io.bulwark.gateway.routing.RelayPolicy;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Decides RCPT TO for a syntactically valid address: relay policy first, then recipient
 * verification (ARCHITECTURE.md, "Message lifecycle" 1).
 *
 * <p>Relay policy (Postfix {@code reject_unauth_destination} with {@code allow_untrusted_routing
 * = no}): a client outside {@code mynetworks} may only address relay domains, and never with
 * sender-specified routing in the local part ({@code %}, {@code !} or a quoted {@code @}), because
 * a next hop that honours such routing would turn us into an open relay by proxy. {@code
 * <postmaster>} without a domain and {@code postmaster@<hostname>} are always accepted
 * (RFC 5321 4.5.1) and delivered to the configured postmaster address. Verification, where a
 * domain asks for it, turns an undeliverable address into 550 5.1.1 and an unverifiable one into
 * 450 4.1.1.
 *
 * <p>Thread-safe (shared by all sessions) as long as the verifier is.
 */
public final class RecipientAdmission {
    private final java.util.function.Supplier<RelayPolicy> relayPolicy;
    private final Optional<RecipientVerifier> verifier;
    private final String hostname;
    private final String postmaster;

    /** The decision: accept (recording {@code recipient}, which for postmaster is the configured address) or refuse. */
    public sealed interface Decision {
        /** The reply to send. */
        String reply();
    }

    /** Accepted; {@code recipient} is what the message is addressed to from now on. */
    public record Accepted(String recipient) implements Decision {
        @Override
        public String reply() {
            return "250 2.1.5 Ok";
        }
    }

    /** Refused with {@code reply} (an event records it). */
    public record Refused(String reply) implements Decision {
    }

    /**
     * @param verifier   recipient verification; empty when no relay domain is verified
     * @param hostname   our host name ({@code postmaster@hostname} is ours)
     * @param postmaster where mail to the postmaster goes
     */
    public RecipientAdmission(RelayPolicy relayPolicy, Optional<RecipientVerifier> verifier, String hostname,
            String postmaster) {
        this(() -> relayPolicy, verifier, hostname, postmaster);
    }

    /** With the routing in force at each RCPT (settings changed from the console apply to the next one). */
    public RecipientAdmission(java.util.function.Supplier<RelayPolicy> relayPolicy, Optional<RecipientVerifier> verifier, String hostname,
            String postmaster) {
        this.relayPolicy = relayPolicy;
        this.verifier = verifier;
        this.hostname = hostname;
        this.postmaster = postmaster;
    }

    /** Whether {@code client} is in mynetworks (relay anywhere). */
    public boolean isTrusted(InetAddress client) {
        return relayPolicy.get().isTrustedClient(client);
    }

    /** Decides RCPT TO:&lt;{@code address}&gt; from {@code client}. */
    public Decision admit(InetAddress client, String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? "" : address.substring(at + 1);
        if (local.equalsIgnoreCase("postmaster")
                && (at < 0 || RelayPolicy.normaliseDomain(domain).equalsIgnoreCase(hostname))) {
            return new Accepted(postmaster);
        }
        if (!isTrusted(client) && (!relayPolicy.get().isRelayDomain(domain) || hasSenderRouting(local))) {
            return new Refused("550 5.7.1 <" + address + ">: Relay access denied");
        }
        if (verifier.isPresent() && verifier.get().covers(domain)) {
            switch (verifier.get().verify(address)) {
                case RecipientVerifier.Verdict.Accepted a -> {
                    // verified: accepted below
                }
                case RecipientVerifier.Verdict.Refused r -> {
                    return new Refused("550 5.1.1 <" + address
                            + ">: Recipient address rejected: undeliverable address: " + r.reply());
                }
                case RecipientVerifier.Verdict.Unknown u -> {
                    return new Refused("450 4.1.1 <" + address
                            + ">: Recipient address rejected: unverified address: " + u.reason());
                }
            }
        }
        return new Accepted(address);
    }

    /** Sender-specified routing in a local part (Postfix allow_untrusted_routing = no). */
    static boolean hasSenderRouting(String local) {
        return local.indexOf('%') >= 0 || local.indexOf('!') >= 0 || local.indexOf('@') >= 0;
    }
}
