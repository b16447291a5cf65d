package vn.luot.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.sim.SocatPair;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.kiosk.KioskRig;
import vn.luot.kiosk.flow.Screen;
import vn.luot.kiosk.scan.QrScanner;
import vn.luot.kiosk.scan.SerialQrScanner;
import vn.luot.printer.virtual.PrintedTicket;

/**
 * The kiosk as a citizen meets it, headless (Monocle): codes arrive through the real serial scanner
 * on a socat pty, taps through TestFX's robot, and tickets are read back from the virtual printer's
 * decoded ESC/POS.
 */
@ExtendWith(ApplicationExtension.class)
@RequiresTools(Tool.SOCAT)
class KioskUiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ELDER_CARD = "001045012345||Nguyễn Văn An|01011945|Nam|Hoàn Kiếm, Hà Nội|01012021";

    @TempDir
    Path dir;

    private ExecutorService worker;
    private KioskRig rig;
    private SocatPair cable;
    private SerialQrScanner scanner;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        worker = Executors.newSingleThreadExecutor();
        rig = new KioskRig(dir, worker);
        cable = SocatPair.start(dir.resolve("scanner"), dir.resolve("scanner-peer"));
        scanner = new SerialQrScanner(cable.device().toString(), 9600, Duration.ofMillis(100));
        scanner.start(rig.flow::scanned);
        KioskView view = new KioskView(rig.flow, Orientation.PORTRAIT, false);
        rig.flow.addListener(state -> Platform.runLater(() -> view.render(state)));
        scene = new Scene(view.root(), Orientation.PORTRAIT.width(), Orientation.PORTRAIT.height());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        scanner.close();
        cable.close();
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        rig.close();
    }

    @Test
    void aCodeFromTheSerialScannerShowsTheTicketAndPrintsIt(FxRobot robot) throws Exception {
        awaitScannerConnected();
        cable.send(rig.qr(rig.booking("HT", 12, "09:00-09:30", false)) + "\r\n");

        awaitText(robot, "#ticket-number", "HT-012");
        PrintedTicket ticket = rig.paper.awaitTickets(1, WAIT).get(0);
        assertThat(ticket.text()).contains("HT-012").contains("Hộ tịch").contains("Quầy 1, 2, 10");
        assertThat(visibleText(robot)).contains("HT-012");
    }

    @Test
    void aWalkInIsTakenWithTapsAndDoubleTapsDoNoHarm(FxRobot robot) throws Exception {
        awaitNode(robot, "#walk-in");
        Button walkIn = robot.lookup("#walk-in").queryButton();
        robot.interact(() -> {
            walkIn.fire();
            walkIn.fire();
        });
        awaitNode(robot, "#field-HT");
        robot.clickOn("#field-HT");
        awaitNode(robot, "#purpose-SUBMIT");
        Button submit = robot.lookup("#purpose-SUBMIT").queryButton();
        robot.interact(() -> {
            submit.fire();
            submit.fire();
        });
        awaitNode(robot, "#skip-card");
        robot.clickOn("#skip-card");

        awaitText(robot, "#ticket-number", "HT-500");
        assertThat(rig.paper.awaitTickets(1, WAIT).get(0).text()).contains("HT-500").contains("Nộp hồ sơ");
        assertThat(rig.queue.tickets()).as("two taps, one ticket").hasSize(1);
    }

    @Test
    void aCitizenAged75ScansTheIdCardForAPriorityNumberAndTheNameIsNeverShown(FxRobot robot) throws Exception {
        awaitScannerConnected();
        awaitNode(robot, "#walk-in");
        robot.clickOn("#walk-in");
        robot.clickOn("#field-CT");
        robot.clickOn("#purpose-COLLECT");
        awaitNode(robot, "#skip-card");

        cable.send("not a card\r\n");
        awaitNode(robot, "#cccd-rejected");
        cable.send(ELDER_CARD + "\r\n");

        awaitText(robot, "#ticket-number", "CT-500");
        assertThat(rig.flow.state().screen()).isInstanceOfSatisfying(Screen.TicketIssued.class,
                issued -> assertThat(issued.ticket().priority()).isTrue());
        assertThat(visibleText(robot)).doesNotContain("Nguyễn").doesNotContain("001045012345");
        String printed = rig.paper.awaitTickets(1, WAIT).get(0).text();
        assertThat(printed).contains("SỐ ƯU TIÊN").doesNotContain("Nguyễn").doesNotContain("001045012345");
    }

    @Test
    void largeTextHelpAndTheBackStepWorkByTouchOnAWalkInsSteps(FxRobot robot) throws Exception {
        awaitNode(robot, "#large-text");
        robot.clickOn("#large-text");
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS,
                () -> scene.getRoot().getStyleClass().contains("large-text"));
        robot.clickOn("#walk-in");
        awaitNode(robot, "#field-HT");
        robot.clickOn("#field-HT");
        awaitNode(robot, "#purpose-SUBMIT");
        robot.clickOn("#purpose-SUBMIT");
        awaitNode(robot, "#skip-card");
        robot.clickOn("#back");
        awaitNode(robot, "#purpose-SUBMIT");
        assertThat(visibleText(robot)).contains("Hộ tịch");

        robot.clickOn("#help");
        awaitText(robot, "#help-banner", "Đã báo nhân viên: xin chờ ở đây, sẽ có người đến giúp bạn.");
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> !rig.queue.helpRequestsSince(
                rig.clock.instant().minusSeconds(60)).isEmpty());
        assertThat(scene.getRoot().getStyleClass()).as("still in large text").contains("large-text");
        assertThat(rig.queue.tickets()).isEmpty();
    }

    @Test
    void aScannerUnpluggedAndPluggedBackKeepsWorkingWithoutARestart(FxRobot robot) throws Exception {
        awaitScannerConnected();
        cable.unplug();
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS,
                () -> scanner.status() == QrScanner.Status.DISCONNECTED);
        cable.replug();
        awaitScannerConnected();
        cable.send(rig.qr(rig.booking("DD", 4, "09:00-09:30", false)) + "\r\n");

        awaitText(robot, "#ticket-number", "DD-004");
        assertThat(rig.paper.awaitTickets(1, WAIT).get(0).text()).contains("DD-004");
    }

    @Test
    void garbageOnTheLineIsRefusedAndTheNextGoodCodeStillWorks(FxRobot robot) throws Exception {
        awaitScannerConnected();
        byte[] noise = new byte[300];
        new Random(7).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == '\r' || noise[i] == '\n') {
                noise[i] = 'x';
            }
        }
        cable.send(noise);
        cable.send("\r\n");
        awaitNode(robot, "#refusal-title");
        String qr = rig.qr(rig.booking("XD", 3, "09:00-09:30", false));
        cable.send(qr.substring(0, 30) + "\r\n");
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS,
                () -> rig.flow.state().screen() instanceof Screen.Refused r && r.refusal() != vn.luot.kiosk.flow.Refusal.NOT_A_BOOKING_CODE);
        cable.send(qr + "\r\n");

        awaitText(robot, "#ticket-number", "XD-003");
        assertThat(rig.paper.tickets()).hasSize(1);
        assertThat(rig.queue.tickets()).hasSize(1);
    }

    @Test
    void aLateCitizenIsToldWhyAndCanTakeAWalkInNumberFromTheSameScreen(FxRobot robot) throws Exception {
        awaitScannerConnected();
        cable.send(rig.qr(rig.booking("HT", 10, "08:00-08:30", false)) + "\r\n");
        awaitNode(robot, "#refusal-title");
        assertThat(visibleText(robot)).contains("quá giờ hẹn");
        assertThat(rig.paper.tickets()).isEmpty();

        robot.clickOn("#walk-in");
        awaitNode(robot, "#field-HT");
    }

    @Test
    void aPrinterThatRunsOutOfPaperMidTicketShowsTheStaffScreenAndTheCheckInStands(FxRobot robot) throws Exception {
        awaitScannerConnected();
        rig.paper.runOutOfPaperAfter(40);
        Booking booking = rig.booking("KD", 6, "09:00-09:30", false);
        cable.send(rig.qr(booking) + "\r\n");

        awaitNode(robot, "#fault-title");
        assertThat(visibleText(robot)).contains("Máy in hết giấy").contains("KD-006");
        assertThat(rig.queue.ticket(booking.ticketId())).hasValueSatisfying(
                t -> assertThat(t.status()).isEqualTo(TicketStatus.CHECKED_IN));

        rig.paper.loadPaper();
        cable.send(rig.qr(booking) + "\r\n");
        awaitText(robot, "#ticket-number", "KD-006");
        assertThat(rig.paper.awaitTickets(1, WAIT).get(0).text()).contains("KD-006");
    }

    @Test
    void aKeyboardWedgeScannerTypesACodeWhereverTheFocusIsAndSlowTypingIsNotAScan(FxRobot robot) throws Exception {
        AtomicLong fakeNanos = new AtomicLong();
        AtomicLong step = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(5));
        List<String> scans = new java.util.concurrent.CopyOnWriteArrayList<>();
        KeyboardWedge wedge = new KeyboardWedge(scene, () -> fakeNanos.addAndGet(step.get()),
                TimeUnit.MILLISECONDS.toNanos(80), false);
        robot.interact(() -> wedge.start(code -> {
            scans.add(code);
            rig.flow.scanned(code);
        }));
        try {
            step.set(TimeUnit.MILLISECONDS.toNanos(300));
            robot.write("1234");
            robot.type(KeyCode.ENTER);
            assertThat(scans).as("a person typing is not a scanner").isEmpty();

            step.set(TimeUnit.MILLISECONDS.toNanos(5));
            String qr = rig.qr(rig.booking("CTR", 8, "09:00-09:30", false));
            robot.write(qr);
            robot.type(KeyCode.ENTER);
            awaitText(robot, "#ticket-number", "CTR-008");
            assertThat(scans).containsExactly(qr);
        } finally {
            robot.interact(wedge::close);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private void awaitScannerConnected() throws Exception {
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS,
                () -> scanner.status() == QrScanner.Status.CONNECTED);
    }

    private static void awaitNode(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void awaitText(FxRobot robot, String query, String expected) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                    .map(n -> ((Labeled) n).getText()).filter(expected::equals).isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + query + " reading " + expected + "; the screen says: " + visibleText(robot), e);
        }
    }

    /** Every text on screen, to check what a citizen can read. */
    private static String visibleText(FxRobot robot) {
        StringBuilder all = new StringBuilder();
        robot.lookup((Node n) -> n instanceof Labeled).queryAllAs(Labeled.class)
                .forEach(l -> all.append(l.getText()).append('\n'));
        return all.toString();
    }
}
