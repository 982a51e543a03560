package io.bulwark.admin.report;

import io.bulwark.events.report.ReportView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A report as PDF (PDFBox): the general information (volume, detects, actions, deliveries, SMTP
 * refusals, nodes) as tables, the charts of {@link ReportCharts} as images, and the top lists as
 * tables. A4, Helvetica (one of the standard 14 fonts, so nothing is embedded; text outside Latin-1
 * is shown as '?'). Stateless and thread-safe.
 */
public final class ReportPdf {
    /** Chart size in PDF points on the page; rendered at twice that for print. */
    static final int CHART_WIDTH = 500;
    static final int CHART_HEIGHT = 260;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final float MARGIN = 50;

    private ReportPdf() {
    }

    /** The PDF's bytes. */
    public static byte[] render(ReportView report, ReportData data) {
        try (PDDocument doc = new PDDocument()) {
            Writer w = new Writer(doc);
            w.heading("Bulwark report " + report.id(), 18);
            w.line("Type: " + report.type() + "    Period: " + TIME.format(data.from()) + " - " + TIME.format(data.to())
                    + " UTC", 10);
            w.line("Created " + (report.createdAt() == null ? "" : TIME.format(report.createdAt()) + " UTC")
                    + " by " + report.createdBy(), 10);
            w.gap(8);
            w.heading("General information", 13);
            w.table(List.of(
                    row("Messages scanned", data.messages()),
                    row("Volume (bytes)", data.bytes()),
                    row("Recipients", data.recipients()),
                    row("Detected (some module found something)", data.detected()),
                    row("Not detected", data.notDetected()),
                    row("Recipients delivered", data.delivered()),
                    row("Recipients bounced", data.bounced())));
            w.heading("Actions", 13);
            w.table(rows(data.actions()));
            if (!data.smtpRejected().isEmpty()) {
                w.heading("Refused during the SMTP dialogue", 13);
                w.table(rows(data.smtpRejected()));
            }
            w.heading("Nodes", 13);
            List<String[]> nodes = new ArrayList<>();
            data.nodes().forEach(n -> nodes.add(new String[] {n.node(), n.messages() + " messages", n.bytes() + " bytes"}));
            w.table(nodes);
            w.chart("statuses", data);
            w.heading("Object types per module status", 13);
            data.statuses().forEach((module, counts) -> {
                w.line(module, 10);
                w.table(rows(counts));
            });
            w.chart("hourly", data);
            w.chart("actions", data);
            for (String list : ReportCountersProjection.TOP_LISTS) {
                w.heading("Top " + list, 13);
                Map<String, Long> top = data.tops().getOrDefault(list, Map.of());
                if (top.isEmpty()) {
                    w.line("none", 10);
                } else {
                    w.table(rows(top));
                    w.chart(list, data);
                }
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] row(String label, long n) {
        return new String[] {label, Long.toString(n)};
    }

    private static List<String[]> rows(Map<String, Long> counts) {
        List<String[]> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(row(k, n)));
        return rows;
    }

    /** Lays text, tables and images out top to bottom, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void heading(String text, float size) {
            text(text, size, bold, MARGIN, size + 8);
        }

        void line(String text, float size) {
            text(text, size, regular, MARGIN, size + 4);
        }

        void gap(float height) {
            y -= height;
        }

        void table(List<String[]> rows) {
            for (String[] row : rows) {
                try {
                    room(14);
                    float x = MARGIN + 10;
                    for (int i = 0; i < row.length; i++) {
                        write(row[i], 10, regular, x, y - 10);
                        x += i == 0 ? 280 : 110;
                    }
                    y -= 14;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            y -= 6;
        }

        void chart(String name, ReportData data) {
            try {
                room(CHART_HEIGHT + 10);
                PDImageXObject image = LosslessFactory.createFromImage(doc,
                        ReportCharts.image(name, data, CHART_WIDTH * 2, CHART_HEIGHT * 2));
                stream.drawImage(image, MARGIN, y - CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
                y -= CHART_HEIGHT + 10;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void text(String text, float size, PDType1Font font, float x, float height) {
            try {
                room(height);
                write(text, size, font, x, y - size);
                y -= height;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(String text, float size, PDType1Font font, float x, float baseline) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(latin1(text));
            stream.endText();
        }

        void close() throws IOException {
            stream.close();
        }

        private static String latin1(String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(c -> b.append(c >= 0x20 && c <= 0x7e || c >= 0xa0 && c <= 0xff ? (char) c : '?'));
            return b.toString();
        }
    }
}
