package vn.luot.printer.virtual;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import vn.luot.printer.escpos.BundledFonts;
import vn.luot.printer.escpos.Tcvn3;

/**
 * A thermal printer in software: it decodes the ESC/POS subset Lượt sends, answers real-time
 * status requests, and writes each finished ticket as {@code ticket-NNNN.bin/.png/.txt}.
 *
 * <p>A ticket ends at a cut (GS V) or, on printers without a cutter, at a tear-off feed of four
 * lines or more (ESC d n, n ≥ 4). Paper out and cover open can be injected at any time, also in
 * the middle of a ticket; a ticket hit by either is not written as printed but counted as lost
 * ({@code lost-NNNN.bin} keeps its bytes).
 *
 * <p>Code pages: 0 (cp437), 16 (cp1252), 30/31 (TCVN-3 lower/upper), 52 (cp1258), Epson's numbering,
 * or a vendor's ({@link #usePagesOf}). A TCVN-3 byte that Epson's page leaves blank is not drawn:
 * it is listed in {@link PrintedTicket#unprintable()}, so a test sees a letter that would be lost.
 *
 * <p>Two behaviours of clones can be switched on: silence to DLE EOT ({@link #setAnswersStatus})
 * and images printed flush left whatever ESC a says ({@link #setIgnoresImageAlignment}).
 *
 * <p>Safe for concurrent use: several connections may feed it; each command runs under its lock.
 */
public final class VirtualPrinter {

    private static final System.Logger LOG = System.getLogger(VirtualPrinter.class.getName());
    private static final Charset CP1258 = Charset.forName("windows-1258");
    private static final Charset CP437 = Charset.forName("IBM437");
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private final Path outDir;
    private final PaperRenderer renderer;
    private final Tcvn3 tcvn3 = new Tcvn3();

    // Injected faults and paper state.
    private boolean paperOut;
    private boolean coverOpen;
    private boolean nearEnd;
    private int paperLeftDots = -1;
    private boolean answersStatus = true;
    private int statusRequests;
    private boolean ignoresImageAlignment;
    private final java.util.Map<Integer, String> vendorPages = new java.util.HashMap<>();

    // Print mode.
    private int codePage;
    private PaperItem.Align align = PaperItem.Align.LEFT;
    private boolean bold;
    private boolean reverse;
    private int width = 1;
    private int height = 1;
    private int qrModule = 3;
    private String qrData = "";

    // Current ticket.
    private final TicketBytes ticketBytes = new TicketBytes();
    private final List<PaperItem> items = new ArrayList<>();
    private final List<PaperItem.Run> lineRuns = new ArrayList<>();
    private final ByteArrayOutputStream runBytes = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private boolean ticketLost;
    private int runPage;
    private final List<String> unprintable = new ArrayList<>();

    private final List<PrintedTicket> printed = new ArrayList<>();
    private int lost;
    private int nextNumber;
    private int beingWritten;
    // A real printer answers DLE EOT in real time while it prints. Decoding a ticket's images and writing its PNG
    // takes over a second for a cold JVM's first ticket, so that happens here, in order, off the reading thread.
    private final ExecutorService paper = Executors.newSingleThreadExecutor(run -> {
        Thread t = new Thread(run, "virtual-printer-paper");
        t.setDaemon(true);
        return t;
    });

    public VirtualPrinter(Path outDir, int paperWidthDots, BundledFonts fonts) throws IOException {
        this.outDir = Files.createDirectories(outDir);
        this.renderer = new PaperRenderer(fonts, paperWidthDots);
        this.nextNumber = firstFreeNumber(outDir);
    }

    // ---- faults a test or an operator injects -------------------------------------------------

    public synchronized void setPaperOut(boolean out) {
        paperOut = out;
        if (out) {
            loseCurrentTicket();
        }
    }

    public synchronized void setCoverOpen(boolean open) {
        coverOpen = open;
        if (open) {
            loseCurrentTicket();
        }
    }

    /** false: DLE EOT requests are read and never answered, like many USB clones. */
    public synchronized void setAnswersStatus(boolean answers) {
        answersStatus = answers;
    }

    /** true: raster images print from the left edge whatever ESC a says, like many clones. */
    public synchronized void setIgnoresImageAlignment(boolean ignores) {
        ignoresImageAlignment = ignores;
    }

    /** Decodes ESC t the way this vendor numbers its pages (from the profile), instead of Epson's way. */
    public synchronized void usePagesOf(vn.luot.printer.profile.PrinterProfile profile) {
        vendorPages.clear();
        if (profile.cp1258Page() >= 0) {
            vendorPages.put(profile.cp1258Page(), "cp1258");
        }
        if (profile.tcvn3LowerPage() >= 0) {
            vendorPages.put(profile.tcvn3LowerPage(), "tcvn3-lower");
            vendorPages.put(profile.tcvn3UpperPage(), "tcvn3-upper");
        }
    }

    public synchronized void setPaperNearEnd(boolean near) {
        nearEnd = near;
    }

    /** Paper runs out after {@code dots} more dot rows; lets a test stop a ticket half-way. */
    public synchronized void runOutOfPaperAfter(int dots) {
        paperLeftDots = dots;
    }

    /** A new roll: paper present, not near end, unlimited. */
    public synchronized void loadPaper() {
        paperOut = false;
        nearEnd = false;
        paperLeftDots = -1;
    }

    /**
     * The tickets printed so far, every ticket that has come out of the printer included: waits (up to 10 s) for
     * those still being written, so a caller that saw the printer answer after a cut finds that ticket here.
     */
    public synchronized List<PrintedTicket> tickets() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (beingWritten > 0 && deadline - System.nanoTime() > 0) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(printed);
    }

    /** DLE EOT requests received so far, answered or not. */
    public synchronized int statusRequests() {
        return statusRequests;
    }

    public synchronized int lostTickets() {
        return lost;
    }

    /** Waits until at least {@code count} tickets are printed in total. */
    public synchronized List<PrintedTicket> awaitTickets(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (printed.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("virtual printer has " + printed.size() + " tickets, expected " + count);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(printed);
    }

    /** Waits until at least {@code count} tickets were lost to paper out or cover open. */
    public synchronized int awaitLost(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lost < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("virtual printer lost " + lost + " tickets, expected " + count);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return lost;
    }

    // ---- the byte stream -------------------------------------------------------------------------

    /** Reads commands until the stream ends; answers go to {@code replies}. */
    public void serve(InputStream in, OutputStream replies) throws IOException {
        Commands commands = new Commands(in);
        try {
            while (true) {
                int b = commands.next();
                if (b < 0) {
                    return;
                }
                synchronized (this) {
                    int mark = ticketBytes.size();
                    ticketBytes.write(b);
                    byte[] answer = command(b, commands);
                    if (b == 0x10) {
                        // Real-time requests are not part of any ticket's bytes.
                        ticketBytes.truncate(mark);
                    }
                    if (answer != null) {
                        replies.write(answer);
                        replies.flush();
                    }
                }
            }
        } catch (EOFException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection ended inside a command");
        }
    }

    /** Reads the rest of a command; every byte read is also kept for the ticket's .bin file. */
    private final class Commands {
        private final InputStream in;

        Commands(InputStream in) {
            this.in = in;
        }

        int next() throws IOException {
            return in.read();
        }

        int arg() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            synchronized (VirtualPrinter.this) {
                ticketBytes.write(b);
            }
            return b;
        }

        byte[] args(int n) throws IOException {
            // A plain read loop: FileInputStream.readNBytes may seek, which a pty refuses.
            byte[] data = new byte[n];
            int got = 0;
            while (got < n) {
                int r = in.read(data, got, n - got);
                if (r < 0) {
                    throw new EOFException();
                }
                got += r;
            }
            synchronized (VirtualPrinter.this) {
                ticketBytes.write(data, 0, n);
            }
            return data;
        }
    }

    private byte[] command(int b, Commands c) throws IOException {
        switch (b) {
            case 0x0a -> printLine();
            case 0x0d -> { }
            case 0x10 -> {
                return dle(c);
            }
            case 0x1b -> esc(c);
            case 0x1d -> gs(c);
            case 0x1c -> fs(c);
            default -> {
                if (b >= 0x20) {
                    character(b);
                }
            }
        }
        return null;
    }

    private byte[] dle(Commands c) throws IOException {
        int fn = c.arg();
        if (fn != 0x04) {
            c.arg();
            return null;
        }
        int n = c.arg();
        statusRequests++;
        if (!answersStatus) {
            return null;
        }
        int base = 0x12;
        boolean stopped = paperOut || coverOpen;
        return switch (n) {
            case 1 -> new byte[] {(byte) (base | (stopped ? 0x08 : 0))};
            case 2 -> new byte[] {(byte) (base | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0))};
            case 4 -> new byte[] {(byte) (base | (nearEnd || paperOut ? 0x0c : 0) | (paperOut ? 0x60 : 0))};
            default -> new byte[] {(byte) base};
        };
    }

    private void esc(Commands c) throws IOException {
        int cmd = c.arg();
        switch (cmd) {
            case '@' -> {
                flushRun();
                codePage = 0;
                align = PaperItem.Align.LEFT;
                bold = false;
                reverse = false;
                width = 1;
                height = 1;
            }
            case 't' -> {
                flushRun();
                codePage = c.arg();
            }
            case 'a' -> align = PaperItem.Align.values()[Math.min(2, c.arg() % 48)];
            case 'E' -> {
                flushRun();
                bold = (c.arg() & 1) == 1;
            }
            case '!' -> {
                flushRun();
                int mode = c.arg();
                bold = (mode & 0x08) != 0;
                height = (mode & 0x10) != 0 ? 2 : 1;
                width = (mode & 0x20) != 0 ? 2 : 1;
            }
            case 'J' -> feed(c.arg());
            case 'd' -> {
                int lines = c.arg();
                feed(lines * 30);
                if (lines >= 4) {
                    endTicket();
                }
            }
            case '2' -> { }
            case '3', '-', 'M', 'R', '{', 'G', 'V', 'r', 'c' -> c.arg();
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored ESC 0x{0}", Integer.toHexString(cmd));
        }
    }

    /** FS: Kanji/Chinese mode commands; none prints anything here. */
    private void fs(Commands c) throws IOException {
        int cmd = c.arg();
        switch (cmd) {
            case '.', '&' -> { }
            case '!', '-', 'C', 'W' -> c.arg();
            case 'S' -> c.args(2);
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored FS 0x{0}", Integer.toHexString(cmd));
        }
    }

    private void gs(Commands c) throws IOException {
        int cmd = c.arg();
        switch (cmd) {
            case '!' -> {
                flushRun();
                int size = c.arg();
                width = (size >> 4 & 0x07) + 1;
                height = (size & 0x07) + 1;
            }
            case 'B' -> {
                flushRun();
                reverse = (c.arg() & 1) == 1;
            }
            case 'V' -> {
                int m = c.arg();
                if (m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104) {
                    c.arg();
                }
                endTicket();
            }
            case 'v' -> raster(c);
            case '(' -> extended(c);
            case 'L', 'W' -> c.args(2);
            case 'H', 'f', 'h', 'w', 'a' -> c.arg();
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored GS 0x{0}", Integer.toHexString(cmd));
        }
    }

    private void raster(Commands c) throws IOException {
        c.arg(); // '0'
        int mode = c.arg();
        int xBytes = c.arg() | c.arg() << 8;
        int yDots = c.arg() | c.arg() << 8;
        byte[] data = c.args(xBytes * yDots);
        int sx = (mode & 1) != 0 ? 2 : 1;
        int sy = (mode & 2) != 0 ? 2 : 1;
        BufferedImage image = new BufferedImage(xBytes * 8 * sx, yDots * sy, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < yDots * sy; y++) {
            for (int x = 0; x < xBytes * 8 * sx; x++) {
                int bit = data[(y / sy) * xBytes + (x / sx) / 8] >> (7 - (x / sx) % 8) & 1;
                image.setRGB(x, y, bit == 1 ? 0xff000000 : 0xffffffff);
            }
        }
        flushRun();
        if (!lineRuns.isEmpty()) {
            printLine();
        }
        place(new PaperItem.Image(image, ignoresImageAlignment ? PaperItem.Align.LEFT : align),
                "[raster " + image.getWidth() + "x" + image.getHeight() + "]");
    }

    private void extended(Commands c) throws IOException {
        int group = c.arg();
        int len = c.arg() | c.arg() << 8;
        byte[] body = c.args(len);
        if (group != 'k' || len < 2 || (body[0] & 0xff) != 49) {
            return; // only QR (cn 49) of GS ( k is used; other groups are skipped whole
        }
        int fn = body[1] & 0xff;
        switch (fn) {
            case 67 -> qrModule = body[2] & 0xff;
            case 80 -> qrData = new String(body, 3, len - 3, StandardCharsets.UTF_8);
            case 81 -> {
                flushRun();
                place(new PaperItem.Qr(qrData, qrModule, align, renderer.modules(qrData)), "[QR] " + qrData);
            }
            default -> { }
        }
    }

    private void character(int b) {
        if (runBytes.size() > 0 && runPage != codePage) {
            flushRun();
        }
        runPage = codePage;
        runBytes.write(b);
    }

    private void flushRun() {
        if (runBytes.size() == 0) {
            return;
        }
        String decoded = decode(runBytes.toByteArray(), runPage);
        runBytes.reset();
        lineRuns.add(new PaperItem.Run(decoded, width, height, bold, reverse));
    }

    private String decode(byte[] bytes, int page) {
        String kind = vendorPages.isEmpty() ? epsonPage(page) : vendorPages.getOrDefault(page, epsonPage(page));
        return switch (kind) {
            case "tcvn3-lower", "tcvn3-upper" -> {
                Tcvn3.Page p = kind.equals("tcvn3-lower") ? Tcvn3.Page.LOWER : Tcvn3.Page.UPPER;
                StringBuilder sb = new StringBuilder();
                for (byte b : bytes) {
                    char ch = tcvn3.decode(b & 0xff, p);
                    if (ch != 0) {
                        sb.append(ch);
                    } else {
                        unprintable.add(String.format("page %d byte 0x%02X", page, b & 0xff));
                    }
                }
                yield sb.toString();
            }
            case "cp1258" -> new String(bytes, CP1258);
            case "cp1252" -> new String(bytes, CP1252);
            default -> new String(bytes, CP437);
        };
    }

    private static String epsonPage(int page) {
        return switch (page) {
            case 30 -> "tcvn3-lower";
            case 31 -> "tcvn3-upper";
            case 52 -> "cp1258";
            case 16 -> "cp1252";
            default -> "cp437";
        };
    }

    private void printLine() {
        flushRun();
        List<PaperItem.Run> runs = List.copyOf(lineRuns);
        lineRuns.clear();
        if (runs.isEmpty()) {
            feed(30);
            return;
        }
        // Combining tone marks (cp1258) join their letter across runs: normalise the whole line.
        String line = Normalizer.normalize(String.join("", runs.stream().map(PaperItem.Run::text).toList()), Normalizer.Form.NFC);
        List<PaperItem.Run> normalised = runs.stream()
                .map(r -> new PaperItem.Run(Normalizer.normalize(r.text(), Normalizer.Form.NFC), r.width(), r.height(), r.bold(), r.reverse()))
                .toList();
        place(new PaperItem.TextLine(normalised, align), line.strip());
    }

    private void feed(int dots) {
        flushRun();
        place(new PaperItem.Feed(dots), null);
    }

    /** Puts an item on paper, or loses the ticket when there is no paper to put it on. */
    private void place(PaperItem item, String asText) {
        if (paperOut || coverOpen || ticketLost) {
            ticketLost = true;
            return;
        }
        if (paperLeftDots >= 0) {
            paperLeftDots -= item.height();
            if (paperLeftDots < 0) {
                paperOut = true;
                ticketLost = true;
                return;
            }
        }
        items.add(item);
        if (asText != null) {
            text.append(asText).append('\n');
        }
    }

    private void loseCurrentTicket() {
        if (!items.isEmpty() || !lineRuns.isEmpty() || runBytes.size() > 0) {
            ticketLost = true;
        }
    }

    private void endTicket() throws IOException {
        flushRun();
        if (!lineRuns.isEmpty()) {
            printLine();
        }
        int number = nextNumber++;
        String stem = String.format("%04d", number);
        byte[] bytes = ticketBytes.toByteArray();
        if (ticketLost || paperOut || coverOpen) {
            Files.write(outDir.resolve("lost-" + stem + ".bin"), bytes);
            lost++;
            LOG.log(System.Logger.Level.INFO, "ticket {0} lost (paper out or cover open)", stem);
        } else {
            List<PaperItem> ticketItems = List.copyOf(items);
            String ticketText = text.toString();
            List<String> blank = List.copyOf(unprintable);
            beingWritten++;
            paper.execute(() -> writeTicket(number, stem, bytes, ticketItems, ticketText, blank));
        }
        items.clear();
        unprintable.clear();
        text.setLength(0);
        ticketBytes.reset();
        ticketLost = false;
        notifyAll();
    }

    private void writeTicket(int number, String stem, byte[] bytes, List<PaperItem> ticketItems, String ticketText,
            List<String> blank) {
        try {
            Path bin = Files.write(outDir.resolve("ticket-" + stem + ".bin"), bytes);
            Path png = outDir.resolve("ticket-" + stem + ".png");
            ImageIO.write(renderer.render(ticketItems), "png", png.toFile());
            Path txt = Files.writeString(outDir.resolve("ticket-" + stem + ".txt"), ticketText, StandardCharsets.UTF_8);
            if (!blank.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "ticket {0} has bytes a real page leaves blank: {1}", stem, blank);
            }
            LOG.log(System.Logger.Level.INFO, "ticket {0} printed to {1}", stem, png);
            synchronized (this) {
                printed.add(new PrintedTicket(number, bin, png, txt, ticketText, blank));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ticket " + stem + " could not be written to " + outDir, e);
        } finally {
            synchronized (this) {
                beingWritten--;
                notifyAll();
            }
        }
    }

    private static final class TicketBytes extends ByteArrayOutputStream {
        void truncate(int size) {
            count = size;
        }
    }

    private static int firstFreeNumber(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return 1 + files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("(ticket|lost)-\\d{4}\\..*"))
                    .mapToInt(n -> Integer.parseInt(n.substring(n.indexOf('-') + 1, n.indexOf('-') + 5)))
                    .max().orElse(0);
        }
    }
}
