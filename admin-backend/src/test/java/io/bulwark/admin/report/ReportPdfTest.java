package io.bulwark.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.admin.support.ProjectionReplay;
import io.bulwark.events.report.ReportType;
import io.bulwark.events.report.ReportView;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report PDF of a day of traffic, checked as a reader sees it: its pages rendered to images
 * (PDFBox) show coloured chart areas, not blank ones, and its text holds the day's numbers.
 */
class ReportPdfTest {
    private static ProjectionReplay replay;
    private static ReportData data;
    private static ReportView report;

    @BeforeAll
    static void countADay() {
        replay = new ProjectionReplay("report-pdf", db -> Map.of(ReportCountersProjection.PROCESSING_GROUP,
                new ReportCountersProjection(db)));
        ReportTraffic.day().forEach(e -> replay.axon().eventStore().publish(GenericEventMessage.asEventMessage(e)));
        replay.awaitCaughtUp(ReportCountersProjection.PROCESSING_GROUP);
        data = new ReportCounters(replay.database()).read(ReportTraffic.DAY, ReportTraffic.DAY.plusSeconds(86400));
        report = new ReportView("daily-2026-12-04", ReportType.DAILY, data.from(), data.to(),
                "bulwark-report-daily-2026-12-04.pdf", List.of(), "CREATED", null, "system",
                ReportTraffic.DAY.plusSeconds(86400 + 6 * 3600));
    }

    @AfterAll
    static void close() {
        replay.close();
    }

    /** Pixels whose colour is not a grey (text and axes are grey; chart bars and lines are coloured). */
    private static int colouredPixels(BufferedImage image, Set<Integer> colours) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                    colours.add(rgb & 0xffffff);
                }
            }
        }
        return n;
    }

    @Test
    void everyChartAreaOfThePdfIsDrawnNotBlank() throws Exception {
        byte[] pdf = ReportPdf.render(report, data);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            int charts = 0;
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                PDPage page = doc.getPage(i);
                int images = 0;
                for (var name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
                if (images == 0) {
                    continue;
                }
                charts += images;
                Set<Integer> colours = new HashSet<>();
                int coloured = colouredPixels(renderer.renderImageWithDPI(i, 72), colours);
                assertThat(coloured).as("coloured pixels on page %d with %d charts", i + 1, images)
                        .isGreaterThan(500 * images);
                assertThat(colours).as("colours on page %d", i + 1).hasSizeGreaterThan(1);
            }
            // statuses, hourly, actions and the four top lists
            assertThat(charts).isEqualTo(7);
        }
    }

    @Test
    void theTextHoldsTheDaysNumbersAndTopLists() throws Exception {
        try (PDDocument doc = Loader.loadPDF(ReportPdf.render(report, data))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Bulwark report daily-2026-12-04")
                    .contains("2026-12-04 00:00 - 2026-12-05 00:00 UTC")
                    .containsPattern("Messages scanned\\s+10")
                    .containsPattern("Volume \\(bytes\\)\\s+23700")
                    .containsPattern("Detected \\(some module found something\\)\\s+4")
                    .containsPattern("DELETE_ATTACHMENT\\s+3")
                    .containsPattern("RCPT\\s+2")
                    .containsPattern("node-a\\s+7 messages\\s+19000 bytes")
                    .containsPattern("INFECTED\\s+3")
                    .containsPattern("alice@a.example\\s+4")
                    .containsPattern("EICAR_TEST_FILE\\s+3");
        }
    }

    @Test
    void aChartIsAPngWithDrawnBars() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ReportCharts.png("senders", data, 600, 300)));
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(colouredPixels(image, new HashSet<>())).isGreaterThan(1000);
    }
}
