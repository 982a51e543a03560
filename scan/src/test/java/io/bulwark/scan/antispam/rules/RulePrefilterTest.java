package io.bulwark.scan.antispam.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.scan.Symbol;
import io.bulwark.scan.antispam.MessageText;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.MessageView;
import io.bulwark.scan.message.MessageViewParser;
import io.bulwark.scan.message.TrustedNetworks;
import io.bulwark.scan.testing.CheckHarness;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The literal pre-filter of {@link RulesCheck} changes no verdict: every starter rule is run with
 * and without it over every message in the scan module's test resources, over messages made to hit
 * each alternative of each header, body and URI rule, and (with
 * {@code -Dbulwark.rules.corpus=DIR}) over every file of a corpus directory such as the
 * SpamAssassin development set {@code bench/accuracy.sh} extracts. A wrong derived literal makes the
 * filtered run miss the made message of that alternative; so does dropping a literal.
 */
class RulePrefilterTest {
    private static final List<Rule> STARTER = RuleFile.starter();
    private static final RulesCheck FILTERED = new RulesCheck(STARTER);
    private static final RulesCheck REFERENCE = RulesCheck.unfiltered(STARTER);
    private static final MessageViewParser PARSER = new MessageViewParser();

    /** Rule name -> texts each of which hits it (one per alternative of its expression where practical). */
    static final Map<String, List<String>> BODY = new LinkedHashMap<>();
    private static final Map<String, List<String>> SUBJECT = new LinkedHashMap<>();
    private static final Map<String, List<String>> URI = new LinkedHashMap<>();

    static {
        BODY.put("BODY_MONEY_OFFER", List.of("earn $500 per day", "make up to 300 or more every week", "extra income",
                "Extra CASH", "making money online", "make serious money from home", "Work From Home", "work at home",
                "financial freedom", "make real money with your", "earn 1,000 a month"));
        BODY.put("BODY_URGENCY", List.of("act now", "ORDER NOW", "call now", "limited time", "limited time only",
                "limited time offer", "offer expires", "while supplies last", "don't delay", "dont delay",
                "respond immediately", "urgent reply", "urgently response"));
        BODY.put("BODY_GUARANTEE", List.of("100% free", "100 % guaranteed", "100% satisfaction", "100% risk-free",
                "risk free", "no obligation", "money-back guarantee", "money back guarantee", "satisfaction guaranteed"));
        BODY.put("BODY_REMOVE_ME", List.of("to be removed from this list", "to unsubscribe from our mailing",
                "to removed from future emails", "unsubscribe from this newsletter", "this is not spam",
                "this isn't spam", "you are receiving this email because", "you received this message because",
                "one-time mailing", "one time email", "opted-in to receive", "opted in to receive"));
        BODY.put("BODY_LOAN_DEBT", List.of("consolidate your debt", "lower your mortgage rates", "lower interest rate",
                "refinance now", "refinancing today", "bad credit", "approved for", "approved instantly",
                "preapproved", "pre-approved", "credit card debt", "credit debt"));
        BODY.put("BODY_PHARMA", List.of("viagra", "CIALIS", "levitra", "xanax", "valium", "phentermine", "vicodin",
                "online pharmacy", "prescription drugs online", "prescription medication without"));
        BODY.put("BODY_WEIGHT_LOSS", List.of("lose up to 30 lbs", "lose 5.5 kg", "lose 10 pounds",
                "weight loss pill", "weight loss formula", "weight loss program", "burn fat", "flush fat", "diet pill",
                "diet pills"));
        BODY.put("BODY_ADVANCE_FEE", List.of("next of kin", "beneficiary", "transfer of the sum of",
                "transfer funds of", "10 million usd", "us$10.5 million dollars", "4 million united states dollars",
                "barrister", "confidential proposal", "confidential business transaction", "confidential request",
                "strictly confidential", "highly confidential", "very confidential", "my late father",
                "my late husband", "foreign partner", "foreign account", "deceased client", "deceased customer"));
        BODY.put("BODY_GOT_YOUR_ADDRESS", List.of("I got your email address from", "we found this contact on",
                "i obtained your e-mail id through", "we got your contact id while", "I found your address on"));
        BODY.put("BODY_QP_UNDECODED", List.of("x =3Chtml", "x =3C/p", "=3C!DOCTYPE", "a =3D=22b", "http:=2F=2Fx"));
        BODY.put("BODY_CLICK_HERE", List.of("click here", "Click Below", "click the link"));
        BODY.put("BODY_DEAR_FRIEND", List.of("Dear Friend,", "Dear sir/madam", "dear sir or madam",
                "Dear valued customer", "dear valued member", "Dear beneficiary", "Dear winner", "Greetings",
                "Greetings of the day!"));
        BODY.put("BODY_WINNER", List.of("you have been selected", "you have won", "congratulations! you",
                "congratulations you", "claim your prize", "claim your reward", "claim your gift", "lottery",
                "sweepstakes"));
        BODY.put("BODY_ACCOUNT_VERIFY", List.of("verify your account", "verify identity", "verify password",
                "account has been suspended", "account locked", "account limited", "confirm your billing information",
                "confirm your password details", "update your billing information", "update your payment details"));
        BODY.put("BODY_ADULT", List.of("xxx", "hardcore", "horny", "hot singles", "hot teens", "hot girls",
                "teens playing", "girls stripping", "teen naked", "adult site", "adult content", "adult video",
                "adult videos", "barely legal"));
        BODY.put("BODY_STOCK_TIP", List.of("stock alert", "stock pick", "stock tip", "strong buy", "immediate buy",
                "price target", "target target", "about to explode", "about to soar", "ticker symbol", "otcbb",
                "otc bb", "research alert"));

        SUBJECT.put("SUBJ_MONEY", List.of("only $ 5", "win $5,000", "50% off", "50 % off", "free gift offer",
                "free trial", "cash fast", "money is fast"));
        SUBJECT.put("SUBJ_URGENT", List.of("urgent", "act now", "limited time", "last chance", "expires today",
                "expire soon", "dont miss", "don't miss", "final notice"));
        SUBJECT.put("SUBJ_EXCLAIM_RUN", List.of("wow!!!", "what???", "$$$ inside"));

        URI.put("URI_SHORTENER", List.of("https://bit.ly/x1", "http://www.tinyurl.com/x", "https://goo.gl/x",
                "https://t.co/x", "https://rb.gy/x", "https://bl.ink/x"));
        URI.put("URI_NUMERIC_HOST", List.of("http://192.0.2.1/x", "https://10.1.2.3:8080/"));
        URI.put("URI_OBFUSCATED", List.of("http://a%41b.example/", "http://user@host.example/"));
        URI.put("URI_EXECUTABLE", List.of("http://x.example/a.exe", "https://x.example/dir/run.vbs?x=1"));
        URI.put("URI_SUSPICIOUS_TLD", List.of("http://x.top/", "https://shop.xyz/a", "http://a.download"));
    }

    private static final String HEADERS = """
            Received: from mail.example.net (mail.example.net [192.0.2.10]) by mx.corp.example; Tue, 3 Dec 2024 10:00:05 +0000
            From: Alice Example <alice@example.net>
            To: bob@corp.example
            Subject: %s
            Date: Tue, 3 Dec 2024 09:59:58 +0000
            Message-ID: <20241203.abc@example.net>
            X-Mailer: %s
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            %s
            """;

    private static MessageView message(String subject, String mailer, String body) {
        return PARSER.parse(String.format(HEADERS, subject, mailer, body).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static RuleInput input(MessageView view) {
        return new RuleInput(view, MessageText.of(view), CheckHarness.ENVELOPE, PublicSuffixList.bundled(),
                TrustedNetworks.none());
    }

    private static List<String> names(List<Symbol> symbols) {
        return symbols.stream().map(Symbol::name).toList();
    }

    /** Asserts identical hits; returns the reference's. */
    private static List<String> same(String what, MessageView view) {
        RuleInput in = input(view);
        List<String> reference = names(REFERENCE.fire(in));
        assertThat(names(FILTERED.fire(in))).as(what).isEqualTo(reference);
        return reference;
    }

    @Test
    void madeMessagesHitTheirRuleWithAndWithoutTheFilter() {
        List<String> checked = new ArrayList<>();
        BODY.forEach((rule, texts) -> texts.forEach(t -> {
            assertThat(same(rule + ": " + t, message("Minutes", "Mutt", t + " and more words."))).as(t).contains(rule);
            // the same words shouted
            assertThat(same(rule + " (upper): " + t, message("Minutes", "Mutt", t.toUpperCase() + " and more.")))
                    .contains(rule);
            checked.add(rule);
        }));
        SUBJECT.forEach((rule, texts) -> texts.forEach(t -> {
            assertThat(same(rule + ": " + t, message(t, "Mutt", "Hello."))).as(t).contains(rule);
            checked.add(rule);
        }));
        URI.forEach((rule, texts) -> texts.forEach(t -> {
            assertThat(same(rule + ": " + t, message("Minutes", "Mutt", "See " + t + " today."))).as(t)
                    .contains(rule);
            checked.add(rule);
        }));
        for (String mailer : List.of("MassMail 2", "mass mail", "Bulk Mailer", "group mail", "Email Blaster",
                "Send-Safe", "dark mailer", "Atomic Mail Sender")) {
            assertThat(same(mailer, message("Minutes", mailer, "Hello."))).as(mailer).contains("MAILER_BULK_TOOL");
        }
        // every header, body and URI rule the pre-filter filters has made messages here
        for (int r = 0; r < STARTER.size(); r++) {
            Rule rule = STARTER.get(r);
            if (rule.condition() instanceof Condition.Body || rule.condition() instanceof Condition.Uri
                    || rule.name().startsWith("SUBJ_") && prefilter().filters(r)) {
                assertThat(checked).as("made messages for " + rule.name()).contains(rule.name());
            }
        }
    }

    @Test
    void nearMissesAndPlainMailFireTheSameWithAndWithoutTheFilter() {
        for (String t : List.of("", "Hi Bob, the notes from Tuesday.", "viagr a", "click  here", "we act, now",
                "ſtrong buy", "\u212Aeep it", "İ go", "x".repeat(70_000) + " click here", "Ümlaut café naïve ﬁ")) {
            same(t, message("Minutes", "Mutt", t));
            same("subject " + t, message(t, "Mutt", "Hello."));
        }
        same("no message id", PARSER.parse("From: a@example.net\r\nSubject: hi\r\n\r\nHello.\r\n"
                .getBytes(StandardCharsets.UTF_8)));
        same("dynamic host", PARSER.parse(("Received: from x (1-2-3-4.dyn.isp.example [192.0.2.1]) by mx;"
                + " Tue, 3 Dec 2024 10:00:05 +0000\r\nFrom: user12345@x.example\r\nTo: undisclosed-recipients:;\r\n"
                + "\r\nHello.\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyTestMessageOfTheScanModuleFiresTheSameWithAndWithoutTheFilter() throws IOException, URISyntaxException {
        Path root = Path.of(RulePrefilterTest.class.getResource("/").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(30);
        for (Path f : files) {
            same(root.relativize(f).toString(), PARSER.parse(Files.readAllBytes(f)));
        }
    }

    /** {@code -Dbulwark.rules.corpus=DIR}: every file below DIR (e.g. the SpamAssassin development set). */
    @Test
    void anOptionalCorpusFiresTheSameWithAndWithoutTheFilter() throws IOException {
        String dir = System.getProperty("bulwark.rules.corpus");
        if (dir == null || dir.isBlank()) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(dir))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int hits = 0;
        for (Path f : files) {
            hits += same(f.toString(), PARSER.parse(Files.readAllBytes(f))).size();
        }
        System.out.printf("prefilter equivalence: %d files, %d rule hits, identical%n", files.size(), hits);
    }

    @Test
    void literalsAreDerivedWhereSafeAndNotWhereNot() {
        assertThat(literals("\\b(viagra|cialis)\\b")).containsExactlyInAnyOrder("viagra", "cialis");
        assertThat(literals("risk[- ]free")).containsExactlyInAnyOrder("risk-free", "risk free");
        assertThat(literals("\\bextra (income|money)\\b|\\bWork (from|at) home\\b")).containsExactlyInAnyOrder(
                "extra income", "extra money", "work from home", "work at home");
        assertThat(literals("!{3,}|\\?{3,}|\\$\\$\\$")).containsExactlyInAnyOrder("!!!", "???", "$$$");
        assertThat(literals("lose (up to )?\\d+ ?(lbs|kg)")).containsExactlyInAnyOrder("lose ", "lose up to ");
        assertThat(literals("you (have|'ve) (been selected|won)")).hasSize(4).contains("you 've won");
        assertThat(literals("a(?=bc)d")).containsExactly("ad");
        assertThat(literals("[^]x]abc")).containsExactly("abc");
        assertThat(literals("(?:ab)?cd")).containsExactlyInAnyOrder("abcd", "cd");
        // nothing required, or not readable here: the rule always runs
        for (String re : List.of("^\\s*$", "a|\\d+", "x*", "(?i)viagra", "(a)\\1", "\\x41bc", "\\Qa.b\\E", "[a[b]]c",
                "é", "\\p{L}+", "a{0,3}")) {
            assertThat(RequiredLiterals.of(java.util.regex.Pattern.compile(re))).as(re).isEmpty();
        }
    }

    @Test
    void foldingIsJavaRegexCaseFolding() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            char f = RequiredLiterals.fold(c);
            if (f < 0x80 && Character.isLetter(f)) {
                // a character folding to an ASCII letter is matched by that letter under /i, and the reverse
                assertThat(java.util.regex.Pattern.compile(String.valueOf(f),
                        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                        .matcher(String.valueOf(c)).matches()).as("U+%04X", (int) c).isTrue();
            }
        }
        for (char a = 'a'; a <= 'z'; a++) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(String.valueOf(a),
                    java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                if (p.matcher(String.valueOf(c)).matches()) {
                    assertThat(RequiredLiterals.fold(c)).as("U+%04X", (int) c).isEqualTo(a);
                }
            }
        }
    }

    private static RulePrefilter prefilter() {
        return RulePrefilter.of(STARTER);
    }

    private static Set<String> literals(String re) {
        return RequiredLiterals.of(java.util.regex.Pattern.compile(re, java.util.regex.Pattern.CASE_INSENSITIVE))
                .orElseThrow();
    }
}
