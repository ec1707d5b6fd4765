package dev.gavel.loadgen.report;

import dev.gavel.loadgen.metrics.Percentiles;
import dev.gavel.loadgen.report.Results.Document;
import dev.gavel.loadgen.report.Results.Figure;
import dev.gavel.loadgen.report.Results.Latency;
import dev.gavel.loadgen.report.Results.Scenario;
import dev.gavel.loadgen.report.Results.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The charts of a run, drawn with XChart from the results alone, so they can be redrawn from results.json. */
public final class Charts {

    public static final String LATENCY = "latency-percentiles.png";
    public static final String BIDS_THROUGHPUT = "bids-throughput.png";
    public static final String BIDS_LATENCY = "bids-latency.png";
    public static final String PROCESSOR = "processor-throughput.png";

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private Charts() {}

    /** Writes every chart there is data for into {@code directory}; returns their file names. */
    public static List<String> write(Document results, Path directory) throws IOException {
        List<String> written = new ArrayList<>();
        XYChart latency = latencyPercentiles(results);
        if (latency != null) {
            save(latency, directory, LATENCY, written);
        }
        Scenario bids = results.scenario("bids");
        if (bids != null && bids.ok() && !bids.steps().isEmpty()) {
            save(bidsThroughput(bids), directory, BIDS_THROUGHPUT, written);
            save(bidsLatency(bids), directory, BIDS_LATENCY, written);
        }
        Scenario processor = results.scenario("processor");
        if (processor != null && processor.ok()) {
            CategoryChart chart = processorThroughput(processor);
            if (chart != null) {
                BitmapEncoder.saveBitmap(chart, directory.resolve(PROCESSOR).toString(), BitmapFormat.PNG);
                written.add(PROCESSOR);
            }
        }
        return written;
    }

    /** Latency by percentile, the HdrHistogram way: the x axis spreads the tail (90%, 99%, 99.9%, ...). */
    static XYChart latencyPercentiles(Document results) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Latency by percentile (coordinated omission corrected)")
                .xAxisTitle("Percentile")
                .yAxisTitle("Latency (ms)")
                .build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        // x is the number of nines: 0 is the median's neighbourhood, 1 is 90%, 2 is 99%, 3 is 99.9% ...
        chart.setCustomXAxisTickLabelsFormatter(Charts::percentileLabel);
        int series = 0;
        for (Scenario scenario : results.scenarios()) {
            if (!scenario.ok()) {
                continue;
            }
            for (Latency latency : scenario.latencies()) {
                List<Percentiles.Point> curve = latency.percentiles().curve().stream()
                        .filter(p -> p.percentile() < 100)
                        .toList();
                if (curve.size() < 2) {
                    continue;
                }
                double[] x =
                        curve.stream().mapToDouble(p -> nines(p.percentile())).toArray();
                double[] y = curve.stream()
                        .mapToDouble(p -> Math.max(p.value(), 0.01))
                        .toArray();
                XYSeries line = chart.addSeries(scenario.name() + ": " + latency.label(), x, y);
                line.setMarker(SeriesMarkers.CIRCLE);
                series++;
            }
        }
        return series == 0 ? null : chart;
    }

    /** log10(1 / (1 - p)): 90% is 1, 99% is 2, 99.9% is 3. */
    static double nines(double percentile) {
        return Math.log10(100 / (100 - percentile));
    }

    /** Labels whole numbers of nines only; XChart's other ticks stay blank. */
    static String percentileLabel(double nines) {
        if (Math.abs(nines - Math.rint(nines)) > 1e-6) {
            return "";
        }
        double percentile = 100 * (1 - Math.pow(10, -Math.rint(nines)));
        return String.format(Locale.ROOT, "%s%%", trim(percentile));
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    static XYChart bidsThroughput(Scenario bids) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Bids through the gateway: throughput vs offered load")
                .xAxisTitle("Offered load (bids/s)")
                .yAxisTitle("Bids/s")
                .build();
        style(chart);
        List<Step> open = openLoop(bids);
        double[] offered = open.stream().mapToDouble(Step::offeredPerSecond).toArray();
        chart.addSeries("offered", offered, offered).setMarker(SeriesMarkers.NONE);
        chart.addSeries(
                        "decided (accepted + rejected)",
                        offered,
                        open.stream().mapToDouble(Step::decidedPerSecond).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries(
                        "accepted",
                        offered,
                        open.stream().mapToDouble(Step::acceptedPerSecond).toArray())
                .setMarker(SeriesMarkers.DIAMOND);
        return chart;
    }

    static XYChart bidsLatency(Scenario bids) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Bid round trip vs offered load (from intended send time)")
                .xAxisTitle("Offered load (bids/s)")
                .yAxisTitle("Round trip (ms)")
                .build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        List<Step> open = openLoop(bids);
        double[] offered = open.stream().mapToDouble(Step::offeredPerSecond).toArray();
        chart.addSeries(
                "p50",
                offered,
                open.stream().mapToDouble(s -> floor(s.latency().p50())).toArray());
        chart.addSeries(
                "p99",
                offered,
                open.stream().mapToDouble(s -> floor(s.latency().p99())).toArray());
        chart.addSeries(
                "p99.9",
                offered,
                open.stream().mapToDouble(s -> floor(s.latency().p999())).toArray());
        chart.addSeries(
                "max",
                offered,
                open.stream().mapToDouble(s -> floor(s.latency().max())).toArray());
        return chart;
    }

    private static List<Step> openLoop(Scenario bids) {
        return bids.steps().stream().filter(s -> s.offeredPerSecond() > 0).toList();
    }

    static CategoryChart processorThroughput(Scenario processor) {
        List<String> names = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        // Short names: the figures' own labels are too long to sit side by side under the bars.
        Map<String, String> bars = new LinkedHashMap<>();
        bars.put("raw_produce_records_per_second", "Raw Kafka produce");
        bars.put("raw_consume_records_per_second", "Raw Kafka consume");
        bars.put("minimal_commands_per_second", "Minimal Streams processor");
        bars.put("processor_commands_per_second", "Gavel processor");
        bars.forEach((key, name) -> {
            Figure figure = processor.figure(key);
            if (figure != null) {
                names.add(name);
                values.add(figure.value());
            }
        });
        if (names.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Processor vs raw Kafka, same records, same run")
                .yAxisTitle("Records/s")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.addSeries("records/s", names, values);
        return chart;
    }

    private static double floor(double millis) {
        return Math.max(millis, 0.01);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(6);
    }

    private static void save(XYChart chart, Path directory, String name, List<String> written) throws IOException {
        BitmapEncoder.saveBitmap(chart, directory.resolve(name).toString(), BitmapFormat.PNG);
        written.add(name);
    }
}
