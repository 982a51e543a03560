package io.bulwark.scan.senderauth.dmarc;

import io.bulwark.events.scan.CheckOutcomeKind;
import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.HeaderContribution;
import io.bulwark.scan.Prefetch;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.dns.DnsLookup;
import io.bulwark.scan.dns.DnsResult;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.senderauth.arc.ArcVerdict;
import io.bulwark.scan.senderauth.dkim.DkimVerdict;
import io.bulwark.scan.senderauth.dmarc.DmarcVerdict.Policy;
import io.bulwark.scan.senderauth.dmarc.DmarcVerdict.Result;
import io.bulwark.scan.senderauth.dmarc.internal.AuthResults;
import io.bulwark.scan.senderauth.dmarc.internal.AuthorDomains;
import io.bulwark.scan.senderauth.dmarc.internal.DmarcRecord;
import io.bulwark.scan.senderauth.dmarc.internal.OrganizationalDomain;
import io.bulwark.scan.senderauth.spf.SpfVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Sender authentication check "dmarc" (RFC 7489): does the domain a reader sees in From agree with
 * a domain that SPF or DKIM authenticated, and what does the From domain's owner ask receivers to
 * do when it does not? It defends against direct domain spoofing: mail that claims to come from
 * a domain publishing {@code p=reject} or {@code p=quarantine} without an aligned SPF or DKIM pass
 * is marked with the policy to apply, and the rule decides ("apply the domain's DMARC policy").
 *
 * <p>What it does, per RFC 7489 section:
 * <ul>
 *   <li>6.6.1 Author Domain: the From field's domain(s), see {@link AuthorDomains} (no From, no
 *       domain: permerror; several From fields or addresses: each domain is evaluated and the
 *       strictest outcome counts).</li>
 *   <li>6.6.3 policy discovery: TXT {@code _dmarc.<From domain>}; when it has no DMARC record,
 *       {@code _dmarc.<Organizational Domain>} with the Organizational Domain from the node's
 *       {@link PublicSuffixList} (3.2). Records not starting with {@code v=DMARC1} are dropped;
 *       several records at one name mean no policy (result none). DMARCbis replaces this with a
 *       DNS tree walk; see docs/conformance.md for why RFC 7489 is kept.</li>
 *   <li>6.3/6.4 record: {@link DmarcRecord} ({@code p} required, or {@code p=none} when it is
 *       invalid and a valid {@code rua} exists; otherwise permerror).</li>
 *   <li>3.1 alignment, relaxed (same Organizational Domain) or strict ({@code adkim=s},
 *       {@code aspf=s}: the same name): SPF counts when it passed for the MAIL FROM identity
 *       ({@link SpfVerdict} with identity {@code mailfrom}; a HELO result does not count, 4.1);
 *       DKIM when a passing signature's {@code d=} aligns ({@link DkimVerdict#passingDomains()}).</li>
 *   <li>6.6.4 / 6.3 {@code pct}: a failing message is sampled with the injected percentile source;
 *       one not sampled gets the next less strict policy (reject to quarantine, quarantine to
 *       none). {@code sp} applies when the record was found at the Organizational Domain for a
 *       sub-domain.</li>
 *   <li>RFC 8617 7.2 local policy override: when DMARC fails, the ARC chain passed, its newest
 *       sealer is one of the administrator's trusted sealers, and that sealer recorded
 *       {@code dmarc=pass} for the From domain (or an aligned SPF or DKIM pass), the result stays
 *       fail but the policy to apply is none, reported as {@code DMARC_ARC_OVERRIDE}.</li>
 * </ul>
 *
 * <p>Symbols, weight 0 (the rule acts on the status and the policy symbols): {@code DMARC_PASS},
 * {@code DMARC_NONE}, {@code DMARC_PERMERROR}, {@code DMARC_FAIL} (implies
 * {@link ScanStatus#DMARC_FAIL}) with one of {@code DMARC_POLICY_REJECT},
 * {@code DMARC_POLICY_QUARANTINE}, {@code DMARC_POLICY_NONE}; an overridden failure is
 * {@code DMARC_ARC_OVERRIDE} with {@code DMARC_POLICY_NONE} and no status. Every result carries an
 * {@code Authentication-Results} method result ({@code dmarc=<result> header.from=<domain>
 * policy.dmarc=<policy>}, RFC 7489 11.2 / RFC 8601) and a {@link DmarcVerdict} as detail.
 *
 * <p>How it fails: a temporary DNS failure of the policy lookup, an SPF temperror or a DKIM
 * temperror for an aligned domain when nothing else passed, or a dependency that timed out or
 * failed, is a {@link CheckResult#temporaryFailure} (result temperror), never a fail (STYLE.md
 * 12): a DNS hiccup must not turn into a permanent rejection. When DKIM is not installed on the
 * node (an {@linkplain #optionalDependencies() optional} dependency) and SPF did not align, the
 * check is SKIPPED: it cannot fail a message without having looked at its signatures. The
 * message's DNS query budget running out is a permerror (a sender could spend it on purpose with
 * many signatures; permerror keeps that visible to the rule instead of silently passing).
 *
 * <p>Stateless and thread-safe, given a thread-safe percentile source.
 */
public final class DmarcCheck implements Check {
    public static final String DMARC_PASS = "DMARC_PASS";
    public static final String DMARC_NONE = "DMARC_NONE";
    public static final String DMARC_FAIL = "DMARC_FAIL";
    public static final String DMARC_PERMERROR = "DMARC_PERMERROR";
    public static final String DMARC_ARC_OVERRIDE = "DMARC_ARC_OVERRIDE";
    public static final String DMARC_POLICY_REJECT = "DMARC_POLICY_REJECT";
    public static final String DMARC_POLICY_QUARANTINE = "DMARC_POLICY_QUARANTINE";
    public static final String DMARC_POLICY_NONE = "DMARC_POLICY_NONE";

    private static final ProtectionModule MODULE = ProtectionModule.SENDER_AUTHENTICATION;
    private static final String SPF = "spf";
    private static final String DKIM = "dkim";
    private static final String ARC = "arc";

    private final Set<String> trustedArcSealers;
    private final IntSupplier percentile;

    /**
     * @param trustedArcSealers ARC sealer domains ({@code d=} of {@code ARC-Seal}) whose recorded
     *                          results may override a DMARC failure; empty trusts none
     */
    public DmarcCheck(Set<String> trustedArcSealers) {
        this(trustedArcSealers, () -> ThreadLocalRandom.current().nextInt(100));
    }

    /**
     * @param trustedArcSealers as {@link #DmarcCheck(Set)}
     * @param percentile        a number from 0 to 99 per failing message for {@code pct} sampling:
     *                          the message is sampled when it is below {@code pct}; must be
     *                          thread-safe
     */
    public DmarcCheck(Set<String> trustedArcSealers, IntSupplier percentile) {
        this.trustedArcSealers = trustedArcSealers.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> Objects.requireNonNullElse(AuthorDomains.asciiDomain(s), s.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
        this.percentile = Objects.requireNonNull(percentile, "percentile");
    }

    @Override
    public String name() {
        return "dmarc";
    }

    @Override
    public ProtectionModule module() {
        return MODULE;
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of(SPF, DKIM, ARC);
    }

    /**
     * ARC is optional: without it no override is possible, nothing else changes. DKIM is optional
     * so a node (or a build) without the DKIM check still starts; DMARC then passes on SPF alone
     * and is SKIPPED where it would have to fail.
     */
    @Override
    public Set<String> optionalDependencies() {
        return Set.of(DKIM, ARC);
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(DMARC_PASS, MODULE, 0, null,
                        "DMARC pass: SPF or DKIM authenticated a domain aligned with the From domain"),
                new SymbolDefinition(DMARC_NONE, MODULE, 0, null, "DMARC none: the From domain publishes no DMARC policy"),
                new SymbolDefinition(DMARC_FAIL, MODULE, 0, ScanStatus.DMARC_FAIL,
                        "DMARC fail: neither SPF nor DKIM authenticated a domain aligned with the From domain"),
                new SymbolDefinition(DMARC_PERMERROR, MODULE, 0, null,
                        "DMARC permerror: the From field or the domain's DMARC record cannot be used"),
                new SymbolDefinition(DMARC_ARC_OVERRIDE, MODULE, 0, null,
                        "DMARC failed, but a trusted ARC sealer recorded a pass before forwarding (local override)"),
                new SymbolDefinition(DMARC_POLICY_REJECT, MODULE, 0, null,
                        "the From domain's DMARC policy to apply to this failing message is reject"),
                new SymbolDefinition(DMARC_POLICY_QUARANTINE, MODULE, 0, null,
                        "the From domain's DMARC policy to apply to this failing message is quarantine"),
                new SymbolDefinition(DMARC_POLICY_NONE, MODULE, 0, null,
                        "the From domain's DMARC policy to apply to this failing message is none (monitor only)"));
    }

    /**
     * Policy discovery needs only the From header, not SPF's and DKIM's results: it is asked as soon
     * as the header fields are known (while the body still arrives, or when the message is parsed),
     * one thread per Author Domain, so it no longer waits behind SPF.
     */
    @Override
    public void prefetch(Prefetch prefetch) {
        if (prefetch.header().isEmpty()) {
            return;
        }
        MessageView header = prefetch.header().get();
        PublicSuffixList suffixes = prefetch.service(PublicSuffixList.class);
        prefetch.start(() -> {
            AuthorDomains authors = AuthorDomains.of(header);
            if (!authors.problem().isEmpty()) {
                return;
            }
            for (String domain : authors.domains()) {
                prefetch.start(() -> discover(domain, OrganizationalDomain.of(domain, suffixes), prefetch.dns()));
            }
        });
    }

    @Override
    public CheckResult run(CheckContext context) {
        AuthorDomains authors = AuthorDomains.of(context.message());
        if (!authors.problem().isEmpty()) {
            DmarcVerdict v = new DmarcVerdict(Result.PERMERROR, "", "", null, null, 100, Policy.NONE, false, false,
                    withRemarks(authors.problem(), authors.remarks()), "");
            return result(new Outcome(v, false));
        }
        Inputs inputs = new Inputs(context.result(SPF), context.result(DKIM), context.result(ARC));
        DnsLookup dns = context.service(DnsLookup.class);
        PublicSuffixList suffixes = context.service(PublicSuffixList.class);
        List<Outcome> outcomes = new ArrayList<>();
        for (String domain : authors.domains()) {
            outcomes.add(evaluate(domain, inputs, dns, suffixes));
        }
        Outcome decisive = outcomes.stream().max(Comparator.comparingInt(Outcome::severity)).orElseThrow();
        if (!authors.remarks().isEmpty()) {
            DmarcVerdict v = decisive.verdict();
            decisive = new Outcome(withReason(v, withRemarks(v.reason(), authors.remarks()), v.override()),
                    decisive.skipped());
        }
        return result(decisive);
    }

    /** The results of the checks DMARC reads. */
    private record Inputs(CheckResult spf, CheckResult dkim, CheckResult arc) {
        Optional<SpfVerdict> spfVerdict() {
            return spf.detail(SpfVerdict.class);
        }

        Optional<DkimVerdict> dkimVerdict() {
            return dkim.detail(DkimVerdict.class);
        }

        Optional<ArcVerdict> arcVerdict() {
            return arc.detail(ArcVerdict.class);
        }
    }

    /** One Author Domain's verdict; skipped when it could not be concluded because DKIM is missing. */
    private record Outcome(DmarcVerdict verdict, boolean skipped) {
        /** Which of several Author Domains' outcomes counts: the highest. */
        int severity() {
            return switch (verdict.result()) {
                case FAIL -> verdict.overridden() ? 50 : 60 + verdict.applied().ordinal();
                case TEMPERROR -> 40;
                case PERMERROR -> 30;
                case PASS -> 20;
                case NONE -> 10;
            };
        }
    }

    /** What policy discovery found for one Author Domain. */
    private record Discovery(DmarcRecord record, String policyDomain, Result error, String why) {
        static Discovery found(DmarcRecord record, String policyDomain) {
            return new Discovery(record, policyDomain, null, "");
        }

        static Discovery failed(Result error, String why) {
            return new Discovery(null, "", error, why);
        }
    }

    private Outcome evaluate(String domain, Inputs in, DnsLookup dns, PublicSuffixList suffixes) {
        String org = OrganizationalDomain.of(domain, suffixes);
        Discovery found = discover(domain, org, dns);
        if (found.error() != null) {
            return new Outcome(new DmarcVerdict(found.error(), domain, "", null, null, 100, Policy.NONE, false, false,
                    found.why(), ""), false);
        }
        DmarcRecord record = found.record();
        String policyDomain = found.policyDomain();
        if (!record.valid()) {
            return new Outcome(new DmarcVerdict(Result.PERMERROR, domain, policyDomain, null, null, record.pct(),
                    Policy.NONE, false, false, "the DMARC record of " + policyDomain + " is invalid: " + record.error(),
                    ""), false);
        }
        boolean subdomain = !policyDomain.equals(domain);
        Policy requested = record.policyFor(subdomain);
        String published = publishes(domain, policyDomain, record, subdomain);

        Optional<String> spfAligned = spfAlignedDomain(in, domain, record.strictSpf(), suffixes);
        List<String> dkimAligned = dkimAlignedDomains(in, domain, record.strictDkim(), suffixes);
        String spfWords = spfWords(in, domain, record.strictSpf(), spfAligned);
        String dkimWords = dkimWords(in, domain, record.strictDkim(), dkimAligned);
        if (spfAligned.isPresent() || !dkimAligned.isEmpty()) {
            String why = published + "; " + (spfAligned.isPresent() ? spfWords : dkimWords);
            return new Outcome(new DmarcVerdict(Result.PASS, domain, policyDomain, record.p(), record.sp(), record.pct(),
                    Policy.NONE, spfAligned.isPresent(), !dkimAligned.isEmpty(), withRemarks(why, record.remarks()), ""),
                    false);
        }

        // Nothing aligned passed. Before calling it a fail, make sure nothing that could have
        // passed was merely unavailable: then the honest answer is "try again" (or "did not look").
        String unknown = unconcluded(in, domain, record, suffixes);
        String why = published + "; " + spfWords + "; " + dkimWords;
        if (unknown != null) {
            boolean skipped = in.dkim().outcome() == CheckOutcomeKind.SKIPPED && in.dkimVerdict().isEmpty();
            return new Outcome(new DmarcVerdict(Result.TEMPERROR, domain, policyDomain, record.p(), record.sp(),
                    record.pct(), Policy.NONE, false, false, unknown + "; " + why, ""), skipped);
        }
        Policy applied = requested;
        String sampling = "";
        if (record.pct() < 100) {
            int draw = percentile.getAsInt();
            if (draw >= record.pct()) {
                applied = requested.lessStrict();
                sampling = "; pct=" + record.pct() + " and this message was not sampled, so the next less strict policy "
                        + applied.keyword() + " applies (RFC 7489 6.6.4)";
            } else {
                sampling = "; pct=" + record.pct() + " and this message was sampled";
            }
        }
        why = why + sampling;
        DmarcVerdict failed = new DmarcVerdict(Result.FAIL, domain, policyDomain, record.p(), record.sp(), record.pct(),
                applied, false, false, withRemarks(why, record.remarks()), "");
        return new Outcome(arcOverride(failed, in, record, suffixes), false);
    }

    /** RFC 7489 6.6.3 steps 1 to 5, with the Organizational Domain from the suffix list (3.2). */
    private static Discovery discover(String domain, String org, DnsLookup dns) {
        List<String> names = org.equals(domain) ? List.of(domain) : List.of(domain, org);
        for (String name : names) {
            String query = "_dmarc." + name;
            DnsResult<String> answer = dns.txt(query);
            switch (answer) {
                case DnsResult.Records<String> r -> {
                    List<String> records = r.values().stream().filter(DmarcRecord::isDmarc).toList();
                    if (records.size() > 1) {
                        return Discovery.failed(Result.NONE, name + " publishes " + records.size()
                                + " DMARC records, so none applies (RFC 7489 6.6.3)");
                    }
                    if (records.size() == 1) {
                        return Discovery.found(DmarcRecord.parse(records.getFirst()), name);
                    }
                }
                case DnsResult.NoRecords<String> n -> {
                    // no record here: try the Organizational Domain
                }
                case DnsResult.NoSuchDomain<String> n -> {
                    // no record here: try the Organizational Domain
                }
                case DnsResult.TemporaryFailure<String> t -> {
                    return Discovery.failed(Result.TEMPERROR, "the DMARC record of " + name
                            + " could not be looked up (" + t.reason() + ")");
                }
                case DnsResult.BudgetExhausted<String> b -> {
                    return Discovery.failed(Result.PERMERROR, "the message's DNS query budget (" + b.budget()
                            + ") was spent before the DMARC record of " + name + " could be looked up");
                }
            }
        }
        return Discovery.failed(Result.NONE, "From domain " + domain + " publishes no DMARC record"
                + (org.equals(domain) ? "" : " (nor does its Organizational Domain " + org + ")"));
    }

    private static String publishes(String domain, String policyDomain, DmarcRecord record, boolean subdomain) {
        String policy = "p=" + record.p().keyword() + (record.sp() != null ? " sp=" + record.sp().keyword() : "");
        if (!subdomain) {
            return "From domain " + domain + " publishes " + policy;
        }
        return "From domain " + domain + " has the DMARC record of its Organizational Domain " + policyDomain + ", "
                + policy + (record.sp() != null ? " (sp applies to sub-domains)" : "");
    }

    private static boolean aligned(String authenticated, String from, boolean strict, PublicSuffixList suffixes) {
        String a = AuthorDomains.asciiDomain(authenticated);
        if (a == null) {
            return false;
        }
        return strict ? a.equals(from) : OrganizationalDomain.relaxedMatch(a, from, suffixes);
    }

    private static Optional<String> spfAlignedDomain(Inputs in, String from, boolean strict, PublicSuffixList suffixes) {
        return in.spfVerdict().filter(v -> v.result() == SpfVerdict.Result.PASS && "mailfrom".equals(v.identity()))
                .map(SpfVerdict::domain).filter(d -> aligned(d, from, strict, suffixes));
    }

    private static List<String> dkimAlignedDomains(Inputs in, String from, boolean strict, PublicSuffixList suffixes) {
        return in.dkimVerdict().map(DkimVerdict::passingDomains).orElse(List.of()).stream()
                .filter(d -> aligned(d, from, strict, suffixes)).toList();
    }

    private static String spfWords(Inputs in, String from, boolean strict, Optional<String> aligned) {
        if (aligned.isPresent()) {
            return "SPF passed for the aligned domain " + aligned.get();
        }
        Optional<SpfVerdict> v = in.spfVerdict();
        if (v.isEmpty()) {
            return "no SPF result (" + describe(in.spf()) + ")";
        }
        SpfVerdict spf = v.get();
        if (!"mailfrom".equals(spf.identity())) {
            return "SPF checked only the HELO name " + spf.domain() + " (null sender), which DMARC does not use";
        }
        if (spf.result() != SpfVerdict.Result.PASS) {
            return "SPF " + spf.result().keyword() + " for " + (spf.domain().isEmpty() ? "an empty domain" : spf.domain());
        }
        return "SPF domain " + spf.domain() + " not aligned" + (strict ? " (aspf=s asks for " + from + " exactly)" : "");
    }

    private static String dkimWords(Inputs in, String from, boolean strict, List<String> aligned) {
        if (!aligned.isEmpty()) {
            return "DKIM signature of the aligned domain " + aligned.getFirst() + " passed";
        }
        Optional<DkimVerdict> v = in.dkimVerdict();
        if (v.isEmpty()) {
            return "no DKIM result (" + describe(in.dkim()) + ")";
        }
        if (v.get().signatures().isEmpty()) {
            return "the message has no DKIM signature";
        }
        List<String> passing = v.get().passingDomains();
        if (passing.isEmpty()) {
            return "no DKIM signature from " + from + " passed";
        }
        return "DKIM passed only for " + String.join(", ", passing) + ", not aligned with " + from
                + (strict ? " (adkim=s asks for " + from + " exactly)" : "");
    }

    /**
     * Why the missing pass may be an accident of availability: a dependency without a verdict, or
     * a temperror of SPF or of a DKIM signature for an aligned domain. Null when the fail is real.
     */
    private static String unconcluded(Inputs in, String from, DmarcRecord record, PublicSuffixList suffixes) {
        if (in.spfVerdict().isEmpty() && in.spf().outcome() != CheckOutcomeKind.SKIPPED) {
            return "the SPF result is unavailable (" + describe(in.spf()) + ")";
        }
        if (in.dkimVerdict().isEmpty()) {
            return "the DKIM result is unavailable (" + describe(in.dkim()) + ")";
        }
        Optional<SpfVerdict> spf = in.spfVerdict().filter(v -> v.result() == SpfVerdict.Result.TEMPERROR
                && "mailfrom".equals(v.identity()) && aligned(v.domain(), from, record.strictSpf(), suffixes));
        if (spf.isPresent()) {
            return "SPF for the aligned domain " + spf.get().domain() + " failed temporarily";
        }
        Optional<DkimVerdict.Signature> dkim = in.dkimVerdict().get().signatures().stream()
                .filter(s -> s.result() == DkimVerdict.Result.TEMPERROR
                        && aligned(s.domain(), from, record.strictDkim(), suffixes))
                .findFirst();
        return dkim.map(s -> "the DKIM signature of the aligned domain " + s.domain() + " could not be verified now ("
                + s.reason() + ")").orElse(null);
    }

    private static String describe(CheckResult r) {
        return "check " + r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (r.reason().isEmpty() ? "" : ": " + r.reason());
    }

    /**
     * RFC 8617 7.2: a failure is accepted when the chain passed, its newest hop was sealed by a
     * trusted sealer, and that hop's ARC-Authentication-Results show DMARC passing for this From
     * domain, or SPF or DKIM passing for a domain aligned with it under the record's modes.
     */
    private DmarcVerdict arcOverride(DmarcVerdict failed, Inputs in, DmarcRecord record, PublicSuffixList suffixes) {
        Optional<ArcVerdict> arc = in.arcVerdict();
        if (arc.isEmpty() || arc.get().result() != ArcVerdict.Result.PASS || arc.get().hops().isEmpty()) {
            return failed;
        }
        ArcVerdict.Hop newest = arc.get().hops().stream().max(Comparator.comparingInt(ArcVerdict.Hop::instance))
                .orElseThrow();
        String from = failed.fromDomain();
        if (!trustedArcSealers.contains(newest.sealer())) {
            return withReason(failed, failed.reason() + "; the ARC chain passed, but its newest sealer "
                    + newest.sealer() + " is not a trusted ARC sealer", "");
        }
        // DMARC's own pass is the best evidence; then SPF or DKIM passes aligned under this record
        Optional<String> evidence = AuthResults.parse(newest.authenticationResults()).stream()
                .filter(r -> "pass".equals(r.result()))
                .sorted(Comparator.comparing(r -> !"dmarc".equals(r.method())))
                .map(r -> switch (r.method()) {
                    case "dmarc" -> from.equals(r.domainOf("header.from")) ? "dmarc=pass header.from=" + from : null;
                    case "spf" -> aligned(r.domainOf("smtp.mailfrom"), from, record.strictSpf(), suffixes)
                            ? "spf=pass smtp.mailfrom=" + r.domainOf("smtp.mailfrom") : null;
                    case "dkim" -> aligned(r.domainOf("header.d"), from, record.strictDkim(), suffixes)
                            ? "dkim=pass header.d=" + r.domainOf("header.d") : null;
                    default -> null;
                })
                .filter(Objects::nonNull).findFirst();
        if (evidence.isEmpty()) {
            return withReason(failed, failed.reason() + "; the trusted ARC sealer " + newest.sealer()
                    + " recorded no aligned pass for " + from, "");
        }
        DmarcVerdict v = failed;
        return new DmarcVerdict(Result.FAIL, v.fromDomain(), v.policyDomain(), v.p(), v.sp(), v.pct(), Policy.NONE,
                false, false, v.reason() + "; accepted anyway: the ARC chain passed and its newest sealer "
                        + newest.sealer() + " (trusted) recorded " + evidence.get() + " before forwarding (ARC i="
                        + newest.instance() + ", RFC 8617 7.2)", newest.sealer());
    }

    private static DmarcVerdict withReason(DmarcVerdict v, String reason, String override) {
        return new DmarcVerdict(v.result(), v.fromDomain(), v.policyDomain(), v.p(), v.sp(), v.pct(), v.applied(),
                v.spfAligned(), v.dkimAligned(), reason, override);
    }

    private static String withRemarks(String reason, List<String> remarks) {
        return remarks.isEmpty() ? reason : reason + "; " + String.join("; ", remarks);
    }

    private static CheckResult result(Outcome outcome) {
        DmarcVerdict v = outcome.verdict();
        if (outcome.skipped()) {
            // not evaluated for lack of DKIM: no result to stamp on the message
            return CheckResult.skipped("DMARC not concluded: " + v.reason()).withDetail(v);
        }
        String reason = "DMARC " + v.result().keyword() + (v.overridden() ? " (overridden by ARC)" : "") + ": "
                + v.reason();
        CheckResult base = switch (v.result()) {
            case PASS -> CheckResult.found(Symbol.of(DMARC_PASS, reason));
            case NONE -> CheckResult.found(Symbol.of(DMARC_NONE, reason));
            case PERMERROR -> CheckResult.found(Symbol.of(DMARC_PERMERROR, reason));
            case TEMPERROR -> CheckResult.temporaryFailure(reason);
            case FAIL -> v.overridden()
                    ? CheckResult.found(Symbol.of(DMARC_ARC_OVERRIDE, reason), policySymbol(v))
                    : CheckResult.found(Symbol.of(DMARC_FAIL, reason), policySymbol(v));
        };
        return base.withHeaders(authenticationResult(v)).withDetail(v);
    }

    /** The policy to apply, with why it is not the published one when it is not. */
    private static Symbol policySymbol(DmarcVerdict v) {
        String name = switch (v.applied()) {
            case REJECT -> DMARC_POLICY_REJECT;
            case QUARANTINE -> DMARC_POLICY_QUARANTINE;
            case NONE -> DMARC_POLICY_NONE;
        };
        boolean subdomain = !v.policyDomain().equals(v.fromDomain());
        Policy requested = subdomain && v.sp() != null ? v.sp() : v.p();
        String why = v.overridden() ? " (" + v.fromDomain() + " asks for " + requested.keyword()
                + "; trusted ARC sealer " + v.override() + " vouched for the message)"
                : v.applied() != requested ? " (" + v.fromDomain() + " asks for " + requested.keyword() + " for "
                        + v.pct() + "% of failing mail; this message was not sampled)" : "";
        return Symbol.of(name, "DMARC policy to apply to mail from " + v.fromDomain() + ": " + v.applied().keyword()
                + why);
    }

    /**
     * {@code dmarc=<result> header.from=<domain> policy.dmarc=<policy>} (RFC 7489 11.2 registers
     * {@code header.from}; {@code policy.dmarc} is the requested policy that applies to the From
     * domain, {@code p} or {@code sp}, as OpenDMARC-style filters write it). An ARC override adds
     * {@code policy.override=arc} and a reason naming the sealer (RFC 8601 2.3: the {@code policy}
     * ptype reports local policy).
     */
    private static HeaderContribution.AuthenticationResult authenticationResult(DmarcVerdict v) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!v.fromDomain().isEmpty()) {
            properties.put("header.from", v.fromDomain());
        }
        if (v.p() != null) {
            boolean subdomain = !v.policyDomain().equals(v.fromDomain());
            Policy requested = subdomain && v.sp() != null ? v.sp() : v.p();
            properties.put("policy.dmarc", requested.keyword());
        }
        String reason = "";
        if (v.overridden()) {
            properties.put("policy.override", "arc");
            reason = "trusted ARC sealer " + v.override() + " recorded a pass";
        }
        return new HeaderContribution.AuthenticationResult("dmarc", v.result().keyword(), reason, properties);
    }
}
