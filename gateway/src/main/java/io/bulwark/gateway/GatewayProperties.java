package io.bulwark.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import io.bulwark.gateway.routing.TlsPolicy;
import io.bulwark.gateway.smtp.BareNewlinePolicy;
import io.bulwark.gateway.smtp.InboundTlsPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's {@code bulwark.*} configuration, with Postfix-familiar names where Postfix has one
 * ({@code relay-domains}, {@code mynetworks}, {@code transport-map}, {@code relayhost}) and
 * Postfix's defaults for limits ({@code docs/mta.md} maps each to its Postfix parameter).
 *
 * <p>Immutable and thread-safe. Every property, its default and meaning is listed in
 * {@code docs/gateway.md} and {@code docs/mta.md}. Other modules may bind their own classes to the
 * {@code bulwark} prefix; unknown keys are ignored here.
 *
 * @param dataDir  root of the node's local state; the spool lives in {@code <dataDir>/spool}
 * @param nodeId   this node's name in events and queue ids (default: the local host name)
 * @param smtp     the SMTP listener
 * @param tls      the certificate and protocol settings shared by inbound and outbound TLS
 * @param routing  relay policy and next-hop selection
 * @param dns      the resolver used for MX/A/AAAA lookups
 * @param delivery the outbound queue
 * @param scan     the scan pipeline run before DATA is answered
 * @param policy   how the rules reach this node
 * @param senderauth the sender authentication checks (SPF, DKIM, DMARC, ARC)
 * @param antiphishing the anti-phishing checks: brands, executives, feeds, reputation zones
 * @param antivirus  the anti-virus engines beside the EICAR check (built-in signatures, clamd)
 * @param antispam   the anti-spam checks' lists and options (docs/antispam.md)
 */
@ConfigurationProperties("bulwark")
public record GatewayProperties(
        @DefaultValue("./data") Path dataDir,
        String nodeId,
        @DefaultValue Smtp smtp,
        @DefaultValue Tls tls,
        @DefaultValue Routing routing,
        @DefaultValue Dns dns,
        @DefaultValue Delivery delivery,
        @DefaultValue Scan scan,
        @DefaultValue Policy policy,
        @DefaultValue Senderauth senderauth,
        @DefaultValue Antiphishing antiphishing,
        @DefaultValue Antivirus antivirus,
        @DefaultValue Antispam antispam) {

    public GatewayProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = localHostName();
        }
    }

    /** Whether the listener asks clients for a certificate (Postfix {@code smtpd_tls_ask_ccert}). */
    public enum ClientAuth {
        NONE,
        /** Requested, never required; recorded, not used for authorisation. */
        WANT
    }

    /**
     * The SMTP listener and its limits. Defaults are Postfix's (parameter in brackets).
     *
     * @param enabled                   false on a node that only runs the admin side
     * @param port                      TCP port; 0 binds a random free port (tests)
     * @param bindAddress               local address to listen on
     * @param hostname                  name in the banner, EHLO reply and Received headers
     *                                  (default: local host name)
     * @param maxMessageSize            largest message accepted, advertised with SIZE
     *                                  [message_size_limit 10240000]
     * @param maxRecipients             recipients per message [smtpd_recipient_limit 1000]
     * @param maxConnections            concurrent sessions in total [default_process_limit 100]
     * @param maxConnectionsPerClient   concurrent sessions per client address, mynetworks exempt
     *                                  [smtpd_client_connection_count_limit 50; ours is 10: real
     *                                  MTAs open a few at a time, and 50 let two addresses fill
     *                                  the whole listener]
     * @param maxMessagesPerConnection  messages accepted in one session; 0 is unlimited
     * @param commandTimeout            deadline for a whole command line, waiting for it included
     *                                  [smtpd_timeout 300s with smtpd_per_request_deadline yes]
     * @param dataTimeout               deadline for the DATA content, extended by
     *                                  {@code minDataRate} [smtpd_timeout, per-request deadline]
     * @param softErrorLimit            errors after which every reply is delayed by
     *                                  {@code errorSleepTime} [smtpd_soft_error_limit 10]
     * @param hardErrorLimit            errors after which the session is closed
     *                                  [smtpd_hard_error_limit 20]
     * @param errorSleepTime            delay per reply beyond the soft limit
     *                                  [smtpd_error_sleep_time 1s]
     * @param hopCountLimit             most Received headers a message may carry [hopcount_limit 50]
     * @param lineLengthLimit           longest command line in bytes [line_length_limit 2048]
     * @param bareNewline               bare CR/LF policy [smtpd_forbid_bare_newline normalize]
     * @param bareNewlineExclusions     CIDR blocks exempt from {@code reject} (mynetworks always is)
     *                                  [smtpd_forbid_bare_newline_exclusions $mynetworks]
     * @param tls                       STARTTLS policy [smtpd_tls_security_level may]
     * @param tlsClientAuth             client certificates [smtpd_tls_ask_ccert no]
     * @param minDataRate               bytes per second that extend the DATA deadline
     *                                  [smtpd_min_data_rate 500]
     * @param stressTimeout             command and data deadline under stress
     *                                  [smtpd_timeout ${stress?10s}]
     * @param stressThreshold           percent of {@code maxConnections} open from which the listener
     *                                  is under stress
     * @param maxConnectionsPerNetwork  concurrent sessions per IPv4 /24 or IPv6 /64 (mynetworks
     *                                  exempt)
     * @param networkPrefixIpv4         IPv4 prefix counted as one network
     * @param networkPrefixIpv6         IPv6 prefix counted as one network
     * @param judgingMemory             heap that messages being scanned and judged may take together
     *                                  (each takes twice its size); unset: a quarter of the maximum
     *                                  heap. Beyond it a message waits, then gets 451
     * @param judgingWait               how long a message waits for that memory (RFC 5321 gives the
     *                                  client 10 minutes for the reply to the end of data)
     * @param judgingConcurrency        most messages scanned and judged at once; the others wait in
     *                                  their session (up to {@code judgingWait}, then 451). 0: eight
     *                                  per processor
     * @param inFlowDelay               longest pause before a message is taken in while nothing
     *                                  moves (no delivery starts, no intake ends); while mail moves
     *                                  a paused message keeps its place, up to 60 s; 0 turns intake
     *                                  flow control off [in_flow_delay 1s]
     * @param inFlowBacklog             messages in flight (in intake, or due and waiting for a
     *                                  delivery slot) beyond which intake pauses (ADR 0049)
     */
    public record Smtp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2525") int port,
            @DefaultValue("0.0.0.0") String bindAddress,
            String hostname,
            @DefaultValue("10240000B") DataSize maxMessageSize,
            @DefaultValue("1000") int maxRecipients,
            @DefaultValue("100") int maxConnections,
            @DefaultValue("10") int maxConnectionsPerClient,
            @DefaultValue("100") int maxMessagesPerConnection,
            @DefaultValue("300s") Duration commandTimeout,
            @DefaultValue("300s") Duration dataTimeout,
            @DefaultValue("10") int softErrorLimit,
            @DefaultValue("20") int hardErrorLimit,
            @DefaultValue("1s") Duration errorSleepTime,
            @DefaultValue("50") int hopCountLimit,
            @DefaultValue("2048") int lineLengthLimit,
            @DefaultValue("normalize") BareNewlinePolicy bareNewline,
            @DefaultValue List<String> bareNewlineExclusions,
            @DefaultValue("offered") InboundTlsPolicy tls,
            @DefaultValue("none") ClientAuth tlsClientAuth,
            @DefaultValue("500") int minDataRate,
            @DefaultValue("10s") Duration stressTimeout,
            @DefaultValue("80") int stressThreshold,
            @DefaultValue("30") int maxConnectionsPerNetwork,
            @DefaultValue("24") int networkPrefixIpv4,
            @DefaultValue("64") int networkPrefixIpv6,
            DataSize judgingMemory,
            @DefaultValue("120s") Duration judgingWait,
            @DefaultValue("0") int judgingConcurrency,
            @DefaultValue("1s") Duration inFlowDelay,
            @DefaultValue("100") int inFlowBacklog) {

        public Smtp {
            if (inFlowDelay == null) {
                inFlowDelay = Duration.ofSeconds(1);
            }
            if (judgingConcurrency < 0) {
                throw new IllegalArgumentException("bulwark.smtp.judging-concurrency must not be negative");
            }
            if (inFlowDelay.isNegative() || inFlowBacklog < 0) {
                throw new IllegalArgumentException("bulwark.smtp.in-flow-delay and in-flow-backlog must not be negative");
            }
            if (hostname == null || hostname.isBlank()) {
                hostname = localHostName();
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("bulwark.smtp.port out of range: " + port);
            }
            if (maxRecipients < 1 || maxConnections < 1 || maxConnectionsPerClient < 1 || hardErrorLimit < 1
                    || hopCountLimit < 1 || lineLengthLimit < 512 || maxMessagesPerConnection < 0) {
                throw new IllegalArgumentException("bulwark.smtp limits must be positive (line-length-limit >= 512)");
            }
            bareNewlineExclusions = bareNewlineExclusions == null ? List.of() : List.copyOf(bareNewlineExclusions);
            slowClients(minDataRate, stressTimeout, stressThreshold, maxConnectionsPerNetwork, networkPrefixIpv4,
                    networkPrefixIpv6); // validates
        }

        /** The heap budget of messages being judged, in bytes: configured, or a quarter of the maximum heap. */
        public long judgingMemoryBytes() {
            return judgingMemory != null ? judgingMemory.toBytes() : Runtime.getRuntime().maxMemory() / 4;
        }

        /** Most messages judged at once: configured, or eight per processor. */
        public int judgingSlots() {
            return judgingConcurrency > 0 ? judgingConcurrency : 8 * Runtime.getRuntime().availableProcessors();
        }

        /** The slow-client limits as the listener takes them. */
        public io.bulwark.gateway.smtp.SlowClientPolicy slowClients() {
            return slowClients(minDataRate, stressTimeout, stressThreshold, maxConnectionsPerNetwork, networkPrefixIpv4,
                    networkPrefixIpv6);
        }

        private static io.bulwark.gateway.smtp.SlowClientPolicy slowClients(int minDataRate, Duration stressTimeout,
                int stressThreshold, int perNetwork, int ipv4, int ipv6) {
            return new io.bulwark.gateway.smtp.SlowClientPolicy(stressTimeout, stressThreshold, minDataRate, perNetwork,
                    ipv4, ipv6);
        }
    }

    /**
     * Certificate and protocol settings. Without a certificate or keystore, a self-signed
     * certificate is generated once under {@code <dataDir>/tls} (key encrypted at rest).
     *
     * @param certificateFile     PEM certificate chain (leaf first)
     * @param keyFile             PEM private key (PKCS#8, PKCS#1 or SEC1; may be encrypted)
     * @param keyPassword         password of an encrypted {@code keyFile}
     * @param keystore            PKCS#12 keystore, instead of the two PEM files
     * @param keystorePassword    its password
     * @param protocols           enabled protocols; TLS 1.2 and 1.3 only
     * @param cipherSuites        enabled suites; empty means the AEAD/forward-secret defaults
     * @param reloadCheckInterval how often the files are checked for changes; 0 disables watching
     */
    public record Tls(
            Path certificateFile,
            Path keyFile,
            String keyPassword,
            Path keystore,
            String keystorePassword,
            @DefaultValue({"TLSv1.3", "TLSv1.2"}) List<String> protocols,
            @DefaultValue List<String> cipherSuites,
            @DefaultValue("60s") Duration reloadCheckInterval) {

        public Tls {
            protocols = List.copyOf(protocols);
            cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
            for (String protocol : protocols) {
                if (!protocol.equals("TLSv1.2") && !protocol.equals("TLSv1.3")) {
                    throw new IllegalArgumentException("bulwark.tls.protocols allows only TLSv1.2 and TLSv1.3: "
                            + protocol);
                }
            }
            if ((certificateFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("bulwark.tls.certificate-file and key-file go together");
            }
            if (certificateFile != null && keystore != null) {
                throw new IllegalArgumentException("configure either PEM files or a keystore, not both");
            }
        }
    }

    /**
     * Relay policy and next-hop selection.
     *
     * @param relayDomains          recipient domains accepted from any client (exact,
     *                              case-insensitive)
     * @param mynetworks            CIDR blocks of clients allowed to relay to any domain
     * @param transportMap          next hop per recipient domain: {@code [host]:port},
     *                              {@code host:port} or {@code host}; brackets suppress MX lookup
     * @param relayhost             next hop for domains absent from the transport map; empty: MX
     * @param tlsPolicy             outbound TLS policy per recipient domain ({@code none},
     *                              {@code may}, {@code encrypt}, {@code verify}); others use
     *                              {@code bulwark.delivery.tls} [smtp_tls_policy_maps]
     * @param verifyRecipients      relay domains whose recipients are verified at RCPT time by a
     *                              probe to the next hop [reject_unverified_recipient]
     * @param verifyPositiveTtl     how long an accepted probe is remembered
     *                              [address_verify_positive_refresh_time 7d]
     * @param verifyNegativeTtl     how long a refused probe is remembered
     *                              [address_verify_negative_refresh_time 3h]
     * @param verifyTimeout         time allowed for each step of a probe
     * @param postmaster            where mail to {@code <postmaster>} and
     *                              {@code postmaster@<hostname>} goes (RFC 5321 4.5.1); default
     *                              postmaster at the first relay domain, else at the host name
     */
    public record Routing(
            @DefaultValue List<String> relayDomains,
            @DefaultValue List<String> mynetworks,
            @DefaultValue Map<String, String> transportMap,
            String relayhost,
            @DefaultValue Map<String, String> tlsPolicy,
            @DefaultValue List<String> verifyRecipients,
            @DefaultValue("7d") Duration verifyPositiveTtl,
            @DefaultValue("3h") Duration verifyNegativeTtl,
            @DefaultValue("10s") Duration verifyTimeout,
            String postmaster) {

        public Routing {
            relayDomains = relayDomains == null ? List.of() : List.copyOf(relayDomains);
            mynetworks = mynetworks == null ? List.of() : List.copyOf(mynetworks);
            transportMap = lowerCaseKeys(transportMap);
            tlsPolicy = lowerCaseKeys(tlsPolicy);
            verifyRecipients = verifyRecipients == null ? List.of() : List.copyOf(verifyRecipients);
        }

        /** Domains are case-insensitive; keys are normalised once here so lookups stay exact. */
        private static Map<String, String> lowerCaseKeys(Map<String, String> map) {
            Map<String, String> normalised = new TreeMap<>();
            if (map != null) {
                map.forEach((domain, value) -> normalised.put(domain.toLowerCase(Locale.ROOT), value));
            }
            return Map.copyOf(normalised);
        }
    }

    /**
     * The DNS resolver.
     *
     * @param servers resolver addresses, {@code ip} or {@code ip:port} ({@code [v6]:port} for
     *                IPv6); empty means the system's resolvers
     * @param timeout time allowed for one query, retries included
     */
    public record Dns(@DefaultValue List<String> servers, @DefaultValue("10s") Duration timeout) {
        public Dns {
            servers = servers == null ? List.of() : List.copyOf(servers);
        }
    }

    /**
     * The outbound queue.
     *
     * @param retryInitial               delay before the second attempt; doubles per attempt
     * @param retryMax                   longest delay between two attempts
     * @param maxQueueLifetime           age after which a message still deferred is bounced
     *                                   [maximal_queue_lifetime 5d]
     * @param delayWarningTime           age after which the sender is told that a message is
     *                                   still deferred; 0 disables [delay_warning_time 0h]
     * @param concurrency                most messages being delivered at once on this node
     * @param destinationConcurrencyLimit most connections at once to one next hop
     *                                   [default_destination_concurrency_limit 20]
     * @param defaultPort                TCP port for MX-routed and port-less next hops
     * @param connectTimeout             time allowed to open a TCP connection to a next hop
     * @param commandTimeout             time allowed for each reply (RFC 5321 4.5.3.2: 5m)
     * @param dataTimeout                time allowed for the reply to the end of data (10m)
     * @param connectionCacheTime        how long an idle connection is kept for the next message
     *                                   to the same address; 0 disables reuse
     *                                   [smtp_connection_cache_time_limit 2s]
     * @param connectionReuseLimit       most transactions on one connection
     * @param tls                        default outbound TLS policy [smtp_tls_security_level may]
     * @param tlsTrustStore              extra trust anchors for {@code verify} (PEM certificates,
     *                                   or PKCS#12), added to the JDK's [smtp_tls_CAfile]
     * @param tlsTrustStorePassword      password of a PKCS#12 trust store
     */
    public record Delivery(
            @DefaultValue("60s") Duration retryInitial,
            @DefaultValue("1h") Duration retryMax,
            @DefaultValue("5d") Duration maxQueueLifetime,
            @DefaultValue("0s") Duration delayWarningTime,
            @DefaultValue("20") int concurrency,
            @DefaultValue("20") int destinationConcurrencyLimit,
            @DefaultValue("25") int defaultPort,
            @DefaultValue("30s") Duration connectTimeout,
            @DefaultValue("5m") Duration commandTimeout,
            @DefaultValue("10m") Duration dataTimeout,
            @DefaultValue("2s") Duration connectionCacheTime,
            @DefaultValue("100") int connectionReuseLimit,
            @DefaultValue("may") TlsPolicy tls,
            Path tlsTrustStore,
            String tlsTrustStorePassword) {

        public Delivery {
            if (concurrency < 1 || destinationConcurrencyLimit < 1 || connectionReuseLimit < 1) {
                throw new IllegalArgumentException(
                        "bulwark.delivery.concurrency, destination-concurrency-limit and connection-reuse-limit "
                                + "must be at least 1");
            }
            if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
                throw new IllegalArgumentException(
                        "bulwark.delivery.retry-initial must be positive and not above retry-max");
            }
        }
    }

    /**
     * The scan pipeline, run between the spool write and the reply to DATA, and the actions that
     * change the message.
     *
     * @param timeout                    deprecated: one time limit for every module; when set, it
     *                                   replaces the per-module defaults (entries of
     *                                   {@code time-limits} still win)
     * @param timeLimits                 per protection module ({@code anti-virus: 180s}); a
     *                                   module missing here keeps the reference's default
     *                                   (anti-virus 180 s, anti-spam and anti-phishing 30 s,
     *                                   sandbox 600 s, sender authentication 30 s, content
     *                                   filtering 180 s)
     * @param maxParts                   MIME leaf parts looked at; beyond it: NOT_SCANNED
     * @param maxDepth                   nesting of multiparts and attached messages
     * @param maxDecodedSize             decoded bytes looked at over all parts
     * @param maxArchiveDepth            containers inside containers (archive walker)
     * @param maxArchiveSize             bytes unpacked from containers per message (archive walker)
     * @param maxArchiveRatio            unpacked per compressed bytes of one archive entry
     * @param maxArchiveEntries          archive entries per message
     * @param symbols                    per symbol name ({@code GTUBE}), its weight
     * @param authservId                 our authserv-id in {@code Authentication-Results} (RFC
     *                                   8601 2.5); default the host name
     * @param dnsQueryBudget             DNS questions the checks may ask per message
     * @param prefetch                   whether the checks' DNS questions are started early and
     *                                   concurrently (at DATA, and as the scan starts; ADR 0037);
     *                                   false only to compare or to rule it out
     * @param attachmentRemovedTemplate  text put in place of a removed attachment; placeholders
     *                                   {@code %FILE_NAME%}, {@code %REASON%}, {@code %PART%}
     */
    public record Scan(
            Duration timeout,
            @DefaultValue Map<io.bulwark.events.scan.ProtectionModule, Duration> timeLimits,
            @DefaultValue("1000") int maxParts,
            @DefaultValue("32") int maxDepth,
            @DefaultValue("100MB") DataSize maxDecodedSize,
            @DefaultValue("32") int maxArchiveDepth,
            @DefaultValue("200MB") DataSize maxArchiveSize,
            @DefaultValue("200") long maxArchiveRatio,
            @DefaultValue("10000") int maxArchiveEntries,
            @DefaultValue Map<String, SymbolSettings> symbols,
            String authservId,
            @DefaultValue("50") int dnsQueryBudget,
            String attachmentRemovedTemplate,
            @DefaultValue("true") boolean prefetch) {

        public Scan {
            timeLimits = timeLimits == null ? Map.of() : Map.copyOf(timeLimits);
            symbols = symbols == null ? Map.of() : Map.copyOf(symbols);
            boolean badLimit = timeout != null && (timeout.isNegative() || timeout.isZero())
                    || timeLimits.values().stream().anyMatch(d -> d.isNegative() || d.isZero());
            if (badLimit || maxParts < 1 || maxDepth < 1 || maxArchiveDepth < 1 || maxArchiveRatio < 1
                    || maxArchiveEntries < 1 || dnsQueryBudget < 1) {
                throw new IllegalArgumentException("bulwark.scan limits must be positive");
            }
            if (authservId == null || authservId.isBlank()) {
                authservId = localHostName();
            }
            if (attachmentRemovedTemplate == null || attachmentRemovedTemplate.isBlank()) {
                attachmentRemovedTemplate = io.bulwark.gateway.policy.RemovalNoticeTemplate.DEFAULT_TEXT;
            }
        }

        /**
         * The time limit of every module: the default, replaced by {@code timeout} when set, replaced
         * by the module's {@code time-limits} entry when there is one.
         */
        public Map<io.bulwark.events.scan.ProtectionModule, Duration> moduleTimeLimits() {
            Map<io.bulwark.events.scan.ProtectionModule, Duration> limits =
                    new java.util.EnumMap<>(io.bulwark.events.scan.ProtectionModule.class);
            if (timeout != null) {
                for (var module : io.bulwark.events.scan.ProtectionModule.values()) {
                    limits.put(module, timeout);
                }
            }
            limits.putAll(timeLimits);
            return limits;
        }

        /** The configured weights by symbol name, names upper-cased as symbols are written. */
        public Map<String, Double> symbolWeights() {
            Map<String, Double> weights = new java.util.TreeMap<>();
            symbols.forEach((name, settings) -> {
                if (settings.weight() != null) {
                    weights.put(name.toUpperCase(java.util.Locale.ROOT), settings.weight());
                }
            });
            return weights;
        }
    }

    /**
     * The settings of one symbol ({@code bulwark.scan.symbols.<NAME>.*}).
     *
     * @param weight its score when found, replacing the check's default (anti-spam: points on the
     *               0-100 rating)
     */
    public record SymbolSettings(Double weight) {
    }

    /**
     * How the rules and global lists reach this node.
     *
     * @param startupWait longest the SMTP listener waits at start for the policy to be loaded from
     *                    the event store; past it the listener starts and DATA answers 451 until
     *                    the policy is there
     * @param dataWait    longest one DATA waits for a policy that is not loaded yet before 451
     */
    public record Policy(
            @DefaultValue("60s") Duration startupWait,
            @DefaultValue("5s") Duration dataWait) {
    }

    /**
     * The sender authentication checks ({@code bulwark.senderauth.*}).
     *
     * @param trustedArcSealers ARC sealer domains (the {@code d=} of their {@code ARC-Seal}, e.g. a
     *                          mailing list host or an upstream gateway) whose recorded results
     *                          may override a DMARC failure (RFC 8617 7.2); comma separated in
     *                          properties; default none
     */
    public record Senderauth(@DefaultValue List<String> trustedArcSealers) {
        public Senderauth {
            trustedArcSealers = trustedArcSealers == null ? List.of()
                    : trustedArcSealers.stream().map(String::strip).filter(s -> !s.isEmpty())
                            .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }
    }

    /**
     * The anti-phishing checks ({@code bulwark.antiphishing.*}), node settings for now (editing
     * them in the console is a later issue). The relay domains are always protected as well.
     *
     * @param brands            domains whose lookalikes in links are phishing (e.g. the bank and
     *                          the suppliers the company deals with); default none
     * @param executives        executives and internal users whose display names must not come
     *                          from outside: {@code Jane Doe <jane.doe@corp.example>}, several of
     *                          their own addresses separated by {@code ;}; one per list entry
     * @param freemailDomains   free-mail domains beside the built-in list (Reply-To diversion)
     * @param phishingFeeds     files of phishing addresses or domains (OpenPhish, URLhaus text or
     *                          CSV), one per line; a hit is MALICIOUS_LINK
     * @param malwareFeeds      files of malware addresses or domains, same formats
     * @param feedRecheck       how often the feed files are looked at for changes
     * @param reputationZones   SURBL/URIBL-style DNS zones asked for link domains; default none
     */
    public record Antiphishing(
            @DefaultValue List<String> brands,
            @DefaultValue List<String> executives,
            @DefaultValue List<String> freemailDomains,
            @DefaultValue List<Path> phishingFeeds,
            @DefaultValue List<Path> malwareFeeds,
            @DefaultValue("10s") Duration feedRecheck,
            @DefaultValue List<String> reputationZones) {
        public Antiphishing {
            brands = clean(brands);
            executives = executives == null ? List.of()
                    : executives.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            freemailDomains = clean(freemailDomains);
            phishingFeeds = phishingFeeds == null ? List.of() : List.copyOf(phishingFeeds);
            malwareFeeds = malwareFeeds == null ? List.of() : List.copyOf(malwareFeeds);
            reputationZones = clean(reputationZones);
            if (feedRecheck == null || feedRecheck.isNegative()) {
                feedRecheck = Duration.ofSeconds(10);
            }
        }

        private static List<String> clean(List<String> values) {
            return values == null ? List.of() : values.stream().map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }
    }

    /**
     * The anti-virus engines ({@code bulwark.antivirus.*}, documented in {@code docs/antivirus.md}).
     * Each engine is installed only when configured; the EICAR check always is.
     *
     * @param databaseDir    a directory of ClamAV-format databases ({@code .hdb}, {@code .hsb},
     *                       {@code .ndb}, {@code .cvd}, {@code .cld}, ...) for the built-in engine,
     *                       loaded at start and reloaded when its files change; unset: no built-in
     *                       engine. A contract that outside tools (an update job) rely on
     * @param reloadInterval how often the directory is checked for changes
     * @param maxScanSize    bytes of each object that body signatures look at (hash signatures
     *                       always see the whole object) [clamd's MaxScanSize is 100M, our objects
     *                       are single leaves]
     * @param verifyContainerSignatures whether a {@code .cvd} must carry a digital signature
     *                       (false: its MD5 is still checked; for containers built in house)
     * @param containerSigningKey the key {@code .cvd} signatures are checked against,
     *                       {@code MODULUS:EXPONENT} in decimal; unset: ClamAV's published key. For
     *                       an operator's own mirror that signs its own containers, and for tests
     * @param clamd          the clamd engine
     * @param update         signature updates ({@code bulwark.antivirus.update.*})
     */
    public record Antivirus(
            Path databaseDir,
            @DefaultValue("60s") Duration reloadInterval,
            @DefaultValue("25MB") DataSize maxScanSize,
            @DefaultValue("true") boolean verifyContainerSignatures,
            String containerSigningKey,
            @DefaultValue Clamd clamd,
            @DefaultValue Update update) {

        public Antivirus {
            if (reloadInterval.isNegative() || maxScanSize.toBytes() < 1 || maxScanSize.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("bulwark.antivirus: reload-interval must not be negative and"
                        + " max-scan-size must be between 1 byte and 2 GB");
            }
            if (containerSigningKey != null && containerSigningKey.isBlank()) {
                containerSigningKey = null;
            }
            if (containerSigningKey != null) {
                io.bulwark.scan.antivirus.signatures.CvdSignature.parse(containerSigningKey); // fails at start
            }
            if (update.mirrorUrl() != null && databaseDir == null) {
                throw new IllegalArgumentException("bulwark.antivirus.update.mirror-url needs"
                        + " bulwark.antivirus.database-dir, where the updates are installed");
            }
        }

        /** The key {@code .cvd} signatures must verify with, or null when only their MD5 is checked. */
        public io.bulwark.scan.antivirus.signatures.CvdSignature containerKey() {
            if (!verifyContainerSignatures) {
                return null;
            }
            return containerSigningKey == null ? io.bulwark.scan.antivirus.signatures.CvdSignature.CLAMAV
                    : io.bulwark.scan.antivirus.signatures.CvdSignature.parse(containerSigningKey);
        }

        /** {@code max-scan-size} in bytes (engines see no Spring types). */
        public int maxScanBytes() {
            return (int) maxScanSize.toBytes();
        }
    }

    /**
     * Signature updates of the built-in engine ({@code bulwark.antivirus.update.*}, docs/antivirus.md
     * "Updates"). Each node updates its own {@code database-dir}.
     *
     * @param mirrorUrl       where ClamAV-layout containers ({@code main.cvd}, {@code daily.cvd},
     *                        ...) are, as files under this URL: {@code https://...} or a directory
     *                        as {@code file:/...}; unset: no downloads (the directory is still
     *                        watched, and an on-demand update reloads it)
     * @param interval        how often the mirror is asked; 0: only on demand (and at start)
     * @param maxAge          databases older than this raise an out-of-date event
     * @param databases       the databases to fetch, by base name
     * @param timeout         connecting and waiting for the mirror's answer
     * @param maxDownloadSize a container larger than this is refused (main.cvd is about 170 MB)
     */
    public record Update(
            String mirrorUrl,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("7d") Duration maxAge,
            @DefaultValue({"main", "daily", "bytecode"}) List<String> databases,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("1GB") DataSize maxDownloadSize) {

        public Update {
            if (mirrorUrl != null && mirrorUrl.isBlank()) {
                mirrorUrl = null;
            }
            if (mirrorUrl != null && !mirrorUrl.startsWith("https://") && !mirrorUrl.startsWith("file:")) {
                throw new IllegalArgumentException("bulwark.antivirus.update.mirror-url must be https://... or"
                        + " file:/... (a directory), not " + mirrorUrl);
            }
            databases = databases == null ? List.of() : databases.stream().map(String::strip)
                    .filter(d -> !d.isEmpty()).toList();
            for (String d : databases) {
                if (!d.matches("[A-Za-z0-9_-]{1,64}")) {
                    throw new IllegalArgumentException("bulwark.antivirus.update.databases: not a database name: " + d);
                }
            }
            if (interval.isNegative() || maxAge.isNegative() || maxAge.isZero() || timeout.isNegative()
                    || timeout.isZero() || maxDownloadSize.toBytes() < io.bulwark.scan.antivirus.signatures.ContainerInfo.HEADER_BYTES) {
                throw new IllegalArgumentException("bulwark.antivirus.update: interval must not be negative,"
                        + " max-age and timeout must be positive, max-download-size at least 512 bytes");
            }
        }
    }

    /**
     * The clamd engine ({@code bulwark.antivirus.clamd.*}).
     *
     * @param address        {@code tcp:HOST:PORT} or {@code unix:PATH} (a contract); unset: no clamd
     *                       engine
     * @param connectTimeout longest wait for a connection or a free pooled one
     * @param readTimeout    longest one part's scan may take, the upload included
     * @param idleTimeout    pooled sessions idle longer are closed (below clamd's IdleTimeout, 30s)
     * @param maxConnections sessions open at once (clamd's MaxThreads is 10 by default)
     * @param chunkSize      bytes per INSTREAM chunk
     */
    public record Clamd(
            String address,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration readTimeout,
            @DefaultValue("20s") Duration idleTimeout,
            @DefaultValue("8") int maxConnections,
            @DefaultValue("64KB") DataSize chunkSize) {

        public Clamd {
            if (address != null && address.isBlank()) {
                address = null;
            }
            if (address != null) {
                io.bulwark.scan.antivirus.clamd.ClamdAddress.parse(address); // fails at start, naming the forms
            }
            if (maxConnections < 1 || chunkSize.toBytes() < 1 || chunkSize.toBytes() > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("bulwark.antivirus.clamd: max-connections must be positive and"
                        + " chunk-size between 1 byte and 16 MB");
            }
        }

        /** {@code chunk-size} in bytes. */
        public int chunkBytes() {
            return (int) chunkSize.toBytes();
        }
    }

    /**
     * The anti-spam checks ({@code bulwark.antispam.*}, docs/antispam.md).
     *
     * @param dnsbl             DNS block lists asked about the sending host ({@code
     *                          bulwark.antispam.dnsbl[0].zone=...}); default none
     * @param uribl             URI block lists asked about link domains; default none
     * @param senderAuthSymbols whether SPF, DKIM, DMARC and ARC results become anti-spam symbols;
     *                          on makes every anti-spam scan run sender authentication too
     * @param bayesMinMessages  trained spam and ham messages each before Bayes judges
     */
    public record Antispam(@DefaultValue List<Zone> dnsbl, @DefaultValue List<Zone> uribl,
            @DefaultValue("false") boolean senderAuthSymbols, @DefaultValue("200") long bayesMinMessages,
            @DefaultValue Quarantine quarantine, @DefaultValue SclHeader sclHeader) {
        public Antispam {
            dnsbl = dnsbl == null ? List.of() : List.copyOf(dnsbl);
            uribl = uribl == null ? List.of() : List.copyOf(uribl);
        }
    }

    /**
     * One block list.
     *
     * @param symbol    the symbol a listing reports (upper case, unique)
     * @param zone      the list's DNS zone
     * @param codes     return address to meaning ({@code codes[127.0.0.2]=spam source}); empty:
     *                  any 127.0.0.0/8 answer is a listing
     * @param weight    weight on the 0-100 rating
     * @param blacklist whether a listing gives the BLACKLISTED status
     * @param deep      also ask about every untrusted Received hop (address lists only)
     */
    /**
     * The Exchange spam confidence level header ({@code bulwark.antispam.scl-header.*}; the mapping
     * from the rating is {@code io.bulwark.scan.headers.SpamConfidenceLevel}).
     *
     * @param enabled whether delivered mail carries it; default false
     * @param name    the field's name; default {@code X-MS-Exchange-Organization-SCL}
     */
    public record SclHeader(@DefaultValue("false") boolean enabled,
            @DefaultValue("X-MS-Exchange-Organization-SCL") String name) {
    }

    /**
     * The node's Anti-Spam Quarantine ({@code bulwark.antispam.quarantine.*}, docs/antispam.md); which
     * messages are held is a rule option ({@code quarantine}, {@code quarantine-from},
     * {@code quarantine-to}).
     *
     * @param recheckDelay how long after the hold a message is re-checked (and again after a failed
     *                     re-check); default 60 minutes
     * @param maxHoldTime  the longest a message stays held: when no re-check succeeded by then it is
     *                     delivered as decided at intake; default 4 hours
     * @param maxMessages  most messages held at once on this node; beyond it new messages are not
     *                     held (they go on as their rule decided); default 10000
     * @param maxSize      most bytes held at once on this node, likewise; default 1GB
     */
    public record Quarantine(@DefaultValue("60m") Duration recheckDelay, @DefaultValue("4h") Duration maxHoldTime,
            @DefaultValue("10000") int maxMessages, @DefaultValue("1GB") DataSize maxSize) {
        public Quarantine {
            if (recheckDelay.isNegative() || recheckDelay.isZero()) {
                throw new IllegalArgumentException("bulwark.antispam.quarantine.recheck-delay must be positive");
            }
            if (maxHoldTime.compareTo(recheckDelay) < 0) {
                throw new IllegalArgumentException(
                        "bulwark.antispam.quarantine.max-hold-time must be at least the recheck-delay");
            }
        }
    }

    public record Zone(String symbol, String zone, @DefaultValue Map<String, String> codes,
            @DefaultValue("30") double weight, @DefaultValue("true") boolean blacklist,
            @DefaultValue("false") boolean deep) {
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
