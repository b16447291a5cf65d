package vn.luot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.luot.printer.TicketSlip;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.layout.TicketLayout;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.status.StatusReader;
import vn.luot.printer.transport.PrinterLink;
import vn.luot.printer.transport.PrinterTransport;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * Ticket size, layout time and status round trip. Prints a table and writes
 * {@code target/bench/printer.json} relative to the working directory.
 * Usage: {@code luot bench printer [RUNS]} (default 2000, at least 1000).
 */
@Command(name = "printer",
        description = "Ticket sizes, render times, status round trip (target/bench/printer.json).")
public final class PrinterBench implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUNS", defaultValue = "2000",
            description = "timed runs of each measurement (at least 1000; default ${DEFAULT-VALUE})")
    int requestedRuns;

    private static final int WARM_UP = 500;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PrinterBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int runs = Math.max(1000, requestedRuns);
        BundledFonts fonts = BundledFonts.load();
        TicketSlip slip = sample();
        Map<String, TicketLayout> layouts = new LinkedHashMap<>();
        layouts.put("raster", new TicketLayout(PrinterProfiles.builtIn("generic-80mm"), fonts));
        layouts.put("tcvn3", new TicketLayout(PrinterProfiles.builtIn("epson-tm-t20"), fonts));
        layouts.put("cp1258", new TicketLayout(PrinterProfiles.builtIn("epson-tm-t20")
                .withVietnamese(vn.luot.printer.profile.VietnameseStrategy.CP1258), fonts));

        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> at9600 = new LinkedHashMap<>();
        Map<String, Object> at115200 = new LinkedHashMap<>();
        Map<String, double[]> renderMs = new LinkedHashMap<>();
        for (var e : layouts.entrySet()) {
            int bytes = e.getValue().render(slip).length;
            json.put("ticket_bytes_" + e.getKey() + "_80mm", bytes);
            at9600.put(e.getKey(), round(bytes * 10.0 / 9600, 3));
            at115200.put(e.getKey(), round(bytes * 10.0 / 115200, 4));
            renderMs.put(e.getKey(), time(() -> e.getValue().render(slip), runs));
        }
        json.put("render_p99_ms", round(percentile(renderMs.get("raster"), 99), 3));
        json.put("render_p50_ms", round(percentile(renderMs.get("raster"), 50), 3));
        json.put("render_native_p99_ms", round(percentile(renderMs.get("tcvn3"), 99), 3));
        json.put("render_cp1258_p99_ms", round(percentile(renderMs.get("cp1258"), 99), 3));
        json.put("seconds_at_9600_baud", at9600);
        json.put("seconds_at_115200_baud", at115200);
        double[] status = statusRoundTrips(fonts, runs);
        json.put("status_roundtrip_ms", round(percentile(status, 50), 3));
        json.put("status_roundtrip_p99_ms", round(percentile(status, 99), 3));
        json.put("runs", runs);
        json.put("machine", Map.of(
                "cores", Runtime.getRuntime().availableProcessors(),
                "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch")));

        printTable(json, renderMs, status);
        Path file = Path.of("target", "bench", "printer.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("wrote " + file.toAbsolutePath());
        return 0;
    }

    private static double[] time(Runnable work, int runs) {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** DLE EOT 1/2/4 (each sent twice, see StatusReader) against the virtual printer on loopback. */
    private static double[] statusRoundTrips(BundledFonts fonts, int runs) throws Exception {
        Path out = Files.createTempDirectory("luot-bench-printer");
        VirtualPrinter printer = new VirtualPrinter(out, 576, fonts);
        try (VirtualPrinterServer server = VirtualPrinterServer.startOnLoopback(printer, 0);
             PrinterLink link = PrinterTransport.tcp("127.0.0.1", server.port()).open()) {
            StatusReader reader = new StatusReader(Duration.ofSeconds(1));
            double[] ms = new double[runs];
            for (int i = 0; i < WARM_UP + runs; i++) {
                long t0 = System.nanoTime();
                reader.read(link);
                if (i >= WARM_UP) {
                    ms[i - WARM_UP] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return ms;
        } finally {
            deleteQuietly(out);
        }
    }

    private static void printTable(Map<String, Object> json, Map<String, double[]> renderMs, double[] status) {
        System.out.printf("%-10s %8s %10s %10s %12s %12s%n", "strategy", "bytes", "p50 ms", "p99 ms", "s @9600", "s @115200");
        @SuppressWarnings("unchecked")
        Map<String, Object> slow = (Map<String, Object>) json.get("seconds_at_9600_baud");
        @SuppressWarnings("unchecked")
        Map<String, Object> fast = (Map<String, Object>) json.get("seconds_at_115200_baud");
        for (String s : List.of("raster", "tcvn3", "cp1258")) {
            System.out.printf("%-10s %8s %10.3f %10.3f %12s %12s%n", s, json.get("ticket_bytes_" + s + "_80mm"),
                    percentile(renderMs.get(s), 50), percentile(renderMs.get(s), 99), slow.get(s), fast.get(s));
        }
        System.out.printf("status round trip (DLE EOT 1,2,4): p50 %.3f ms, p99 %.3f ms%n", percentile(status, 50), percentile(status, 99));
        System.out.println("machine: " + json.get("machine"));
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A typical ticket: the regular 80 mm sample of the golden tests. */
    private static TicketSlip sample() {
        return new TicketSlip("Chi nhánh số 1 – Hoàn Kiếm", "HT", "Hộ tịch", "Nộp hồ sơ", "HT-012", false,
                List.of(3, 5), List.of("Còn 4 người trước bạn — khoảng 15–25 phút"), LocalDateTime.of(2026, 11, 23, 9, 36),
                "https://luot.hanoi.gov.vn/v/HT-012?t=Q7X2K9", List.of("Vui lòng chờ gọi số. Xin cảm ơn!"),
                "Civil status - Submit dossier");
    }
}
