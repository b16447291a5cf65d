package vn.luot.display.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.display.board.BoardBus;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.board.BusCounterBoard;
import vn.luot.display.board.CounterBoard;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.protocol.LuotFrameProtocol;
import vn.luot.display.protocol.ModbusLedProtocol;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.display.simulator.SimulatedBoards.Behaviour;
import vn.luot.core.sim.SocatPair;

/** Real bytes over a socat pty pair: jSerialComm on one end, the simulated boards on the other. */
@RequiresTools(Tool.SOCAT)
class SerialBusTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final LuotFrameProtocol luot = new LuotFrameProtocol();
    private final ModbusLedProtocol modbus = new ModbusLedProtocol();
    private final BlockingQueue<String> simLog = new LinkedBlockingQueue<>();
    private SocatPair pair;
    private SerialBus bus;
    private SimulatedBoards boards;

    @AfterEach
    void stop() {
        if (bus != null) {
            bus.close();
        }
        if (boards != null) {
            boards.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private void startWith(SimulatedBoards.Builder simulated) throws InterruptedException {
        pair = SocatPair.start(dir.resolve("adapter"), dir.resolve("bus"));
        boards = simulated.log(simLog::add).build().start();
        awaitSimulatorListening();
        bus = SerialBus.builder(pair.device().toString())
                .answerTimeout(Duration.ofMillis(150))
                .watchdogInterval(Duration.ofMillis(50))
                .build();
        assertThat(bus.start().open()).isTrue();
    }

    private SimulatedBoards.Builder sim() {
        return SimulatedBoards.builder(dir.resolve("bus").toString(), clock);
    }

    private void awaitSimulatorListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String line = simLog.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith("listening on")) {
                return;
            }
        }
        throw new AssertionError("the simulated boards did not open their port within 5 s");
    }

    @Test
    void showsATicketOnASimulatedBoardAndReportsItOnline() throws Exception {
        startWith(sim().board(1, "luot"));
        CounterBoard board = new BusCounterBoard(1, 1, luot, bus);

        assertThat(board.show("HT-012")).isEqualTo(BoardStatus.ONLINE);
        assertThat(board.blink(5)).isEqualTo(BoardStatus.ONLINE);

        assertThat(boards.board(1)).hasValueSatisfying(v -> {
            assertThat(v.shown()).isEqualTo("HT-012");
            assertThat(v.blinkingAt(clock.instant())).isTrue();
        });
        assertThat(boards.nextFrame(1000).hex()).isEqualTo("02 01 10 06 48 54 2D 30 31 32 C3 0E 03");
        assertThat(boards.render()).contains("HT-012").contains("blinking");
    }

    @Test
    void severalBoardsOfBothProtocolsShareOneBusByAddress() throws Exception {
        startWith(sim().board(1, "luot").board(2, "luot").board(3, "modbus-led"));
        CounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        CounterBoard two = new BusCounterBoard(2, 2, luot, bus);
        CounterBoard three = new BusCounterBoard(3, 3, modbus, bus);

        assertThat(one.show("HT-012")).isEqualTo(BoardStatus.ONLINE);
        assertThat(two.show("CT-007")).isEqualTo(BoardStatus.ONLINE);
        assertThat(three.show("DD-208")).isEqualTo(BoardStatus.ONLINE);
        assertThat(two.brightness(4)).isEqualTo(BoardStatus.ONLINE);
        assertThat(three.ping()).isEqualTo(BoardStatus.ONLINE);
        // A 7-segment board cannot blink: a recall (the same number again) flashes it instead: dark for a moment,
        // then the number again; still online.
        assertThat(three.show("DD-208")).isEqualTo(BoardStatus.ONLINE);
        boards.frames().clear();
        assertThat(three.blink(5)).isEqualTo(BoardStatus.ONLINE);
        // Its register 0 holds a number: "dark" is 0, as the register-0 family has no blank value.
        java.util.List<BoardCommand> flash = new java.util.ArrayList<>();
        for (SimulatedBoards.Frame f; (f = boards.nextFrame(2000)) != null; ) {
            flash.add(f.command());
            if (new BoardCommand.Show("208").equals(f.command())) {
                break;
            }
        }
        assertThat(flash).containsSubsequence(new BoardCommand.Show("0"), new BoardCommand.Show("208"));

        assertThat(boards.board(1).orElseThrow().shown()).isEqualTo("HT-012");
        assertThat(boards.board(2).orElseThrow().shown()).isEqualTo("CT-007");
        assertThat(boards.board(2).orElseThrow().brightness()).isEqualTo(4);
        assertThat(boards.board(3).orElseThrow().shown()).isEqualTo("208");

        // Broadcast: every Lượt board clears, nobody answers, the bus does not wait for an answer.
        assertThat(bus.exchange(luot, 0, luot.encode(0, new BoardCommand.Clear())).answer()).isNull();
        awaitFrameTo(0);
        assertThat(boards.board(1).orElseThrow().shown()).isEmpty();
        assertThat(boards.board(2).orElseThrow().shown()).isEmpty();
        assertThat(boards.board(3).orElseThrow().shown()).isEqualTo("208");
    }

    private void awaitFrameTo(int address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            SimulatedBoards.Frame f = boards.frames().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (f != null && f.address() == address) {
                return;
            }
        }
        throw new AssertionError("no frame to address " + address);
    }

    @Test
    void aBoardThatNeverAnswersIsRetriedThenReportedNotAnswering() throws Exception {
        startWith(sim().board(1, "luot"));
        CounterBoard missing = new BusCounterBoard(9, 9, luot, bus);

        assertThat(missing.show("HT-001")).isEqualTo(BoardStatus.NOT_ANSWERING);

        long framesTo9 = boards.frames().stream().filter(f -> f.address() == 9).count();
        assertThat(framesTo9).as("first send and two retries").isEqualTo(3);
        assertThat(new BusCounterBoard(1, 1, luot, bus).show("HT-002")).isEqualTo(BoardStatus.ONLINE);
    }

    @Test
    void aBoardThatStopsAnsweringDoesNotFlapOnOneLostExchange() throws Exception {
        startWith(sim().board(1, "luot"));
        CounterBoard board = new BusCounterBoard(1, 1, luot, bus);
        assertThat(board.show("HT-001")).isEqualTo(BoardStatus.ONLINE);

        boards.setBehaviour(1, Behaviour.SILENT);
        assertThat(board.show("HT-002")).as("one failed exchange").isEqualTo(BoardStatus.ONLINE);
        assertThat(board.show("HT-002")).as("two in a row").isEqualTo(BoardStatus.NOT_ANSWERING);

        boards.setBehaviour(1, Behaviour.ANSWERS);
        assertThat(board.show("HT-003")).as("one answer").isEqualTo(BoardStatus.NOT_ANSWERING);
        assertThat(board.show("HT-003")).as("two in a row").isEqualTo(BoardStatus.ONLINE);
    }

    @Test
    void aBoardThatAnswersGarbageIsNotAnsweringAndDoesNotDisturbItsNeighbours() throws Exception {
        startWith(sim().board(1, "luot").board(4, "luot", Behaviour.GARBAGE).board(5, "modbus-led", Behaviour.GARBAGE));
        CounterBoard good = new BusCounterBoard(1, 1, luot, bus);
        CounterBoard noisy = new BusCounterBoard(4, 4, luot, bus);
        CounterBoard noisyModbus = new BusCounterBoard(5, 5, modbus, bus);

        assertThat(noisy.show("HT-001")).isEqualTo(BoardStatus.NOT_ANSWERING);
        assertThat(noisyModbus.show("HT-001")).isEqualTo(BoardStatus.NOT_ANSWERING);
        assertThat(good.show("HT-002")).isEqualTo(BoardStatus.ONLINE);
        assertThat(boards.board(1).orElseThrow().shown()).isEqualTo("HT-002");
    }

    @Test
    void aPulledAdapterGoesOfflineAndIsReopenedWhenPluggedBackIn() throws Exception {
        startWith(sim().board(1, "luot").board(2, "modbus-led"));
        BlockingQueue<String> portEvents = new LinkedBlockingQueue<>();
        bus.addStatusListener(new BoardBus.StatusListener() {
            @Override
            public void boardStatusChanged(int address, BoardStatus status) {
            }

            @Override
            public void portChanged(boolean open, String detail) {
                portEvents.add(open ? "open" : "offline");
            }
        });
        CounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        CounterBoard two = new BusCounterBoard(2, 2, modbus, bus);
        assertThat(one.show("HT-012")).isEqualTo(BoardStatus.ONLINE);

        pair.unplug();
        assertThat(portEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("offline");
        assertThat(one.status()).isEqualTo(BoardStatus.OFFLINE);
        assertThat(one.show("HT-013")).isEqualTo(BoardStatus.OFFLINE);

        pair.replug();
        assertThat(portEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("open");
        awaitSimulatorListening();
        assertThat(one.status()).isEqualTo(BoardStatus.UNKNOWN);
        assertThat(one.show("HT-014")).isEqualTo(BoardStatus.ONLINE);
        assertThat(two.show("HT-015")).isEqualTo(BoardStatus.ONLINE);
        assertThat(boards.board(1).orElseThrow().shown()).isEqualTo("HT-014");
        assertThat(boards.board(2).orElseThrow().shown()).isEqualTo("15");
    }

    @Test
    void aPortThatIsMissingAtStartIsReportedNotThrown() {
        try (SerialBus missing = SerialBus.builder(dir.resolve("no-such-adapter").toString())
                .reopenFailuresBeforeOffline(1).build()) {
            SerialBus.PortState state = missing.start();
            assertThat(state.open()).isFalse();
            assertThat(state.detail()).contains("no-such-adapter");
            assertThat(new BusCounterBoard(1, 1, luot, missing).show("HT-001")).isEqualTo(BoardStatus.OFFLINE);
        }
    }

    private void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bus.waitingForTurn() < n) {
            assertThat(System.nanoTime()).as(n + " exchanges waiting within 5 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void aCallGoesAheadOfEveryRefreshWaitingForTheWire() throws Exception {
        startWith(sim().board(1, "luot").board(9, "luot", Behaviour.SILENT));
        BusCounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        BusCounterBoard silent = new BusCounterBoard(9, 9, luot, bus);
        // The silent board holds the wire for its three unanswered attempts while the others queue up.
        Thread busy = new Thread(silent::ping);
        busy.start();
        awaitFrameTo(9);
        java.util.List<Thread> queued = new java.util.ArrayList<>();
        for (String refreshed : new String[] {"HT-001", "HT-002", "HT-003"}) {
            Thread t = new Thread(() -> bus.exchange(luot, 1, luot.encode(1, new BoardCommand.Show(refreshed)),
                    BoardBus.Priority.REFRESH));
            t.start();
            queued.add(t);
            awaitWaiting(queued.size());
        }
        Thread call = new Thread(() -> one.show("HT-004"));
        call.start();
        awaitWaiting(4);
        busy.join();
        call.join();
        for (Thread t : queued) {
            t.join();
        }
        java.util.List<BoardCommand> toBoard1 = new java.util.ArrayList<>();
        for (SimulatedBoards.Frame f; (f = boards.nextFrame(200)) != null; ) {
            if (f.address() == 1) {
                toBoard1.add(f.command());
            }
        }
        assertThat(toBoard1).containsExactly(new BoardCommand.Show("HT-004"), new BoardCommand.Show("HT-001"),
                new BoardCommand.Show("HT-002"), new BoardCommand.Show("HT-003"));
    }

    @Test
    void aRefreshThatGotNoAnswerIsNotRetriedWhileACallWaits() throws Exception {
        startWith(sim().board(1, "luot").board(9, "luot", Behaviour.SILENT));
        BusCounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        BusCounterBoard silent = new BusCounterBoard(9, 9, luot, bus);
        Thread busy = new Thread(silent::ping);
        busy.start();
        awaitFrameTo(9);
        Thread call = new Thread(() -> one.show("HT-005"));
        call.start();
        awaitWaiting(1);
        busy.join();
        call.join();

        long framesTo9 = boards.frames().stream().filter(f -> f.address() == 9).count();
        assertThat(framesTo9).as("no retry after the first frame (taken above): the call went first").isZero();
        assertThat(boards.board(1).orElseThrow().shown()).isEqualTo("HT-005");
        assertThat(silent.status()).as("an exchange cut short for a call is no failure").isEqualTo(BoardStatus.UNKNOWN);
    }

    @Test
    void aRefreshOvertakenByACallDoesNotPutTheOlderNumberBack() throws Exception {
        startWith(sim().board(1, "luot").board(9, "luot", Behaviour.SILENT));
        BusCounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        BusCounterBoard silent = new BusCounterBoard(9, 9, luot, bus);
        Thread busy = new Thread(silent::ping);
        busy.start();
        awaitFrameTo(9);
        Thread refresh = new Thread(() -> one.refresh(java.util.Optional.of("HT-001")));
        refresh.start();
        awaitWaiting(1);
        Thread call = new Thread(() -> one.show("HT-002"));
        call.start();
        awaitWaiting(2);
        busy.join();
        call.join();
        refresh.join();
        assertThat(boards.board(1).orElseThrow().shown()).isEqualTo("HT-002");
    }

    @Test
    void keepsThreeAndAHalfCharacterTimesOfSilenceComputedFromTheLineSettings() {
        assertThat(SerialLine.Settings.DEFAULT.interFrameNanos()).isEqualTo(3_645_833L);
        assertThat(SerialLine.Settings.of(9600, 'E', 1).interFrameNanos()).as("11 bits a character").isEqualTo(4_010_417L);
        assertThat(SerialLine.Settings.of(38400, 'N', 1).interFrameNanos()).as("fixed above 19200").isEqualTo(1_750_000L);
        assertThat(SerialLine.Settings.of(19200, 'N', 1).interFrameNanos()).isEqualTo(1_822_917L);
    }
}
