package io.bulwark.gateway.settings;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.settings.DnsServerSettings;
import io.bulwark.events.settings.ModuleSwitches;
import io.bulwark.events.settings.MtaSettings;
import io.bulwark.events.settings.SettingsIds;
import io.bulwark.events.settings.TlsPolicySettings;
import io.bulwark.gateway.routing.LiveRouting.OutboundTlsPolicies;
import io.bulwark.gateway.routing.TlsPolicy;
import io.bulwark.gateway.smtp.InboundTlsPolicy;
import io.bulwark.gateway.smtp.SessionSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings areas this node applies now (issue "Administration": TLS policy, MTA limits, module
 * switches, DNS): the console's recorded settings of an area once there are any, else the node's
 * properties, as for the routing ({@code routing.LiveRouting}). Readers ask per use: the listener per
 * accepted connection ({@link #session()}), delivery per route ({@link #outboundTls()}), the scan per
 * message ({@link #switchedOff()}), DNS per lookup ({@link #dns()}). Nothing is restarted; what is
 * open keeps what it started with (a session its limits).
 *
 * <p>Derived objects are built lazily and cached by the identity of the recorded settings, so a
 * read costs a map lookup and a reference comparison, and {@link #outboundTls()} hands out the same
 * instance until the TLS policy changes (which is how the routing knows to rebuild its router).
 * Settings this version cannot apply (an event written by a later version) leave the last good ones
 * in force and are logged, never half applied.
 *
 * <p>Thread-safe.
 */
public final class LiveSettings {
    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    /** Where the recorded settings come from ({@code GatewayPolicy#recorded}). */
    @FunctionalInterface
    public interface Recorded {
        /** The area's recorded settings, or null while none were recorded. */
        <S> S get(String areaId, Class<S> type);
    }

    private final Start start;
    private final Recorded recorded;
    private final boolean inboundTlsAvailable;
    private volatile Derived derived;
    private volatile ResolverSettings resolverSettings;

    private record ResolverSettings(DnsServerSettings source, io.bulwark.scan.dns.DnsSettings settings) {
    }

    /**
     * The node's start values, from its properties.
     *
     * @param session     the listener's settings as the properties give them
     * @param outboundTls delivery's TLS policies as the properties give them
     * @param dns         the resolvers and timeout as the properties give them
     */
    public record Start(SessionSettings session, OutboundTlsPolicies outboundTls, DnsServerSettings dns) {
    }

    private record Derived(TlsPolicySettings tls, MtaSettings mta, ModuleSwitches modules, SessionSettings session,
            OutboundTlsPolicies outboundTls, Set<ProtectionModule> switchedOff) {
    }

    /**
     * @param inboundTlsAvailable whether this node has a certificate for STARTTLS (it has none when it
     *                            started with {@code bulwark.smtp.tls=off}: then a recorded inbound
     *                            policy other than none is applied as none, and logged)
     */
    public LiveSettings(Start start, Recorded recorded, boolean inboundTlsAvailable) {
        this.start = start;
        this.recorded = recorded;
        this.inboundTlsAvailable = inboundTlsAvailable;
        this.derived = new Derived(null, null, null, start.session(), start.outboundTls(), Set.of());
        this.resolverSettings = new ResolverSettings(start.dns(), io.bulwark.scan.dns.DnsSettings
                .servers(start.dns().servers()).withTimeout(Duration.ofMillis(start.dns().timeoutMillis())));
    }

    /** The settings a session accepted now gets. */
    public SessionSettings session() {
        return current().session();
    }

    /** The outbound TLS policies in force: the same instance while unchanged. */
    public OutboundTlsPolicies outboundTls() {
        return current().outboundTls();
    }

    /** The modules switched off by an administrator (empty before any change). */
    public Set<ProtectionModule> switchedOff() {
        return current().switchedOff();
    }

    /** The DNS resolvers and timeout in force: the recorded instance, else the start values. */
    public DnsServerSettings dns() {
        DnsServerSettings dns = recorded.get(SettingsIds.DNS, DnsServerSettings.class);
        return dns != null ? dns : start.dns();
    }

    /**
     * The resolvers and timeout as the DNS services take them ({@code io.bulwark.scan.dns}): the same
     * instance while the DNS settings are unchanged, a new one after a change (the services rebuild
     * their resolver then).
     */
    public io.bulwark.scan.dns.DnsSettings dnsSettings() {
        DnsServerSettings wanted = dns();
        ResolverSettings r = resolverSettings;
        if (r.source() == wanted) {
            return r.settings();
        }
        synchronized (this) {
            r = resolverSettings;
            if (r.source() != wanted) {
                try {
                    r = new ResolverSettings(wanted, io.bulwark.scan.dns.DnsSettings.servers(wanted.servers())
                            .withTimeout(Duration.ofMillis(wanted.timeoutMillis())));
                    log.info("DNS now: servers {}, timeout {} ms", wanted.servers(), wanted.timeoutMillis());
                } catch (IllegalArgumentException e) {
                    log.error("recorded DNS settings cannot be applied, keeping the previous ones: {}", e.getMessage());
                    r = new ResolverSettings(wanted, r.settings());
                }
                resolverSettings = r;
            }
            return r.settings();
        }
    }

    private Derived current() {
        TlsPolicySettings tls = recorded.get(SettingsIds.TLS_POLICY, TlsPolicySettings.class);
        MtaSettings mta = recorded.get(SettingsIds.MTA, MtaSettings.class);
        ModuleSwitches modules = recorded.get(SettingsIds.MODULES, ModuleSwitches.class);
        Derived d = derived;
        if (d.tls() == tls && d.mta() == mta && d.modules() == modules) {
            return d;
        }
        synchronized (this) {
            d = derived;
            if (d.tls() == tls && d.mta() == mta && d.modules() == modules) {
                return d;
            }
            try {
                d = new Derived(tls, mta, modules, session(tls, mta), outbound(tls, d), switchedOff(modules));
                log.info("settings now: TLS policy {}, MTA {}, modules {}", tls, mta, modules);
            } catch (IllegalArgumentException e) {
                log.error("recorded settings cannot be applied, keeping the previous ones: {}", e.getMessage());
                d = new Derived(tls, mta, modules, d.session(), d.outboundTls(), d.switchedOff());
            }
            derived = d;
            return d;
        }
    }

    private SessionSettings session(TlsPolicySettings tls, MtaSettings mta) {
        SessionSettings s = start.session();
        if (tls == null && mta == null) {
            return s;
        }
        InboundTlsPolicy inbound = tls == null ? s.tls() : inbound(tls.inbound());
        if (inbound != InboundTlsPolicy.OFF && !inboundTlsAvailable) {
            log.warn("inbound TLS policy '{}' needs STARTTLS, but this node started with bulwark.smtp.tls=off and has"
                    + " no certificate: applied as none until it is restarted with TLS", tls.inbound());
            inbound = InboundTlsPolicy.OFF;
        }
        boolean require = tls != null ? tls.requireClientCertificate() : s.requireClientCertificate();
        if (mta == null) {
            return new SessionSettings(s.hostname(), s.maxMessageSize(), s.maxRecipients(), s.maxConnections(),
                    s.maxConnectionsPerClient(), s.maxMessagesPerConnection(), s.commandTimeout(), s.dataTimeout(),
                    s.softErrorLimit(), s.hardErrorLimit(), s.errorSleepTime(), s.lineLengthLimit(), s.bareNewline(),
                    inbound, s.wantClientCertificate(), s.slowClients(), require);
        }
        return new SessionSettings(mta.bannerHostname() != null ? mta.bannerHostname() : s.hostname(),
                mta.maxMessageSize(), mta.maxRecipients(), mta.maxConnections(), mta.maxConnectionsPerClient(),
                s.maxMessagesPerConnection(), Duration.ofSeconds(mta.commandTimeoutSeconds()),
                Duration.ofSeconds(mta.dataTimeoutSeconds()), s.softErrorLimit(), s.hardErrorLimit(),
                s.errorSleepTime(), s.lineLengthLimit(), s.bareNewline(), inbound, s.wantClientCertificate(),
                s.slowClients(), require);
    }

    private OutboundTlsPolicies outbound(TlsPolicySettings tls, Derived before) {
        if (tls == null) {
            return start.outboundTls();
        }
        if (tls == before.tls()) {
            return before.outboundTls();
        }
        return new OutboundTlsPolicies(tls.outboundPerDomain(), TlsPolicy.parse(tls.outbound()));
    }

    private static Set<ProtectionModule> switchedOff(ModuleSwitches m) {
        Set<ProtectionModule> off = EnumSet.noneOf(ProtectionModule.class);
        if (m == null) {
            return off;
        }
        if (!m.antivirus()) {
            off.add(ProtectionModule.ANTI_VIRUS);
        }
        if (!m.antispam()) {
            off.add(ProtectionModule.ANTI_SPAM);
        }
        if (!m.antiphishing()) {
            off.add(ProtectionModule.ANTI_PHISHING);
        }
        if (!m.senderAuthentication()) {
            off.add(ProtectionModule.SENDER_AUTHENTICATION);
        }
        if (!m.contentFiltering()) {
            off.add(ProtectionModule.CONTENT_FILTERING);
        }
        return Set.copyOf(off);
    }

    /** Postfix's {@code smtpd_tls_security_level} name as the listener's policy. */
    static InboundTlsPolicy inbound(String level) {
        return switch (level) {
            case "none" -> InboundTlsPolicy.OFF;
            case "may" -> InboundTlsPolicy.OFFERED;
            case "encrypt" -> InboundTlsPolicy.REQUIRED;
            default -> throw new IllegalArgumentException("inbound TLS policy must be none, may or encrypt: " + level);
        };
    }
}
