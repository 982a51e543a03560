package io.bulwark.admin.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.report.ReportCreatedEvent;
import io.bulwark.events.report.ReportIds;
import io.bulwark.events.report.ReportType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import io.bulwark.events.report.RecordReportFailureCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A report for "yesterday" is mailed over real SMTP to a loopback sink (standing in for the
 * gateway's listener): one message to every recipient, with the PDF attached, whose text has the
 * day's numbers. A sink that refuses makes the mailer record the failure.
 */
class ReportMailerTest {
    private record Received(String from, List<String> to, byte[] data) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Object> commands = new CopyOnWriteArrayList<>();
    private ProjectionReplay replay;
    private SMTPServer sink;
    private ReportCounters counters;

    @BeforeEach
    void setUp() {
        replay = new ProjectionReplay("report-mail", db -> Map.of(ReportCountersProjection.PROCESSING_GROUP,
                new ReportCountersProjection(db)));
        ReportTraffic.day().forEach(e -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(e)));
        replay.awaitCaughtUp(ReportCountersProjection.PROCESSING_GROUP);
        counters = new ReportCounters(replay.database());
        sink = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("sink.test")
                .messageHandlerFactory(context -> new MessageHandler() {
                    private String from;
                    private final List<String> to = new ArrayList<>();

                    @Override
                    public void from(String sender) {
                        from = sender;
                    }

                    @Override
                    public void recipient(String recipient) throws RejectException {
                        if (recipient.startsWith("refuse")) {
                            throw new RejectException(550, "5.1.1 no such user");
                        }
                        to.add(recipient);
                    }

                    @Override
                    public String data(InputStream data) throws IOException {
                        received.add(new Received(from, List.copyOf(to), data.readAllBytes()));
                        return null;
                    }

                    @Override
                    public void done() {
                    }
                })
                .build();
        sink.start();
    }

    @AfterEach
    void tearDown() {
        sink.stop();
        replay.close();
    }

    private ReportMailer mailer() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordReportFailureCommand.class.getName(), message -> {
            commands.add(message.getPayload());
            return null;
        });
        CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        return new ReportMailer(counters, gateway, "127.0.0.1", sink.getPortAllocated(),
                "bulwark-reports@gw.example");
    }

    @Test
    void aReportForYesterdayArrivesWithThePdfAttached() throws Exception {
        Instant today = ReportTraffic.DAY.plusSeconds(86400);
        ReportPeriods.Period yesterday = ReportPeriods.yesterday(today.plusSeconds(6 * 3600));
        String id = ReportIds.scheduled(ReportType.DAILY, yesterday.from());
        mailer().on(new ReportCreatedEvent(id, ReportType.DAILY, yesterday.from(), yesterday.to(),
                ReportIds.fileName(id), List.of("boss@corp.example", "cto@corp.example"), "system", today));

        await().until(() -> !received.isEmpty());
        Received mail = received.getFirst();
        assertThat(mail.from()).isEqualTo("bulwark-reports@gw.example");
        assertThat(mail.to()).containsExactlyInAnyOrder("boss@corp.example", "cto@corp.example");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(mail.data()));
        assertThat(message.getSubject()).contains("daily-2026-12-04");
        Multipart parts = (Multipart) message.getContent();
        Part pdf = parts.getBodyPart(1);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("bulwark-report-daily-2026-12-04.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.getInputStream().readAllBytes())) {
            assertThat(new PDFTextStripper().getText(doc)).containsPattern("Messages scanned\\s+10");
        }
        assertThat(commands).isEmpty();
    }

    @Test
    void aRefusedRecipientIsRecordedAsAFailedReport() {
        mailer().on(new ReportCreatedEvent("custom-x", ReportType.CUSTOM, ReportTraffic.DAY,
                ReportTraffic.DAY.plusSeconds(86400), "x.pdf", List.of("refuse@corp.example"), "admin",
                ReportTraffic.DAY));
        assertThat(commands).singleElement().isInstanceOfSatisfying(
                RecordReportFailureCommand.class,
                c -> assertThat(c.reason()).contains("refuse@corp.example"));
        assertThat(received).isEmpty();
    }
}
