package vn.luot.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.printer.escpos.BundledFonts;

/**
 * The report's charts, drawn by JFreeChart into PNG files with the bundled DejaVu fonts (every
 * Vietnamese glyph, whatever fonts the machine has). Each chart is themed on its own: no global theme.
 */
final class DayCharts {

    static final int WIDTH = 1000;
    static final int HEIGHT = 420;

    /** One colour per field, the same in every chart; chosen to stay apart for colour-blind readers. */
    private static final List<Color> FIELD_COLOURS = List.of(new Color(0x1F4E79), new Color(0xE69F00),
            new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0x7F7F7F),
            new Color(0xF0E442));
    private static final Map<Rating, Color> RATING_COLOURS = Map.of(Rating.VERY_SATISFIED, new Color(0x1A9850),
            Rating.SATISFIED, new Color(0x91CF60), Rating.NEUTRAL, new Color(0xFEE08B),
            Rating.DISSATISFIED, new Color(0xD73027));

    private final StandardChartTheme theme;

    DayCharts(BundledFonts fonts) {
        theme = new StandardChartTheme("luot");
        theme.setExtraLargeFont(fonts.bold(20));
        theme.setLargeFont(fonts.bold(15));
        theme.setRegularFont(fonts.regular(13));
        theme.setSmallFont(fonts.regular(11));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
    }

    Path ticketsPerHour(DayFigures f, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int first = f.ticketsPerHour().values().stream().flatMap(m -> m.keySet().stream()).min(Integer::compare).orElse(8);
        int last = f.ticketsPerHour().values().stream().flatMap(m -> m.keySet().stream()).max(Integer::compare).orElse(16);
        for (ServiceField field : f.fields()) {
            for (int hour = first; hour <= last; hour++) {
                data.addValue(f.ticketsPerHour().get(field.code()).getOrDefault(hour, 0), field.code() + " " + field.nameVi(),
                        String.format("%02d:00", hour));
            }
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, "Giờ / hour", "Số lượt / tickets", data,
                PlotOrientation.VERTICAL, true, false, false);
        return save(fieldColoured(chart), file);
    }

    Path waitsByField(DayFigures f, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ServiceField field : f.fields()) {
            DayFigures.Stats s = f.waitsByField().get(field.code());
            data.addValue(s.median(), "Trung vị / median", field.code());
            data.addValue(s.p90(), "90% chờ không quá / p90", field.code());
        }
        JFreeChart chart = ChartFactory.createBarChart(null, "Lĩnh vực / field", "Phút chờ / minutes waited", data,
                PlotOrientation.VERTICAL, true, false, false);
        theme.apply(chart);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setSeriesPaint(0, new Color(0x1F4E79));
        r.setSeriesPaint(1, new Color(0x9DC3E6));
        return save(chart, file);
    }

    Path serviceByCounter(DayFigures f, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        f.byCounter().forEach((counter, c) -> {
            data.addValue(c.service().median(), "Trung vị / median", "Quầy " + counter);
            data.addValue(c.service().p90(), "p90", "Quầy " + counter);
        });
        JFreeChart chart = ChartFactory.createBarChart(null, "Quầy / counter", "Phút phục vụ / minutes of service", data,
                PlotOrientation.VERTICAL, true, false, false);
        theme.apply(chart);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setSeriesPaint(0, new Color(0x009E73));
        r.setSeriesPaint(1, new Color(0x9FD8C6));
        return save(chart, file);
    }

    Path outcomes(DayFigures f, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ServiceField field : f.fields()) {
            DayFigures.Outcomes o = f.outcomesByField().get(field.code());
            data.addValue(o.served(), "Đã phục vụ / served", field.code());
            data.addValue(o.calledNoShow(), "Gọi không có mặt / called, absent", field.code());
            data.addValue(o.missedCheckIn(), "Không đến / never came", field.code());
            data.addValue(o.forfeited(), "Bỏ lượt / forfeited", field.code());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(null, "Lĩnh vực / field", "Số lượt / tickets", data,
                PlotOrientation.VERTICAL, true, false, false);
        theme.apply(chart);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setSeriesPaint(0, new Color(0x1F4E79));
        r.setSeriesPaint(1, new Color(0xE69F00));
        r.setSeriesPaint(2, new Color(0xBBBBBB));
        r.setSeriesPaint(3, new Color(0xD55E00));
        return save(chart, file);
    }

    Path ratings(DayFigures f, Path file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        f.byCounter().forEach((counter, c) -> {
            for (Rating rating : Rating.values()) {
                data.addValue(c.ratings().get(rating), rating.nameVi() + " / " + rating.nameEn(), "Quầy " + counter);
            }
        });
        JFreeChart chart = ChartFactory.createStackedBarChart(null, "Quầy / counter", "Lượt đánh giá / ratings", data,
                PlotOrientation.HORIZONTAL, true, false, false);
        theme.apply(chart);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        Rating[] order = Rating.values();
        for (int i = 0; i < order.length; i++) {
            r.setSeriesPaint(i, RATING_COLOURS.get(order[i]));
        }
        return save(chart, file);
    }

    private JFreeChart fieldColoured(JFreeChart chart) {
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        for (int i = 0; i < FIELD_COLOURS.size(); i++) {
            r.setSeriesPaint(i, FIELD_COLOURS.get(i));
            r.setSeriesOutlineStroke(i, new BasicStroke(0));
        }
        return chart;
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getLegend().setItemFont(chart.getLegend().getItemFont().deriveFont(Font.PLAIN, 12f));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
