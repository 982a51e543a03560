package io.bulwark.scan.antispam.bulk;

import io.bulwark.events.scan.ProtectionModule;
import io.bulwark.events.scan.ScanStatus;
import io.bulwark.scan.Check;
import io.bulwark.scan.CheckContext;
import io.bulwark.scan.CheckResult;
import io.bulwark.scan.Symbol;
import io.bulwark.scan.SymbolDefinition;
import io.bulwark.scan.message.MessageView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Anti-spam check that recognises mass mailings (newsletters, marketing, notifications sent in
 * bulk) so the rule can treat them apart from spam: the status MASS_MAILING, weight 0 so that
 * bulk mail is not pushed towards spam for being bulk.
 *
 * <p>Signs, each counted once: a {@code List-Unsubscribe} field (RFC 2369; with RFC 8058's
 * one-click {@code List-Unsubscribe-Post} as a stronger sign), {@code Precedence: bulk} or
 * {@code list} (RFC 3834 2 names it as what bulk senders write), a {@code List-Id} (RFC 2919),
 * and the trace fields email service providers stamp on every campaign (their fingerprints,
 * below). Two signs make a mass mailing: one alone is too common in personal mail that passed a
 * list or a ticket system.
 *
 * <p>Stateless and thread-safe; needs no service.
 */
public final class MassMailingCheck implements Check {
    /** The status symbol. */
    public static final String MASS_MAILING = "MASS_MAILING";

    /** Header fields that only bulk-sending providers write, by provider. */
    static final Map<String, String> ESP_FIELDS = Map.ofEntries(
            Map.entry("x-mc-user", "Mailchimp"), Map.entry("x-mandrill-user", "Mandrill"),
            Map.entry("x-sg-eid", "SendGrid"), Map.entry("x-sg-id", "SendGrid"),
            Map.entry("x-mailgun-sid", "Mailgun"), Map.entry("x-ses-outgoing", "Amazon SES"),
            Map.entry("x-campaign", "a campaign tool"), Map.entry("x-campaignid", "a campaign tool"),
            Map.entry("x-csa-complaints", "a certified bulk sender"), Map.entry("x-sfmc-stack", "Salesforce"),
            Map.entry("x-mailjet-campaign", "Mailjet"), Map.entry("x-sib-id", "Brevo"),
            Map.entry("x-cmae-messageid", "Campaign Monitor"), Map.entry("x-rpcampaign", "a campaign tool"),
            Map.entry("x-listunsubscribe", "a campaign tool"), Map.entry("x-mailer-lid", "a campaign tool"));

    @Override
    public String name() {
        return "massmail";
    }

    @Override
    public ProtectionModule module() {
        return ProtectionModule.ANTI_SPAM;
    }

    @Override
    public List<SymbolDefinition> symbols() {
        return List.of(new SymbolDefinition(MASS_MAILING, ProtectionModule.ANTI_SPAM, 0, ScanStatus.MASS_MAILING,
                "bulk mail: list and unsubscribe headers, bulk precedence or an email service provider's fields"));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<String> signs = signs(context.message());
        if (signs.size() >= 2) {
            return CheckResult.found(Symbol.of(MASS_MAILING, "mass mailing: " + String.join(", ", signs)));
        }
        return signs.isEmpty() ? CheckResult.clean() : CheckResult.clean("one bulk sign only: " + signs.getFirst());
    }

    /** The bulk signs of a message, in a fixed order. */
    static List<String> signs(MessageView message) {
        List<String> signs = new ArrayList<>();
        if (!message.headers("List-Unsubscribe").isEmpty()) {
            signs.add("List-Unsubscribe");
            if (!message.headers("List-Unsubscribe-Post").isEmpty()) {
                signs.add("one-click unsubscribe");
            }
        }
        message.header("Precedence").map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("bulk") || p.equals("list") || p.equals("junk"))
                .ifPresent(p -> signs.add("Precedence: " + p));
        if (!message.headers("List-Id").isEmpty()) {
            signs.add("List-Id");
        }
        message.headers().stream().map(h -> ESP_FIELDS.get(h.name().toLowerCase(Locale.ROOT)))
                .filter(java.util.Objects::nonNull).distinct().findFirst()
                .ifPresent(esp -> signs.add("fields of " + esp));
        return signs;
    }
}
