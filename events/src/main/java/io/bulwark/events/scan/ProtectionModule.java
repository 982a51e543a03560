package io.bulwark.events.scan;

import java.util.EnumSet;
import java.util.Set;

/**
 * The protection modules a rule can switch on, each with its own closed set of statuses. Named as
 * administrators know them from commercial gateways (reference notes A.1-A.7).
 */
public enum ProtectionModule {
    /** SPF, DKIM and DMARC checks of the sender (RFC 7208, 6376, 7489). */
    SENDER_AUTHENTICATION("X-Bulwark-SenderAuth"),
    /** Malware in the message or its attachments, archives included. */
    ANTI_VIRUS("X-Bulwark-AntiVirus"),
    /** Unsolicited bulk mail, DNSBL listings and mass mailings. */
    ANTI_SPAM("X-Bulwark-AntiSpam"),
    /** Phishing content and links to malicious sites. */
    ANTI_PHISHING("X-Bulwark-AntiPhishing"),
    /** Forbidden message size, attachment names and attachment types. */
    CONTENT_FILTERING("X-Bulwark-ContentFilter"),
    /** Detonation in an external sandbox (ICAP or vendor API). */
    EXTERNAL_SANDBOX("X-Bulwark-Sandbox");

    private final String headerName;

    ProtectionModule(String headerName) {
        this.headerName = headerName;
    }

    /** The X-header that carries this module's status on delivered mail (reference A.10). */
    public String headerName() {
        return headerName;
    }

    /** The statuses a verdict of this module may have, in declaration order of {@link ScanStatus}. */
    public Set<ScanStatus> statuses() {
        EnumSet<ScanStatus> result = EnumSet.noneOf(ScanStatus.class);
        for (ScanStatus s : ScanStatus.values()) {
            if (s.appliesTo(this)) {
                result.add(s);
            }
        }
        return result;
    }
}
