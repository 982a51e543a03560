package io.bulwark.admin.report;

import io.bulwark.events.report.RecordReportFailureCommand;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportIds;
import io.bulwark.events.report.ReportView;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails each created report that has recipients: a MIME message (a short text and the PDF attached)
 * submitted over SMTP to {@code bulwark.reports.mail.host:port}, by default the appliance's own
 * listener on loopback, so report mail goes through the gateway itself: rules, DKIM signing, queue,
 * retries and message tracking (ADR 0027). A failure is recorded as {@code ReportFailedEvent}; the
 * report itself stays viewable.
 *
 * <p>Tracking processor {@value #PROCESSING_GROUP}, token shared by the admin nodes (one node mails),
 * starting at the head of the stream (a new installation does not mail its history). Stateless
 * apart from its collaborators; called on the processor's thread.
 */
@ProcessingGroup(ReportMailer.PROCESSING_GROUP)
public class ReportMailer {
    /** Processing group and processor name. */
    public static final String PROCESSING_GROUP = "report-mailer";

    private static final Logger LOG = LoggerFactory.getLogger(ReportMailer.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final ReportCounters counters;
    private final CommandGateway commands;
    private final String host;
    private final java.util.function.IntSupplier port;
    private final String from;

    public ReportMailer(ReportCounters counters, CommandGateway commands, String host, int port, String from) {
        this(counters, commands, host, () -> port, from);
    }

    /** As above, with the port looked up at each sending (this node's listener may bind port 0). */
    public ReportMailer(ReportCounters counters, CommandGateway commands, String host,
            java.util.function.IntSupplier port, String from) {
        this.counters = counters;
        this.commands = commands;
        this.host = host;
        this.port = port;
        this.from = from;
    }

    @EventHandler
    void on(ReportCreatedEvent event) {
        if (event.recipients().isEmpty()) {
            return;
        }
        ReportView report = new ReportView(event.reportId(), event.type(), event.from(), event.to(), event.fileName(),
                event.recipients(), "CREATED", null, event.actor(), event.at());
        try {
            mail(report, counters.read(event.from(), event.to()), event.recipients());
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("Mailing report {} failed", event.reportId(), e);
            commands.send(new RecordReportFailureCommand(event.reportId(), event.type(), event.from(), event.to(),
                    "Mailing the report to " + event.recipients() + " failed: " + e.getMessage(),
                    ReportIds.SYSTEM_ACTOR));
        }
    }

    /** Sends the report's PDF to the recipients in one SMTP transaction. */
    public void mail(ReportView report, ReportData data, List<String> recipients) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port.getAsInt()));
        props.put("mail.smtp.connectiontimeout", "30000");
        props.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String r : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
        }
        message.setSubject("Bulwark report " + report.id() + " (" + DAY.format(report.from()) + " - "
                + DAY.format(report.to()) + " UTC)", "UTF-8");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Bulwark " + report.type().name().toLowerCase() + " report for " + DAY.format(report.from())
                + " - " + DAY.format(report.to()) + " UTC.\n\nMessages scanned: " + data.messages() + "\nDetected: "
                + data.detected() + "\nVolume: " + data.bytes() + " bytes\n\nThe full report is attached as PDF.\n",
                "UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(ReportPdf.render(report, data), "application/pdf")));
        pdf.setFileName(report.fileName());
        pdf.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart multipart = new MimeMultipart("mixed");
        multipart.addBodyPart(text);
        multipart.addBodyPart(pdf);
        message.setContent(multipart);
        message.saveChanges();
        Transport.send(message);
    }
}
