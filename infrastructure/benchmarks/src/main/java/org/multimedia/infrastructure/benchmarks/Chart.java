package org.multimedia.infrastructure.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The report's PNG: per function, JVM launch to first response (init and first request stacked),
 * beside the bare JVM and the plain handler, plus the first request after priming. Drawn with
 * java.awt, headless: nothing to install.
 */
final class Chart {

    private static final Color INIT = new Color(0x4C78A8);
    private static final Color FIRST = new Color(0x9ECAE9);
    private static final Color PRIMED = new Color(0xF58518);
    private static final Color BASE = new Color(0x54A24B);

    private Chart() {
    }

    static boolean write(Map<String, Object> report, Path png) {
        System.setProperty("java.awt.headless", "true");
        Map<String, Object> cold = Report.map(report.get("coldStart"));
        Map<String, Object> summary = Report.map(cold.get("summary"));
        Map<String, Object> subjects = Report.map(cold.get("subjects"));
        record Bar(String name, double init, double first, double primedFirst, boolean reference) {
        }
        List<Bar> bars = new ArrayList<>();
        subjects.forEach((name, d) -> {
            Map<String, Object> dm = Report.map(d);
            if ("snapstart".equals(dm.get("mode"))) {
                return;
            }
            double init = Report.median(summary, name, "initFromLaunchMs");
            double first = Report.median(summary, name, "firstRequestMs");
            double primed = Report.median(summary, name + " (snapstart)", "firstRequestMs");
            if (!Double.isNaN(init)) {
                bars.add(new Bar(name.replaceFirst("Function$", ""), init, Double.isNaN(first) ? 0 : first, primed,
                        name.equals(ColdStarts.BASELINE) || name.equals(ColdStarts.PLAIN)));
            }
        });
        if (bars.isEmpty()) {
            return false;
        }
        double max = bars.stream().mapToDouble(b -> b.init() + b.first()).max().orElse(1);
        double scaleMax = Math.ceil(max / 250) * 250;
        int rowH = 22;
        int left = 250;
        int width = 1100;
        int plot = width - left - 40;
        int top = 70;
        int height = top + bars.size() * rowH + 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Cold start per function: JVM launch to first response (medians, ms), same run", 20, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int lx = 20;
        for (Object[] legend : new Object[][]{{INIT, "init (launch to handler built)"}, {FIRST, "first request"},
                {PRIMED, "first request after priming (SnapStart proxy)"}, {BASE, "baselines: bare JVM, plain handler"}}) {
            g.setColor((Color) legend[0]);
            g.fillRect(lx, 36, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString((String) legend[1], lx + 18, 47);
            lx += 18 + g.getFontMetrics().stringWidth((String) legend[1]) + 24;
        }
        // grid
        g.setColor(new Color(0xDDDDDD));
        g.setStroke(new BasicStroke(1));
        int ticks = (int) (scaleMax / 250);
        for (int t = 0; t <= ticks; t++) {
            int x = left + (int) (plot * t * 250 / scaleMax);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x, top - 4, x, top + bars.size() * rowH);
            g.setColor(Color.DARK_GRAY);
            String label = Integer.toString(t * 250);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, top + bars.size() * rowH + 16);
        }
        g.drawString("ms", left + plot / 2, top + bars.size() * rowH + 34);
        int y = top;
        for (Bar bar : bars) {
            g.setColor(Color.BLACK);
            g.drawString(bar.name(), left - 8 - g.getFontMetrics().stringWidth(bar.name()), y + 14);
            int wInit = (int) (plot * bar.init() / scaleMax);
            int wFirst = (int) (plot * bar.first() / scaleMax);
            g.setColor(bar.reference() ? BASE : INIT);
            g.fillRect(left, y + 3, wInit, 14);
            g.setColor(bar.reference() ? BASE.brighter() : FIRST);
            g.fillRect(left + wInit, y + 3, wFirst, 14);
            if (!Double.isNaN(bar.primedFirst())) {
                g.setColor(PRIMED);
                g.fillRect(left + wInit, y + 15, Math.max(2, (int) (plot * bar.primedFirst() / scaleMax)), 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", bar.init() + bar.first()), left + wInit + wFirst + 6, y + 14);
            y += rowH;
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
            return true;
        } catch (IOException e) {
            System.err.println("Chart not written: " + e.getMessage());
            return false;
        }
    }
}
