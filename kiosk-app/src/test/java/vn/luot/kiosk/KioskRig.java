package vn.luot.kiosk;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.BookingToken;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TicketTokens;
import vn.luot.core.token.TokenSigner;
import vn.luot.core.token.TokenVerifier;
import vn.luot.kiosk.flow.BranchDirectory;
import vn.luot.kiosk.flow.KioskFlow;
import vn.luot.printer.EscPosTicketPrinter;
import vn.luot.printer.TicketPrinter;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.profile.PrinterProfiles;
import vn.luot.printer.transport.PrinterTransport;
import vn.luot.printer.virtual.VirtualPrinter;
import vn.luot.printer.virtual.VirtualPrinterServer;

/**
 * A kiosk on real parts for tests: a queue in a real SQLite file, codes signed with a real key, and
 * the virtual printer on a loopback TCP port decoding what the kiosk sends.
 */
public final class KioskRig implements AutoCloseable {

    public static final BundledFonts FONTS = BundledFonts.load();
    private static final KeyPair KEY = SigningKeys.generate();

    public final MutableClock clock = MutableClock.at("2026-11-23T08:40");
    public final LocalQueue queue;
    public final VirtualPrinter paper;
    public final VirtualPrinterServer printerServer;
    public final TicketPrinter printer;
    public final KioskFlow flow;
    /** The branch's ticket key, as the kiosk and the hub hold it. */
    public final TicketTokens tickets = TicketTokens.ephemeral();
    private final TokenSigner signer = new TokenSigner(1, KEY.getPrivate());

    /** The branch a test books elsewhere: Cầu Giấy, with its address. */
    public static final BranchDirectory CITY = BranchDirectory.of(List.of(new Branch("hn-caugiay",
            "Chi nhánh số 8 (Cầu Giấy)", DemoBranch.fields(), DemoBranch.create().slots(), List.of(),
            "Số 36 Cầu Giấy, phường Cầu Giấy, Hà Nội", Branch.Times.DEFAULT)));

    /** The city's branches as this rig's kiosk knows them now (a test may change them, as a refresh does). */
    public final java.util.concurrent.atomic.AtomicReference<BranchDirectory> city =
            new java.util.concurrent.atomic.AtomicReference<>(CITY);

    public KioskRig(Path dir, Executor worker) throws Exception {
        this(dir, worker, DemoBranch.create());
    }

    /** A kiosk of {@code branch} (the demo branch with other times, say). */
    public KioskRig(Path dir, Executor worker, Branch branch) throws Exception {
        queue = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1").branch(branch)
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).open();
        paper = new VirtualPrinter(dir.resolve("tickets"), 576, FONTS);
        printerServer = VirtualPrinterServer.startOnLoopback(paper, 0);
        printer = EscPosTicketPrinter.builder().profile(PrinterProfiles.builtIn("epson-tm-t20"))
                .transport(PrinterTransport.tcp("127.0.0.1", printerServer.port()))
                .statusTimeout(Duration.ofMillis(800)).fonts(FONTS).build();
        TokenVerifier verifier = new TokenVerifier(keys());
        flow = KioskFlow.builder().queue(queue).verifier(() -> verifier).printer(printer).worker(worker)
                .clock(clock).idleTimeout(Duration.ofSeconds(30)).statusUrlBase("http://luot.local/t/")
                .ticketTokens(tickets).branches(city::get).build();
    }

    /** The public keys that verify this rig's codes, as a kiosk caches them. */
    public static KeySet keys() {
        return KeySet.empty().with(1, KEY.getPublic());
    }

    public String qr(Booking booking) {
        Instant expires = booking.date().atTime(LocalTime.MAX).atZone(BranchTime.ZONE).toInstant();
        return signer.sign(BookingToken.of(booking, 1, expires));
    }

    public Booking booking(String field, int number, String slot, boolean priority) {
        return new Booking(Integer.toString(1000 + number), DemoBranch.ID, java.time.LocalDate.of(2026, 11, 23),
                vn.luot.core.domain.TimeSlot.parse(slot), field, vn.luot.core.domain.Purpose.SUBMIT, number, priority);
    }

    @Override
    public void close() throws Exception {
        printer.close();
        printerServer.close();
        queue.close();
    }
}
