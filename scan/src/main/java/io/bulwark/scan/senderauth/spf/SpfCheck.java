package io.bulwark.scan.senderauth.spf;

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
import io.bulwark.scan.message.Envelope;
import io.bulwark.scan.senderauth.spf.SpfVerdict.Result;
import io.bulwark.scan.senderauth.spf.internal.AskedQuestions;
import io.bulwark.scan.senderauth.spf.internal.JspfDnsService;
import io.bulwark.scan.senderauth.spf.internal.ThreadBoundDns;
import io.bulwark.scan.message.ReceivedChain;
import io.bulwark.scan.message.TrustedNetworks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;

/**
 * Sender authentication check "spf": RFC 7208 {@code check_host()} of the SMTP client's address
 * for the MAIL FROM identity (or HELO when MAIL FROM is the null sender, RFC 7208 2.4), and for the
 * HELO identity too when HELO is a domain name (RFC 7208 2.3). It defends against forged envelope
 * senders: a domain that lists its sending hosts gets mail from other hosts marked
 * {@code SPF_FAIL}.
 *
 * <p>Which client: behind an edge gateway (the client is in {@code mynetworks}) the check judges
 * the first untrusted hop of the {@code Received} chain ({@link ReceivedChain#firstUntrusted}),
 * as SpamAssassin's trusted networks do, instead of the edge's own address; mail whose every hop
 * is trusted is from inside and skipped, as is mail from an authenticated client (a submission).
 *
 * <p>Evaluation is Apache James jSPF (processing limits of RFC 7208 4.6.4 included: 10
 * DNS-querying terms, 10 MX/PTR names, 2 void lookups) over the node's {@link DnsLookup} (the
 * message's view, with its query budget).
 *
 * <p>Results, one symbol each (weight 0; the rule acts on the status): {@code SPF_PASS},
 * {@code SPF_NEUTRAL}, {@code SPF_NONE}, {@code SPF_SOFTFAIL}, {@code SPF_PERMERROR} (no status
 * of their own; whether softfail and permerror count as a violation is the rule's business) and
 * {@code SPF_FAIL} (implies {@link ScanStatus#SPF_FAIL}); the HELO identity's as
 * {@code SPF_HELO_*}, where {@code SPF_HELO_FAIL} implies SPF_FAIL as well and a HELO temperror is
 * only reported. A temperror of MAIL FROM (DNS timeout, SERVFAIL) is a
 * {@link CheckResult#temporaryFailure}, never a failure (STYLE.md 12). Every result carries
 * {@code Received-SPF} (RFC 7208 9.1), {@code Authentication-Results} method results
 * (RFC 8601 2.7.2) and an {@link SpfVerdict} of the MAIL FROM identity as detail for DMARC. The
 * DNS query budget running out is a permerror, as too many lookups are (RFC 7208 4.6.4).
 *
 * <p>How it fails: an exception inside jSPF becomes FAILED through the pipeline.
 *
 * <p>Evaluated once per message: the prefetch evaluates while the content arrives and the run takes
 * that verdict when the prefetch had the same inputs and its DNS questions, asked again on the
 * run's view, get the same answers ({@code internal.AskedQuestions} says why that is the same
 * verdict and the same budget spent); otherwise the run evaluates itself.
 *
 * <p>Thread-safe: one jSPF evaluator is shared by every run; each run binds the message's DNS view to
 * it for the duration of its evaluation ({@code internal.ThreadBoundDns}).
 */
public final class SpfCheck implements Check {
    public static final String SPF_PASS = "SPF_PASS";
    public static final String SPF_FAIL = "SPF_FAIL";
    public static final String SPF_SOFTFAIL = "SPF_SOFTFAIL";
    public static final String SPF_NEUTRAL = "SPF_NEUTRAL";
    public static final String SPF_NONE = "SPF_NONE";
    public static final String SPF_PERMERROR = "SPF_PERMERROR";

    private static final ProtectionModule MODULE = ProtectionModule.SENDER_AUTHENTICATION;

    private final String receiver;
    /** The evaluator's DNS service: each evaluation binds its own view to it (see ThreadBoundDns). */
    private final ThreadBoundDns boundDns;
    /** One jSPF evaluator per check, shared by every evaluation; built once (ThreadBoundDns says why). */
    private final SPF spf;
    /**
     * The prefetch's evaluations, per message: keyed by the message's memory of DNS answers
     * ({@link DnsLookup#unbudgeted()} of its view, the same object for its prefetch and its run),
     * weakly, so that a message's entry goes with the message.
     */
    private final Map<DnsLookup, Map<Inputs, CompletableFuture<Early>>> early =
            java.util.Collections.synchronizedMap(new WeakHashMap<>());

    /** jSPF evaluations run so far (tests show the run reusing the prefetch's). */
    private final java.util.concurrent.atomic.LongAdder evaluations = new java.util.concurrent.atomic.LongAdder();

    long evaluations() {
        return evaluations.sum();
    }

    /** What one evaluation depends on besides DNS. */
    private record Inputs(String client, String sender, String helo, boolean heloIdentity) {
    }

    /** A prefetch's evaluation: its verdict and the questions that led to it. */
    private record Early(SpfVerdict verdict, AskedQuestions questions) {
    }

    /**
     * @param receiver this host's name, for {@code Received-SPF}'s receiver and the {@code %{r}}
     *                 macro (RFC 7208 7.3)
     */
    public SpfCheck(String receiver) {
        this.receiver = receiver == null || receiver.isBlank() ? "unknown" : receiver;
        // jSPF loads and initialises its term classes when the evaluator is wired: this happens at
        // start-up on this thread, not on the first message's virtual threads (see
        // Lookalikes.initialise for the deadlock that lazy class initialisation caused)
        this.boundDns = new ThreadBoundDns(this.receiver);
        this.spf = evaluator(boundDns);
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public ProtectionModule module() {
        return MODULE;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        List<SymbolDefinition> all = new ArrayList<>(List.of(
                new SymbolDefinition(SPF_PASS, MODULE, 0, null, "SPF pass: the client is an authorised sender"),
                new SymbolDefinition(SPF_FAIL, MODULE, 0, ScanStatus.SPF_FAIL,
                        "SPF fail: the domain says the client is not authorised"),
                new SymbolDefinition(SPF_SOFTFAIL, MODULE, 0, null,
                        "SPF softfail: the domain says the client is probably not authorised"),
                new SymbolDefinition(SPF_NEUTRAL, MODULE, 0, null, "SPF neutral: the domain makes no assertion"),
                new SymbolDefinition(SPF_NONE, MODULE, 0, null, "SPF none: no SPF record or no valid domain"),
                new SymbolDefinition(SPF_PERMERROR, MODULE, 0, null,
                        "SPF permerror: the domain's record cannot be interpreted")));
        for (Result r : Result.values()) {
            // the HELO identity: a host that fails its own name's record is not who it says (RFC 7208 2.3)
            all.add(new SymbolDefinition("SPF_HELO_" + r.name(), MODULE, 0,
                    r == Result.FAIL ? ScanStatus.SPF_FAIL : null, "SPF " + r.keyword() + " for the HELO name"));
        }
        return all;
    }

    /**
     * SPF needs only the envelope: both evaluations (MAIL FROM and HELO) run once early, each on
     * its own thread, on the message's DNS memory, so the run finds every answer of the record's
     * include/a/mx chain waiting. Behind an edge gateway the client comes from the Received chain,
     * so then it waits for the message.
     */
    @Override
    public void prefetch(Prefetch prefetch) {
        Envelope envelope = prefetch.envelope();
        if (envelope.isAuthenticated()) {
            return;
        }
        String client = envelope.clientAddress();
        String heloName = envelope.helo();
        if (envelope.trusted()) {
            if (prefetch.message().isEmpty()) {
                return;
            }
            Optional<ReceivedChain.Hop> hop = ReceivedChain.firstUntrusted(prefetch.message().get(),
                    prefetch.service(TrustedNetworks.class));
            if (hop.isEmpty()) {
                return;
            }
            client = hop.get().address();
            heloName = hop.get().helo();
        } else if (prefetch.message().isPresent()) {
            return; // started with the envelope already
        }
        String c = client;
        String h = heloName;
        boolean nullSender = envelope.sender().isEmpty();
        DnsLookup memory = prefetch.dns();
        prefetch.start(() -> evaluateEarly(memory, new Inputs(c, envelope.sender(), h, nullSender)));
        if (!nullSender && isDomainName(h)) {
            prefetch.start(() -> evaluateEarly(memory, new Inputs(c, "", h, true)));
        }
    }

    /**
     * The prefetch's evaluation, kept for the run. Registered when it starts, not when it is
     * handed to the pipeline: a task that never runs (the pipeline closing, the message refused)
     * leaves nothing for a run to wait for.
     */
    private void evaluateEarly(DnsLookup memory, Inputs inputs) {
        DnsLookup message = memory.unbudgeted();
        if (message.remembering() != message) {
            // not a message's own memory of answers (a node-wide lookup): nothing to key a message's
            // evaluation by, so only warm the answers, as before
            evaluate(new JspfDnsService(memory, receiver), inputs.client(), inputs.sender(), inputs.helo(),
                    inputs.heloIdentity());
            return;
        }
        CompletableFuture<Early> mine = new CompletableFuture<>();
        if (early.computeIfAbsent(message, k -> new ConcurrentHashMap<>()).putIfAbsent(inputs, mine) != null) {
            return; // evaluated already for this message
        }
        try {
            AskedQuestions questions = new AskedQuestions();
            SpfVerdict verdict = evaluate(new JspfDnsService(questions.recording(memory), receiver), inputs.client(),
                    inputs.sender(), inputs.helo(), inputs.heloIdentity());
            if (Thread.currentThread().isInterrupted()) {
                // cancelled: its answers may be "interrupted", not the message's
                mine.completeExceptionally(new InterruptedException("prefetch cancelled"));
            } else {
                mine.complete(new Early(verdict, questions));
            }
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The verdict for {@code inputs}: the prefetch's, when it evaluated the same inputs and its
     * questions get the same answers on the run's view {@code dns} (which spends the run's budget as
     * an evaluation would), else a fresh evaluation.
     */
    private SpfVerdict verdict(DnsLookup dns, Inputs inputs) {
        Map<Inputs, CompletableFuture<Early>> started = early.get(dns.unbudgeted());
        CompletableFuture<Early> prefetched = started == null ? null : started.get(inputs);
        if (prefetched != null) {
            try {
                Early done = prefetched.get();
                // first without spending (an answer asked anew means a fresh evaluation), then on the budget
                if (done.questions().replay(dns.unbudgeted()) && done.questions().replay(dns)) {
                    return done.verdict();
                }
            } catch (ExecutionException e) {
                // the prefetch failed or was cancelled: evaluate here
            } catch (InterruptedException e) {
                // past the check's time limit: the pipeline has its TIMED_OUT already
                Thread.currentThread().interrupt();
            }
        }
        return evaluate(new JspfDnsService(dns, receiver), inputs.client(), inputs.sender(), inputs.helo(),
                inputs.heloIdentity());
    }

    @Override
    public CheckResult run(CheckContext context) {
        Envelope envelope = context.envelope();
        if (envelope.isAuthenticated()) {
            return CheckResult.skipped("authenticated submission (" + envelope.authenticated()
                    + "): SPF judges mail from outside");
        }
        String client = envelope.clientAddress();
        String heloName = envelope.helo();
        String where = "";
        if (envelope.trusted()) {
            // behind an edge gateway: judge the Internet host that handed the message in, not the edge
            Optional<ReceivedChain.Hop> hop = ReceivedChain.firstUntrusted(context.message(),
                    context.service(TrustedNetworks.class));
            if (hop.isEmpty()) {
                return CheckResult.skipped("every Received hop is a trusted network: mail from inside");
            }
            client = hop.get().address();
            heloName = hop.get().helo();
            where = " (first untrusted hop, Received field " + (hop.get().index() + 1) + ")";
        }
        DnsLookup dns = context.service(DnsLookup.class);
        boolean nullSender = envelope.sender().isEmpty();
        SpfVerdict verdict = verdict(dns, new Inputs(client, envelope.sender(), heloName, nullSender));
        List<HeaderContribution> headers = new ArrayList<>();
        headers.add(authenticationResult(verdict, client));
        headers.add(new HeaderContribution.Field("Received-SPF", receivedSpf(verdict, client, envelope.sender(),
                heloName)));
        if (verdict.result() == Result.TEMPERROR) {
            return CheckResult.temporaryFailure("SPF temperror for " + verdict.domain() + ": " + verdict.explanation())
                    .withHeaders(headers.toArray(HeaderContribution[]::new)).withDetail(verdict);
        }
        List<Symbol> symbols = new ArrayList<>();
        symbols.add(Symbol.of("SPF_" + verdict.result().name(), reason(verdict, client, where)));
        // RFC 7208 2.3: the HELO identity is checked too, when it is a name; with the null sender it
        // already was the identity above
        if (!nullSender && isDomainName(heloName)) {
            SpfVerdict helo = verdict(dns, new Inputs(client, "", heloName, true));
            symbols.add(Symbol.of("SPF_HELO_" + helo.result().name(), reason(helo, client, where)));
            headers.add(authenticationResult(helo, client));
        }
        return CheckResult.found(symbols).withHeaders(headers.toArray(HeaderContribution[]::new)).withDetail(verdict);
    }

    /** One check_host() evaluation: of the MAIL FROM identity, or of HELO when {@code helo} is set. */
    private SpfVerdict evaluate(JspfDnsService dns, String client, String sender, String heloName, boolean helo) {
        String identity = helo ? "helo" : "mailfrom";
        String domain = helo ? heloName : domainOf(sender);
        evaluations.increment();
        dns.reset();
        SPFResult outcome = boundDns.with(dns, () -> spf.checkSPF(client, helo ? "" : sender, heloName));
        Result result = Result.of(outcome.getResult());
        String explanation = outcome.getExplanation();
        if (dns.addressTimeout() != null && (result == Result.FAIL || result == Result.SOFTFAIL)) {
            // a DNS failure must never become a fail (RFC 7208 5, STYLE.md 12); see addressTimeout()
            result = Result.TEMPERROR;
            explanation = "DNS lookup failed temporarily (" + dns.addressTimeout() + ")";
        }
        if (dns.limitExceeded() != null) {
            result = Result.PERMERROR;
            explanation = dns.limitExceeded() + " (RFC 7208 4.6.4)";
        }
        if (dns.budgetExhausted()) {
            result = Result.PERMERROR;
            explanation = "the message's DNS query budget was spent";
        }
        if (explanation == null || explanation.isBlank()) {
            explanation = describe(result, domain, client);
        }
        return new SpfVerdict(result, identity, domain, explanation);
    }

    private static HeaderContribution.AuthenticationResult authenticationResult(SpfVerdict verdict, String client) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(verdict.identity().equals("helo") ? "smtp.helo" : "smtp.mailfrom", verdict.domain());
        return new HeaderContribution.AuthenticationResult("spf", verdict.result().keyword(), "", properties);
    }

    private static boolean isDomainName(String helo) {
        return helo.indexOf('.') > 0 && !helo.startsWith("[") && !com.google.common.net.InetAddresses.isInetAddress(helo);
    }

    /**
     * jSPF wired as its one-argument constructor does, but with the synchronous executor: our
     * lookups block anyway, and jSPF's asynchronous executor waits forever when a continuation
     * throws (seen before the adapter gave jSPF mutable lists), where the synchronous one ends
     * with a result.
     */
    private static SPF evaluator(ThreadBoundDns dns) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        SPF spf = new SPF(dns, parser, macroExpand, new SynchronousSPFExecutor(dns));
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    private static String reason(SpfVerdict v, String client, String where) {
        return "SPF " + v.result().keyword() + " for " + v.identity() + " " + v.domain() + " from " + client + where
                + ": " + v.explanation();
    }

    private static String describe(Result result, String domain, String ip) {
        return switch (result) {
            case PASS -> "domain of " + domain + " designates " + ip + " as permitted sender";
            case FAIL, SOFTFAIL -> "domain of " + domain + " does not designate " + ip + " as permitted sender";
            case NEUTRAL -> domain + " makes no assertion about " + ip;
            case NONE -> "no SPF record for " + (domain.isEmpty() ? "an empty domain" : domain);
            case PERMERROR -> "the SPF record of " + domain + " is invalid";
            case TEMPERROR -> "DNS lookup failed temporarily";
        };
    }

    /** RFC 7208 9.1: {@code result (comment) key=value; ...}. */
    private String receivedSpf(SpfVerdict v, String client, String sender, String helo) {
        StringBuilder b = new StringBuilder(v.result().keyword())
                .append(" (").append(receiver).append(": ")
                .append(describe(v.result(), v.domain(), client).replace('(', '[').replace(')', ']'))
                .append(") client-ip=").append(client).append(';');
        if (!sender.isEmpty()) {
            b.append(" envelope-from=\"").append(sender.replace("\"", "")).append("\";");
        }
        if (!helo.isEmpty()) {
            b.append(" helo=").append(quoteIfNeeded(helo)).append(';');
        }
        return b.append(" receiver=").append(receiver).append("; identity=").append(v.identity()).toString();
    }

    private static String quoteIfNeeded(String value) {
        // a dot-atom goes as is; anything else (an address literal) as a quoted-string
        return value.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+") ? value : "\"" + value.replace("\"", "") + "\"";
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(at + 1)).toLowerCase(Locale.ROOT);
    }
}
