package io.bulwark.admin.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code bulwark.reports.*}: the scheduler and how reports are mailed.
 *
 * @param schedulerEnabled whether this node creates due scheduled reports (on by default; several
 *                         admin nodes do not duplicate them)
 * @param mail             the SMTP submission the PDFs are sent through
 */
@ConfigurationProperties("bulwark.reports")
public record ReportProperties(@DefaultValue("true") boolean schedulerEnabled, @DefaultValue Mail mail) {

    /**
     * @param host SMTP host; by default the appliance's own listener on loopback, so reports pass the
     *             gateway's rules, DKIM signing and queue like any mail (ADR 0027)
     * @param port SMTP port; 0 = the node's {@code bulwark.smtp.port}
     * @param from envelope sender and From of report mail
     */
    public record Mail(@DefaultValue("127.0.0.1") String host, @DefaultValue("0") int port,
            @DefaultValue("bulwark-reports@localhost") String from) {
    }
}
