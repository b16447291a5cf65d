package vn.luot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.token.BookingToken;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenSigner;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * {@code ./luot bench kiosk}: the kiosk as a separate JVM (heap limit {@value #HEAP}), timed from process
 * start to the home screen, then from each scan to the ticket screen drawn after the last ticket byte
 * went to the printer. The printer is a virtual one in this process, over TCP, as a network printer
 * would be, so its decoding and PNG rendering do not weigh on the kiosk.
 */
final class KioskBench {

    static final String HEAP = "-Xmx128m";
    private static final int CHECK_INS = 300;
    private static final int WARM_UP = 20;
    private static final int RSS_AFTER = 100;

    // held: java.util.logging keeps loggers weakly, and a collected one forgets its level
    private static final java.util.logging.Logger PRINTER_LOG = java.util.logging.Logger.getLogger("vn.luot.printer");

    private KioskBench() {
    }

    static void run(Path out) throws Exception {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PRINTER_LOG.setLevel(java.util.logging.Level.WARNING);
        Path dir = Files.createTempDirectory("luot-kiosk-bench");
        Path data = Files.createDirectories(dir.resolve("data"));
        KeyPair key = SigningKeys.generate();
        Files.writeString(data.resolve("keys.json"), KeySet.empty().with(1, key.getPublic()).toJson());
        Path codes = dir.resolve("codes.txt");
        Files.write(codes, codes(new TokenSigner(1, key.getPrivate())), StandardCharsets.UTF_8);

        VirtualPrinter paper = new VirtualPrinter(dir.resolve("tickets"), 576, BundledFonts.load());
        try (VirtualPrinterServer printer = VirtualPrinterServer.startOnLoopback(paper, 0)) {
            Path config = dir.resolve("kiosk.toml");
            Files.writeString(config, """
                    device_id = "kiosk-bench"
                    data_dir = "%s"
                    branch = "demo"
                    [upstream]
                    url = "http://127.0.0.1:%d"
                    token = "bench"
                    [printer]
                    simulated = false
                    profile = "epson-tm-t20"
                    transport = "tcp:127.0.0.1:%d"
                    [scanner]
                    kind = "keyboard"
                    """.formatted(data, unusedPort(), printer.port()), StandardCharsets.UTF_8);

            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    KioskBenchTarget.class.getName(), config.toString(), codes.toString(), Integer.toString(RSS_AFTER));
            long spawned = System.nanoTime();
            Process kiosk = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            double coldStartMs = -1;
            JsonNode result = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(kiosk.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        coldStartMs = (System.nanoTime() - spawned) / 1e6;
                    } else if (line.startsWith("RESULT ")) {
                        result = new ObjectMapper().readTree(line.substring(7));
                    }
                }
            }
            int exit = kiosk.waitFor();
            if (result == null || exit != 0) {
                throw new IllegalStateException("the kiosk under test failed (exit " + exit + ")");
            }
            double[] all = new ObjectMapper().convertValue(result.get("scan_millis"), double[].class);
            double[] measured = java.util.Arrays.copyOfRange(all, WARM_UP, all.length);
            int printed = paper.awaitTickets(CHECK_INS, java.time.Duration.ofSeconds(30)).size();

            double p99 = BenchReport.percentile(measured, 99);
            double rss = result.get("rss_mb_at_mark").asDouble();
            new BenchReport("kiosk")
                    .put("check_ins", CHECK_INS)
                    .put("tickets_printed", printed)
                    .put("scan_to_print_p50_ms", BenchReport.percentile(measured, 50))
                    .put("scan_to_print_p99_ms", p99)
                    .put("scan_to_print_max_ms", BenchReport.percentile(measured, 100))
                    .put("cold_start_ms", coldStartMs)
                    .put("rss_mb", rss)
                    .put("rss_mb_after_" + CHECK_INS, result.get("rss_mb_end").asDouble())
                    .put("kiosk_heap_limit", HEAP)
                    .put("scan_to_print_p99_vs_150ms_target", p99 / 150)
                    .put("cold_start_vs_4000ms_target", coldStartMs / 4000)
                    .put("rss_vs_250mb_target", rss / 250)
                    .write(console, out);
        }
    }

    private static List<String> codes(TokenSigner signer) {
        List<String> codes = new ArrayList<>();
        List<ServiceField> fields = DemoBranch.create().fields();
        LocalDate day = LocalDate.of(2026, 11, 23);
        Instant expires = Instant.parse("2026-11-23T17:00:00Z");
        for (int i = 0; i < CHECK_INS; i++) {
            String field = fields.get(i % fields.size()).code();
            int number = i / fields.size() + 1;
            Booking booking = new Booking(Integer.toString(10_000 + i), DemoBranch.ID, day, TimeSlot.parse("09:00-09:30"), field,
                    Purpose.SUBMIT, number, false);
            codes.add(booking.ticketId().label() + "\t" + signer.sign(BookingToken.of(booking, 1, expires)));
        }
        return codes;
    }

    private static int unusedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
