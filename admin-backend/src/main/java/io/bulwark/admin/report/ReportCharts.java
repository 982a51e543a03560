package io.bulwark.admin.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Hour;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The report's charts, rendered on the server with JFreeChart (the console shows them as PNG
 * images, Vaadin Charts being a paid component; the PDF embeds the same images): messages per
 * module status (stacked bars), per final action, hourly traffic (a line) and the top lists
 * (horizontal bars). Stateless and thread-safe (each call builds its own chart).
 */
public final class ReportCharts {
    /** The chart names of the PNG endpoint. */
    public static final List<String> NAMES =
            List.of("statuses", "actions", "hourly", "senders", "recipients", "domains", "threats");

    private ReportCharts() {
    }

    /** The named chart as an image of the given size. */
    public static BufferedImage image(String name, ReportData data, int width, int height) {
        return chart(name, data).createBufferedImage(width, height);
    }

    /** The named chart as PNG bytes. */
    public static byte[] png(String name, ReportData data, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(name, data, width, height), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart chart(String name, ReportData data) {
        JFreeChart chart = switch (name) {
            case "statuses" -> statuses(data);
            case "actions" -> actions(data);
            case "hourly" -> hourly(data);
            case "senders", "recipients", "domains", "threats" -> top(name, data.tops().getOrDefault(name, Map.of()));
            default -> throw new IllegalArgumentException("No chart " + name + "; charts: " + NAMES);
        };
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    private static JFreeChart statuses(ReportData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        data.statuses().forEach((module, counts) -> counts.forEach((status, n) -> dataset.addValue(n, status, module)));
        return ChartFactory.createStackedBarChart("Messages per module status", "Module", "Messages", dataset,
                PlotOrientation.HORIZONTAL, true, false, false);
    }

    private static JFreeChart actions(ReportData data) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        data.actions().forEach((action, n) -> dataset.addValue(n, "Messages", action));
        JFreeChart chart = ChartFactory.createBarChart("Messages per final action", "Action", "Messages", dataset,
                PlotOrientation.VERTICAL, false, false, false);
        return chart;
    }

    private static JFreeChart hourly(ReportData data) {
        TimeSeries series = new TimeSeries("Messages");
        data.hourly().forEach(h -> series.addOrUpdate(
                new Hour(java.util.Date.from(h.hour()), java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT),
                h.messages()));
        return ChartFactory.createTimeSeriesChart("Traffic per hour (UTC)", "Hour", "Messages",
                new TimeSeriesCollection(series), false, false, false);
    }

    private static JFreeChart top(String name, Map<String, Long> counts) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        counts.forEach((key, n) -> dataset.addValue(n, "Messages", key));
        return ChartFactory.createBarChart("Top " + name, "", "Messages", dataset, PlotOrientation.HORIZONTAL, false,
                false, false);
    }
}
