package org.rmichat.bench;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latency by percentile, one line per run, as a standalone SVG: x is the percentile on the usual
 * log scale of 1/(1 - p) (0, 90, 99, 99.9, ...), y is latency in milliseconds, also on a log scale so a
 * 1 ms run and a 300 ms run fit one plot. Reads the JSON that {@link Report#json} writes.
 */
final class LatencyPlot {
    /** One curve: its legend and its histogram. */
    record Series(String label, Histogram latency) {
    }

    private static final Pattern LABEL = Pattern.compile("\"label\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern HISTOGRAM = Pattern.compile("\"latencyHistogram\"\\s*:\\s*\"([A-Za-z0-9+/=]*)\"");
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final double MAX_X = 5;       // 99.999th percentile
    private static final double MIN_Y = -2;      // 0.01 ms
    private static final double MAX_Y = 4;       // 10 s

    private LatencyPlot() {
    }

    static Series parse(String json) throws DataFormatException {
        Matcher label = LABEL.matcher(json);
        Matcher histogram = HISTOGRAM.matcher(json);
        if (!label.find() || !histogram.find()) throw new DataFormatException("not a chat-bench result");
        byte[] bytes = Base64.getDecoder().decode(histogram.group(1));
        return new Series(label.group(1).replace("\\\"", "\"").replace("\\\\", "\\"),
                Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
    }

    static String svg(String title, List<Series> series) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= MAX_X; i++) {
            double x = px(i);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP, x, HEIGHT - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, HEIGHT - BOTTOM + 18, xLabels[i]));
        }
        String[] yLabels = {"0.01", "0.1", "1", "10", "100", "1000", "10000"};
        for (int i = (int) MIN_Y; i <= MAX_Y; i++) {
            double y = py(i);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, yLabels[i - (int) MIN_Y]));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 18));
        s.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">latency (ms, send to receive)</text>%n",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2));
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                    .append(points(series.get(i).latency())).append("\"/>\n");
            int ly = TOP + 14 + 18 * i;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", LEFT + 12, ly - 4, LEFT + 36, ly - 4, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 42, ly,
                    escape(series.get(i).label())));
        }
        return s.append("</svg>\n").toString();
    }

    private static String points(Histogram h) {
        StringBuilder p = new StringBuilder();
        if (h.getTotalCount() == 0) return "";
        for (HistogramIterationValue v : h.percentiles(5)) {
            double percentile = v.getPercentileLevelIteratedTo();
            double x = percentile >= 100 ? MAX_X : Math.min(MAX_X, Math.log10(100 / (100 - percentile)));
            double ms = Math.max(Math.pow(10, MIN_Y), h.highestEquivalentValue(v.getValueIteratedTo()) / 1e6);
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(x), py(Math.log10(ms))));
            if (x >= MAX_X) break;
        }
        return p.toString().trim();
    }

    private static double px(double decades) {
        return LEFT + decades / MAX_X * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double log10Millis) {
        double clamped = Math.max(MIN_Y, Math.min(MAX_Y, log10Millis));
        return HEIGHT - BOTTOM - (clamped - MIN_Y) / (MAX_Y - MIN_Y) * (HEIGHT - TOP - BOTTOM);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
