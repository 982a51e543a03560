package io.bulwark.scan.senderauth.dkim;

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
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.RawMessage;
import io.bulwark.scan.senderauth.dkim.DkimVerdict.Result;
import io.bulwark.scan.senderauth.dkim.DkimVerdict.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Sender authentication check "dkim": verifies every {@code DKIM-Signature} of the message
 * (RFC 6376 6; {@code rsa-sha256}, {@code ed25519-sha256} per RFC 8463; RFC 8301's rules for
 * {@code rsa-sha1} and short keys), each with its own result and reason (see {@link DkimVerifier}).
 * It defends against forged and altered mail from domains that sign: a message that claims to
 * come signed from a domain but whose signature does not verify gets {@code DKIM_FAIL}; DMARC
 * (which reads the {@link DkimVerdict} detail) checks the passing domains against From.
 *
 * <p>Symbols (weight 0; the rule acts on the status), exactly one outcome per message:
 * <ul>
 *   <li>{@code DKIM_NONE}: no DKIM signature (DomainKeys' {@code DomainKey-Signature} is not
 *       DKIM and is ignored). Not a failure: most mail is unsigned.</li>
 *   <li>{@code DKIM_PASS}: at least one signature passes. Other signatures failing beside it (a
 *       list that broke its own signature, a stale second signature) do not make the message a
 *       failure; their results are in the detail and in {@code Authentication-Results}.
 *       {@code DKIM_TEMPERROR} is added when another signature could not be checked for a
 *       temporary DNS failure.</li>
 *   <li>{@code DKIM_FAIL}, implying {@link ScanStatus#DKIM_FAIL}: the message is signed, no
 *       signature passes, none is temperror, and at least one is {@code fail} (body or signature
 *       does not verify) or {@code policy} (valid only for a prefix of the body, {@code l=}).
 *       This is "a signature present and none valid" where the content is to blame.</li>
 *   <li>{@code DKIM_PERMERROR}: signed, none passes, and every signature is permerror or
 *       neutral (unusable signatures or keys, rsa-sha1, short keys, our limits): no status of its
 *       own, as for SPF; the rule and DMARC decide.</li>
 *   <li>When no signature passes and one is temperror (its key could not be fetched), the check
 *       is a {@link CheckResult#temporaryFailure}, as SPF treats temperror: that signature may
 *       pass when asked again, so the message must not be failed now (STYLE.md 12).</li>
 * </ul>
 * Every result carries one {@code Authentication-Results} method result per signature
 * ({@code dkim=<result>} with {@code header.d}, {@code header.s}, {@code header.b}, RFC 8601 and
 * RFC 6008), or {@code dkim=none}, and the {@link DkimVerdict} as detail.
 *
 * <p>How it fails: a view without raw octets is skipped; an exception becomes FAILED through the
 * pipeline. Limits: at most {@value DkimVerifier#MAX_SIGNATURES} signatures are evaluated, DNS
 * questions draw on the message's query budget.
 *
 * <p>Stateless and thread-safe.
 */
public final class DkimCheck implements Check {
    public static final String DKIM_PASS = "DKIM_PASS";
    public static final String DKIM_FAIL = "DKIM_FAIL";
    public static final String DKIM_NONE = "DKIM_NONE";
    public static final String DKIM_TEMPERROR = "DKIM_TEMPERROR";
    public static final String DKIM_PERMERROR = "DKIM_PERMERROR";

    private static final ProtectionModule MODULE = ProtectionModule.SENDER_AUTHENTICATION;

    private final DkimVerifier verifier;

    /** A check on the system clock. */
    public DkimCheck() {
        this(Clock.systemUTC());
    }

    /** A check whose {@code x=}/{@code t=} comparisons use {@code clock} (tests, replays). */
    public DkimCheck(Clock clock) {
        this.verifier = new DkimVerifier(clock);
    }

    @Override
    public String name() {
        return "dkim";
    }

    @Override
    public ProtectionModule module() {
        return MODULE;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(
                new SymbolDefinition(DKIM_PASS, MODULE, 0, null, "DKIM pass: a signature of the message verifies"),
                new SymbolDefinition(DKIM_FAIL, MODULE, 0, ScanStatus.DKIM_FAIL,
                        "DKIM fail: the message is signed but no signature verifies"),
                new SymbolDefinition(DKIM_NONE, MODULE, 0, null, "DKIM none: the message is not signed"),
                new SymbolDefinition(DKIM_TEMPERROR, MODULE, 0, null,
                        "DKIM temperror: a signature's key could not be fetched for now"),
                new SymbolDefinition(DKIM_PERMERROR, MODULE, 0, null,
                        "DKIM permerror: the message's signatures cannot be checked (bad tags or keys)"));
    }

    /** Every signature's key record at once, one thread each, as soon as the header fields are known. */
    @Override
    public void prefetch(Prefetch prefetch) {
        if (prefetch.header().isEmpty() || prefetch.header().get().rawHeader().isEmpty()) {
            return;
        }
        MessageView message = prefetch.header().get();
        prefetch.start(() -> {
            for (String name : DkimVerifier.keyNames(RawMessage.fields(message.rawHeader()))) {
                prefetch.start(() -> prefetch.dns().txt(name));
            }
        });
    }

    @Override
    public CheckResult run(CheckContext context) {
        MessageView message = context.message();
        if (message.rawHeader().isEmpty() && !message.headers().isEmpty()) {
            // a view built without its raw octets (a message with no header fields at all has none)
            return CheckResult.skipped("the message has no raw header octets to verify");
        }
        DkimVerdict verdict = verifier.verify(RawMessage.fields(message.rawHeader()), message.rawBody(),
                context.service(DnsLookup.class));
        return result(verdict).withHeaders(headers(verdict)).withDetail(verdict);
    }

    private static CheckResult result(DkimVerdict verdict) {
        List<Signature> all = verdict.signatures();
        if (all.isEmpty()) {
            return CheckResult.found(Symbol.of(DKIM_NONE, "no DKIM signature"));
        }
        if (any(all, Result.PASS)) {
            List<Symbol> symbols = new ArrayList<>();
            symbols.add(Symbol.of(DKIM_PASS, summary(all, s -> s.result() == Result.PASS)));
            if (any(all, Result.TEMPERROR)) {
                symbols.add(Symbol.of(DKIM_TEMPERROR, summary(all, s -> s.result() == Result.TEMPERROR)));
            }
            return CheckResult.found(symbols);
        }
        if (any(all, Result.TEMPERROR)) {
            return CheckResult.temporaryFailure("DKIM temperror: " + summary(all, s -> true));
        }
        if (any(all, Result.FAIL) || any(all, Result.POLICY)) {
            return CheckResult.found(Symbol.of(DKIM_FAIL, summary(all, s -> true)));
        }
        return CheckResult.found(Symbol.of(DKIM_PERMERROR, summary(all, s -> true)));
    }

    private static boolean any(List<Signature> signatures, Result result) {
        return signatures.stream().anyMatch(s -> s.result() == result);
    }

    /** "d=example.com s=sel: fail (body hash did not verify); ..." for the chosen signatures. */
    private static String summary(List<Signature> signatures, Predicate<Signature> which) {
        return signatures.stream().filter(which)
                .map(s -> "d=" + s.domain() + " s=" + s.selector() + ": " + s.result().keyword() + " (" + s.reason() + ")")
                .collect(Collectors.joining("; "));
    }

    private static HeaderContribution[] headers(DkimVerdict verdict) {
        if (verdict.signatures().isEmpty()) {
            return new HeaderContribution[] {new HeaderContribution.AuthenticationResult("dkim", "none", "", Map.of())};
        }
        return verdict.signatures().stream().map(s -> {
            Map<String, String> properties = new LinkedHashMap<>();
            // an empty value is not a valid property (RFC 8601 2.2): a field unparsed that far has none
            putIfPresent(properties, "header.d", s.domain());
            putIfPresent(properties, "header.s", s.selector());
            putIfPresent(properties, "header.b", s.headerB());
            String reason = s.result() == Result.PASS ? "" : s.reason();
            return new HeaderContribution.AuthenticationResult("dkim", s.result().keyword(), reason, properties);
        }).toArray(HeaderContribution[]::new);
    }

    private static void putIfPresent(Map<String, String> properties, String name, String value) {
        if (!value.isEmpty()) {
            properties.put(name, value);
        }
    }
}
