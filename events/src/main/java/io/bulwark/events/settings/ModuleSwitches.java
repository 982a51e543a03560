package io.bulwark.events.settings;

import java.util.List;

/**
 * The global on/off switch of each protection module on every gateway node. A module switched off
 * is not run whatever a rule says: its verdict is NOT_SCANNED with the reason "switched off by an
 * administrator", so the switch shows in every message's report. All on by default.
 *
 * @param antivirus            anti-virus (the EICAR check, the built-in engine, clamd)
 * @param antispam             anti-spam (rules, Bayes, DNS lists)
 * @param antiphishing         anti-phishing (links, lookalikes, impersonation)
 * @param senderAuthentication sender authentication (SPF, DKIM, DMARC, ARC)
 * @param contentFiltering     content filtering (attachment and content rules)
 */
public record ModuleSwitches(boolean antivirus, boolean antispam, boolean antiphishing, boolean senderAuthentication,
        boolean contentFiltering) {

    /** Every module on: a new installation. */
    public static ModuleSwitches allOn() {
        return new ModuleSwitches(true, true, true, true, true);
    }

    /** Nothing can be wrong with five booleans; present so every area answers the same question. */
    public List<String> problems() {
        return List.of();
    }
}
