package vn.luot.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketStatus;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.kiosk.flow.KioskFlow;
import vn.luot.kiosk.flow.Screen;
import vn.luot.printer.virtual.PrintedTicket;

/**
 * {@code ./luot demo --script}: a morning at the demo branch, played through the same seams a citizen and
 * staff use (the kiosk's scanner input and touch actions, the counter buttons on the GPIO mock), each step
 * checked where its effect must show: the printed ticket, the LED board over the counter, the TV board,
 * the loudspeaker's WAV file, the hub's and the central server's queues. Passes only if every step did.
 */
public final class MorningScript {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A citizen born in 1945: 81 on the demo day, so a priority number. The name must never be printed. */
    static final String ELDER_CARD = "001045012345||Nguyễn Văn An|01011945|Nam|Hoàn Kiếm, Hà Nội|01012021";

    private final DemoBranchOffice branch;
    private final PrintStream out;
    private int failures;
    /** The tickets the steps issued, whatever their status: the failure report names them first. */
    private final Set<TicketId> issued = new HashSet<>();

    public MorningScript(DemoBranchOffice branch, PrintStream out) {
        this.branch = branch;
        this.out = out;
    }

    /** Plays the morning; true when every step behaved. */
    public boolean play() throws Exception {
        KioskFlow kiosk = branch.kiosk().flow();
        List<Booking> bookings = branch.bookingsToScan(40);
        Booking first = bookings.stream().filter(b -> b.field().equals("HT")).findFirst().orElseThrow(
                () -> new IllegalStateException("the demo server has no HT booking left to scan today"));

        Ticket booked = step("a booked citizen scans the QR code; the kiosk verifies it with keys relayed by the hub",
                () -> issued(kiosk, () -> kiosk.scanned(branch.codeFor(first)), first.ticketId().label()));
        // The demo printer profile prints Vietnamese as raster images (any ESC/POS printer can): the
        // virtual printer decodes the number, the English line and the QR code as text.
        // Its one QR is the ticket's status link on the hub, with a signed ticket token: never the booking's code.
        step("the ticket comes out of the printer with the number and the QR of its status page",
                () -> printed(booked.label(), "[QR] " + branch.hubUrl() + "/t/", "LT1:"));

        step("the citizen's phone opens that QR: the hub's status page shows the number",
                () -> statusPageShows(booked.label()));

        Ticket walkIn = step("a walk-in citizen takes a number by touch (Hộ tịch, nộp hồ sơ)", () -> issued(kiosk, () -> {
            kiosk.walkIn();
            kiosk.chooseField("HT");
            kiosk.choosePurpose(Purpose.SUBMIT);
            kiosk.skipCitizenCard();
        }, null));
        step("the walk-in ticket is printed with the QR code of its status page",
                () -> printed(walkIn.label(), "[QR] " + branch.hubUrl() + "/t/", "LT1:"));

        Ticket elder = step("a citizen aged 81 scans the ID card and gets a priority number", () -> issued(kiosk, () -> {
            kiosk.walkIn();
            kiosk.chooseField("HT");
            kiosk.choosePurpose(Purpose.COLLECT);
            kiosk.scanned(ELDER_CARD);
        }, null));
        step("the priority ticket says so and carries no name", () -> {
            if (!elder.priority()) {
                return "not marked priority";
            }
            String printed = printed(elder.label(), "Collect a result", "LT1:");
            if (printed != null) {
                return printed;
            }
            return branch.kiosk().virtualPrinter().tickets().stream().anyMatch(t -> t.text().contains("Nguyễn")
                    || t.text().contains("001045012345")) ? "a name or ID number was printed" : null;
        });

        step("the kiosk's check-ins reach the hub", () -> await(() -> hubHas(elder.id()) && hubHas(booked.id())
                && hubHas(walkIn.id()), "the hub does not have all three tickets"));

        step("counter 1 presses NEXT: the priority citizen is called first",
                () -> calledAt(1, elder.label()));
        step("counter 2 presses NEXT", () -> calledAt(2, null));
        step("counter 2 presses NO-SHOW: the citizen is marked absent and the next is called", () -> {
            String absent = branch.display().board().state().counter(2).serving();
            press(2, ButtonAction.NO_SHOW);
            return await(() -> hubTicket(absent).map(t -> t.status() == TicketStatus.CALLED_NO_SHOW).orElse(false),
                    absent + " not marked absent at the hub");
        });

        step("the WAN goes down: the central server stops answering", () -> {
            branch.wanDown();
            return await(() -> Boolean.FALSE.equals(branch.display().board().state().online()),
                    "the TV board does not show the branch offline");
        });
        Booking late = bookings.stream().filter(b -> b.field().equals("CT")).findFirst().orElseThrow();
        Ticket offline = step("offline, a booked citizen still checks in at the kiosk (through the hub)",
                () -> issued(kiosk, () -> kiosk.scanned(branch.codeFor(late)), late.ticketId().label()));
        step("offline, counter 3 calls the next citizen", () -> calledAt(3, null));
        step("offline, the ticket reached the hub", () -> await(() -> hubHas(offline.id()), "not at the hub"));

        step("the WAN comes back: the hub relays the morning to the central server", () -> {
            branch.wanUp();
            return await(() -> Stream.of(booked, walkIn, elder, offline).allMatch(t -> serverHas(t.id())),
                    "the central server is missing tickets of the morning");
        });
        step("the central server and the hub agree on every ticket of the morning", () -> {
            for (Ticket t : List.of(booked, walkIn, elder, offline)) {
                String failure = await(() -> serverTicket(t.id()).map(Ticket::status).equals(hubTicket(t.label())
                        .map(Ticket::status)), t.label() + " differs between the hub and the server");
                if (failure != null) {
                    return failure;
                }
            }
            return null;
        });

        out.println(failures == 0 ? "\nthe morning went as it should (every step checked)" : "\n" + failures + " step(s) failed");
        return failures == 0;
    }

    // ---- the steps -------------------------------------------------------------------------------

    /** A step's check: returns a ticket or null when it passed, a String saying what went wrong. */
    private interface Check {
        Object run() throws Exception;
    }

    private <T> T step(String name, Check check) {
        Object result;
        try {
            result = check.run();
        } catch (NullPointerException e) {
            result = "not tried: a step it needs failed";
        } catch (Exception | AssertionError e) {
            result = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (result instanceof String why) {
            failures++;
            out.println("  ✗ " + name + " — " + why);
            out.println("    " + hubStatuses());
            return null;
        }
        if (result instanceof Ticket t) {
            issued.add(t.id());
        }
        out.println("  ✓ " + name + (result instanceof Ticket t ? "  [" + t.label() + (t.priority() ? ", ưu tiên" : "") + "]" : ""));
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }

    private Ticket issued(KioskFlow kiosk, Runnable action, String expectedLabel) throws InterruptedException {
        kiosk.home();
        action.run();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Screen s = kiosk.state().screen();
            if (s instanceof Screen.TicketIssued issued
                    && (expectedLabel == null || issued.ticket().label().equals(expectedLabel))) {
                return branch.kiosk().queue().ticket(TicketId.parseKey(issued.ticket().ticketKey())).orElseThrow();
            }
            if (s instanceof Screen.Refused r) {
                throw new IllegalStateException("the kiosk refused: " + r.refusal());
            }
            if (s instanceof Screen.PrinterFault f) {
                throw new IllegalStateException("printer fault: " + f.status());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("no ticket on the kiosk screen within " + WAIT.toSeconds() + " s");
    }

    /** Opens the link printed as the QR of {@code label}'s ticket, as a phone on the branch Wi-Fi would. */
    private String statusPageShows(String label) throws IOException, InterruptedException {
        String link = branch.kiosk().virtualPrinter().tickets().stream().map(PrintedTicket::text)
                .filter(t -> t.contains(label)).flatMap(String::lines).filter(l -> l.startsWith("[QR] "))
                .map(l -> l.substring(5).strip()).findFirst().orElse(null);
        if (link == null) {
            return "no QR on the ticket of " + label;
        }
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(link)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return page.statusCode() == 200 && page.body().contains("Số " + label) ? null
                : link + " answered " + page.statusCode() + " without " + label;
    }

    private String printed(String label, String mustContain, String mustNotContain) {
        return await(() -> branch.kiosk().virtualPrinter().tickets().stream().map(PrintedTicket::text)
                .anyMatch(t -> t.contains(label) && t.contains(mustContain) && !t.contains(mustNotContain)),
                "no printed ticket with " + label + " and " + mustContain);
    }

    private Object calledAt(int counter, String expected) throws IOException {
        long announcements = count(branch.announcementsDir());
        String before = branch.display().board().state().counter(counter).serving();
        press(counter, ButtonAction.NEXT);
        String failure = await(() -> {
            String serving = branch.display().board().state().counter(counter).serving();
            return !serving.isEmpty() && !serving.equals(before) && (expected == null || serving.equals(expected));
        }, "the TV board does not show " + (expected == null ? "a number" : expected) + " at counter " + counter);
        if (failure != null) {
            return failure;
        }
        String label = branch.display().board().state().counter(counter).serving();
        SimulatedBoards leds = branch.display().simulatedBoards().orElseThrow();
        failure = await(() -> leds.board(counter).map(b -> label.equals(b.shown())).orElse(false),
                "the LED board over counter " + counter + " does not show " + label);
        if (failure != null) {
            return failure;
        }
        failure = await(() -> {
            try {
                return count(branch.announcementsDir()) > announcements;
            } catch (IOException e) {
                return false;
            }
        }, "no announcement was produced");
        return failure != null ? failure : hubTicket(label).orElseThrow();
    }

    private void press(int counter, ButtonAction action) {
        if (!branch.display().simulatedButtons().orElseThrow().press(counter, action)) {
            throw new IllegalStateException("no " + action + " button for counter " + counter + " in the pin map");
        }
    }

    /**
     * What the hub holds when a step fails, so the failure explains itself: every ticket of the morning past
     * its booking (number, status, the line it waits in, its slot, its counter), what each counter serves, and
     * the events the hub's sync boundary refused. Numbers and codes only, never a citizen's name.
     */
    String hubStatuses() {
        try {
            var display = branch.display();
            String tickets = display.queue().tickets().stream()
                    .filter(t -> !t.status().isAwaitingCheckIn() || issued.contains(t.id()))
                    .sorted(Comparator.comparing(Ticket::id))
                    .map(t -> t.label() + " " + t.status() + " in " + t.servingField() + " " + t.slot()
                            + (t.priority() ? " ưu tiên" : "") + (t.counter() == 0 ? "" : " at counter " + t.counter()))
                    .collect(Collectors.joining(", "));
            String counters = display.queue().branch().counters().stream()
                    .map(c -> c.number() + new TreeSet<>(c.fieldCodes()).toString() + "="
                            + display.queue().currentAt(c.number()).map(Ticket::label).orElse("-"))
                    .collect(Collectors.joining(" "));
            var refusals = display.hub().syncRefusals();
            String refused = refusals.latest().stream()
                    .map(a -> a.code() + " " + a.type() + " " + a.device() + "#" + a.seq() + " (" + a.reason() + ")")
                    .collect(Collectors.joining("; "));
            return "the hub at " + BranchTime.now(branch.clock()).toLocalTime().withNano(0)
                    + ": tickets [" + tickets + "]; counters " + counters + "; refused at its sync boundary: "
                    + refusals.rejected() + (refused.isEmpty() ? "" : " [" + refused + "]");
        } catch (RuntimeException e) {
            return "the hub's statuses could not be read: " + e;
        }
    }

    private boolean hubHas(TicketId id) {
        return branch.display().queue().ticket(id).isPresent();
    }

    private Optional<Ticket> hubTicket(String label) {
        return branch.display().queue().tickets().stream().filter(t -> t.label().equals(label)).findFirst();
    }

    private boolean serverHas(TicketId id) {
        return serverTicket(id).filter(t -> t.status() != TicketStatus.BOOKED).isPresent();
    }

    private Optional<Ticket> serverTicket(TicketId id) {
        var server = branch.server();
        return server == null ? Optional.empty() : server.queue(DemoBranch.ID).ticket(id);
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wav")).count();
        }
    }

    /** Null when the condition came true in time, else the failure. */
    private static String await(Supplier<Boolean> condition, String failure) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return null;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return failure;
    }
}
