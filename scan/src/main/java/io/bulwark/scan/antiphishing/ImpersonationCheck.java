package io.bulwark.scan.antiphishing;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.antiphishing.Impersonation.Mailbox;
import io.bulwark.scan.antiphishing.Impersonation.Person;
import io.bulwark.scan.domain.PublicSuffixList;
import io.bulwark.scan.message.MessagePart;
import io.bulwark.scan.message.MessageView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anti-phishing check against business email compromise: a message that pretends to come from
 * one of us. It reads only the From and Reply-To fields and, for the wording rules, the text.
 *
 * <ul>
 *   <li>{@value #EXECUTIVE}: the From display name is a configured executive's or internal
 *       user's name (the same words in any order) while the address is outside our domains and
 *       not one of theirs.</li>
 *   <li>{@value #LOOKALIKE_SENDER}: the From or Reply-To domain imitates one of our relay
 *       domains ({@link Lookalikes}: confusable skeleton, one edit, our domain in front).</li>
 *   <li>{@value #NAME_ADDRESS}: the display name holds an address of another domain than the
 *       real one ({@code "ceo@corp.example" <x@free.example>}).</li>
 *   <li>{@value #REPLY_TO_FREEMAIL} / {@value #REPLY_TO_EXTERNAL}: replies are diverted to a
 *       free-mail domain, or to another registrable domain than the From's (not ours). Not for
 *       mailing-list messages (List-Id or List-Post, RFC 2919/2369), whose Reply-To is the list.</li>
 *   <li>{@value #PAYMENT}: a message that is not a reply, from outside, asks for a payment, a
 *       change of bank details or gift cards together with urgency or secrecy. The rules are a
 *       handful of phrase lists (below), each match named in the reason: explainable, not a
 *       black box. We have no sender history, so "first contact" is approximated by "not a reply
 *       (no In-Reply-To or References) from an outside domain".</li>
 * </ul>
 *
 * <p>Sender authentication is not read: an optional dependency on DMARC would make SPF, DKIM and
 * DMARC (and their DNS queries) run for every message even where a rule switches sender
 * authentication off; exact spoofing of our own domains is DMARC's finding in its own module.
 *
 * <p>Needs {@link PublicSuffixList}. Stateless and thread-safe.
 */
public final class ImpersonationCheck implements Check {
    public static final String EXECUTIVE = "BEC_EXECUTIVE_NAME";
    public static final String LOOKALIKE_SENDER = "BEC_LOOKALIKE_SENDER";
    public static final String NAME_ADDRESS = "BEC_DISPLAY_NAME_ADDRESS";
    public static final String REPLY_TO_FREEMAIL = "BEC_REPLY_TO_FREEMAIL";
    public static final String REPLY_TO_EXTERNAL = "BEC_REPLY_TO_EXTERNAL";
    public static final String PAYMENT = "BEC_PAYMENT_WORDING";

    private static final int TEXT_BYTES = 64 * 1024;
    private static final Pattern PAY = Pattern.compile("(?i)\\b(wire transfer|bank transfer|make a payment|"
            + "process a payment|outstanding payment|overdue invoice|remittance|swift code|iban)\\b");
    private static final Pattern GIFT = Pattern.compile("(?i)\\b((?:itunes|google play|apple|steam|amazon|ebay)"
            + " (?:gift )?cards?|gift cards?)\\b");
    private static final Pattern BANK_CHANGE = Pattern.compile("(?i)\\b(new bank account|changed? (?:our|my) bank|"
            + "updated? (?:our |my )?bank(?:ing)? details|new (?:banking|account) details)\\b");
    private static final Pattern URGENT = Pattern.compile("(?i)\\b(urgent(?:ly)?|asap|right away|immediately|"
            + "confidential|discreet(?:ly)?|keep this between us|are you available|quick favou?r|"
            + "i am in a meeting|i'm in a meeting)\\b");

    private final SharedLookalikes lookalikes;
    private final List<Person> people;
    private final Set<String> freemail;

    /**
     * @param ownDomains our relay domains
     * @param people     executives and internal users whose names are protected
     * @param freemail   extra free-mail domains beside the built-in list
     */
    public ImpersonationCheck(List<String> ownDomains, List<Person> people, List<String> freemail) {
        this.lookalikes = new SharedLookalikes(ownDomains);
        Lookalikes.initialise(); // at start-up, not inside the first message (see there)
        this.people = List.copyOf(people);
        Set<String> f = new LinkedHashSet<>(Impersonation.FREEMAIL);
        freemail.forEach(d -> f.add(d.strip().toLowerCase(Locale.ROOT)));
        this.freemail = Set.copyOf(f);
    }

    @Override
    public String name() {
        return "impersonation";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_PHISHING;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return definitions();
    }

    public static List<SymbolDefinition> definitions() {
        ProtectionModule m = ProtectionModule.ANTI_PHISHING;
        return List.of(
                new SymbolDefinition(EXECUTIVE, m, 60, null, "an executive's name sent from an outside address"),
                new SymbolDefinition(LOOKALIKE_SENDER, m, 60, null, "the sender's domain imitates one of ours"),
                new SymbolDefinition(NAME_ADDRESS, m, 30, null, "the display name shows another address"),
                new SymbolDefinition(REPLY_TO_FREEMAIL, m, 25, null, "replies are diverted to a free-mail domain"),
                new SymbolDefinition(REPLY_TO_EXTERNAL, m, 10, null, "replies are diverted to another domain"),
                new SymbolDefinition(PAYMENT, m, 25, null, "payment or gift-card request with urgency, not a reply"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        PublicSuffixList suffixes = context.service(PublicSuffixList.class);
        MessageView message = context.message();
        Optional<Mailbox> from = message.header("From").flatMap(Mailbox::parse);
        if (from.isEmpty()) {
            return CheckResult.clean("no From address");
        }
        Lookalikes ours = lookalikes.with(suffixes);
        Mailbox f = from.get();
        List<Symbol> found = new ArrayList<>();
        boolean outside = !ours.isProtected(f.domain());
        if (outside && !f.displayName().isEmpty()) {
            Set<String> shown = Impersonation.words(f.displayName());
            for (Person p : people) {
                Set<String> name = p.words();
                if (!name.isEmpty() && shown.containsAll(name) && !p.addresses().contains(f.address())) {
                    found.add(Symbol.of(EXECUTIVE, "display name '" + f.displayName() + "' is " + p.name()
                            + "'s, but the address " + f.address() + " is outside our domains"));
                    break;
                }
            }
        }
        ours.imitation(f.domain()).ifPresent(r -> found.add(Symbol.of(LOOKALIKE_SENDER,
                "From domain " + f.domain() + " " + r)));
        f.addressInName().filter(a -> !a.endsWith("@" + f.domain()) && !a.equals(f.address()))
                .ifPresent(a -> found.add(Symbol.of(NAME_ADDRESS, "display name shows " + a + " but the address is "
                        + f.address())));
        boolean mailingList = message.header("List-Id").isPresent() || message.header("List-Post").isPresent();
        if (!mailingList) {
            // mailing lists set Reply-To to the list on purpose (RFC 2369 fields mark them)
            message.header("Reply-To").flatMap(Mailbox::parse).ifPresent(r -> replyTo(f, r, ours, suffixes, found));
        }
        boolean reply = message.header("In-Reply-To").isPresent() || message.header("References").isPresent();
        if (outside && !reply) {
            wording(message).ifPresent(r -> found.add(Symbol.of(PAYMENT, r)));
        }
        return CheckResult.of(found);
    }

    private void replyTo(Mailbox from, Mailbox replyTo, Lookalikes ours, PublicSuffixList suffixes,
            List<Symbol> found) {
        String rd = replyTo.domain();
        if (rd.isEmpty() || ours.isProtected(rd)) {
            return;
        }
        if (found.stream().noneMatch(s -> s.name().equals(LOOKALIKE_SENDER))) {
            ours.imitation(rd).ifPresent(r -> found.add(Symbol.of(LOOKALIKE_SENDER, "Reply-To domain " + rd + " " + r)));
        }
        String fromSite = Lookalikes.site(from.domain(), suffixes);
        String replySite = Lookalikes.site(rd, suffixes);
        if (fromSite.equals(replySite)) {
            return;
        }
        if (freemail.contains(replySite) || freemail.contains(rd)) {
            found.add(Symbol.of(REPLY_TO_FREEMAIL, "Reply-To " + replyTo.address() + " diverts replies from "
                    + from.domain() + " to free-mail " + rd));
        } else {
            found.add(Symbol.of(REPLY_TO_EXTERNAL, "Reply-To " + replyTo.address() + " diverts replies from "
                    + from.domain() + " to " + rd));
        }
    }

    /** The reason of the payment wording rules, if they match the message's text. */
    static Optional<String> wording(MessageView message) {
        StringBuilder text = new StringBuilder();
        message.header("Subject").ifPresent(s -> text.append(s).append('\n'));
        for (MessagePart part : message.parts()) {
            if (part.isText() && !part.attachment() && text.length() < TEXT_BYTES) {
                String s = part.text(StandardCharsets.UTF_8, TEXT_BYTES);
                if (part.contentType().equals("text/html")) {
                    s = org.jsoup.Jsoup.parse(s).text();
                }
                text.append(s).append('\n');
            }
        }
        String t = text.toString().replaceAll("\\s+", " ");
        Optional<String> pay = first(PAY, t);
        Optional<String> gift = first(GIFT, t);
        Optional<String> bank = first(BANK_CHANGE, t);
        Optional<String> urgent = first(URGENT, t);
        if (gift.isPresent() && urgent.isPresent()) {
            return Optional.of("asks for gift cards ('" + gift.get() + "') with urgency ('" + urgent.get()
                    + "') in a first message from outside");
        }
        if (bank.isPresent() && (pay.isPresent() || urgent.isPresent())) {
            return Optional.of("announces changed bank details ('" + bank.get() + "') with '"
                    + pay.orElseGet(urgent::get) + "' in a first message from outside");
        }
        if (pay.isPresent() && urgent.isPresent()) {
            return Optional.of("asks for a payment ('" + pay.get() + "') with urgency ('" + urgent.get()
                    + "') in a first message from outside");
        }
        return Optional.empty();
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
