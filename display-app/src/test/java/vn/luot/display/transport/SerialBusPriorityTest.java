package vn.luot.display.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.sim.SocatPair;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.display.board.BoardBus;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.board.BusCounterBoard;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.protocol.LuotFrameProtocol;
import vn.luot.display.protocol.ModbusLedProtocol;
import vn.luot.display.simulator.PacedWire;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.display.simulator.SimulatedBoards.Behaviour;

/**
 * What a call waits for on a shared RS-485 bus, with real bytes: jSerialComm on a socat pty, the simulated boards
 * on the far end, and for the timing-sensitive cases a {@link PacedWire} between them releasing the bytes at
 * 9600 baud, so that answers take their real time on the wire.
 */
@RequiresTools(Tool.SOCAT)
class SerialBusPriorityTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final LuotFrameProtocol luot = new LuotFrameProtocol();
    private final ModbusLedProtocol modbus = new ModbusLedProtocol();
    private final BlockingQueue<String> simLog = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private SerialBus bus;
    private SimulatedBoards boards;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The display's adapter on one pty pair, the boards on another, the 9600-baud wire between (paced) or not. */
    private void startWith(SimulatedBoards.Builder simulated, boolean paced, SerialBus.Builder busOptions) {
        String boardsEnd;
        String adapter;
        if (paced) {
            SocatPair displaySide = keep(SocatPair.start(dir.resolve("adapter"), dir.resolve("wire-a")));
            SocatPair boardSide = keep(SocatPair.start(dir.resolve("wire-b"), dir.resolve("boards")));
            keep(PacedWire.between(displaySide.peer().toString(), boardSide.device().toString(),
                    SerialLine.Settings.DEFAULT));
            adapter = displaySide.device().toString();
            boardsEnd = boardSide.peer().toString();
        } else {
            SocatPair pair = keep(SocatPair.start(dir.resolve("adapter"), dir.resolve("boards")));
            adapter = pair.device().toString();
            boardsEnd = pair.peer().toString();
        }
        boards = keep(simulated.log(simLog::add).build().start());
        await().atMost(Duration.ofSeconds(5)).until(() -> simLog.stream().anyMatch(l -> l.startsWith("listening on")));
        bus = keep(busOptions.build());
        assertThat(bus.start().open()).isTrue();
    }

    private SerialBus.Builder options() {
        return SerialBus.builder(dir.resolve("adapter").toString()).watchdogInterval(Duration.ofMillis(50));
    }

    private SimulatedBoards.Builder sim() {
        return SimulatedBoards.builder(dir.resolve("boards").toString(), clock);
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private SimulatedBoards.Frame awaitFrameTo(int address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            SimulatedBoards.Frame f = boards.frames().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (f != null && f.address() == address) {
                return f;
            }
        }
        throw new AssertionError("no frame to address " + address);
    }

    @Test
    void aBoardsStatusIsReadWithoutWaitingForTheExchangeOnTheWire() throws Exception {
        // One attempt of 3 s at a silent board holds the wire; the status of another board is asked meanwhile.
        startWith(sim().board(1, "luot").board(9, "luot", Behaviour.SILENT), false,
                options().answerTimeout(Duration.ofSeconds(3)).attempts(1));
        BusCounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        assertThat(one.show("HT-001")).isEqualTo(BoardStatus.ONLINE);
        Thread busy = new Thread(new BusCounterBoard(9, 9, luot, bus)::ping);
        busy.start();
        awaitFrameTo(9);

        assertThat(one.status()).isEqualTo(BoardStatus.ONLINE);
        assertThat(bus.status(9)).as("read while the exchange with board 9 still held the wire, before it failed")
                .isEqualTo(BoardStatus.UNKNOWN);
        busy.join();
        assertThat(bus.status(9)).isEqualTo(BoardStatus.NOT_ANSWERING);
    }

    @Test
    void aRefreshWaitingForASilentBoardGivesTheWireUpToACall() throws Exception {
        // Half a minute of answer timeout: a call that waited for it would not be done within the 10 s below.
        startWith(sim().board(1, "luot").board(9, "luot", Behaviour.SILENT), false,
                options().answerTimeout(Duration.ofSeconds(30)).attempts(1)
                        .answerStartWhileCallWaits(Duration.ofMillis(20)));
        BusCounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        BusCounterBoard silent = new BusCounterBoard(9, 9, luot, bus);
        Thread refresh = new Thread(() -> silent.refresh(Optional.of("HT-009")));
        refresh.start();
        awaitFrameTo(9);

        java.util.concurrent.CompletableFuture<BoardStatus> call =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> one.show("HT-002"));
        await().atMost(Duration.ofSeconds(10)).until(call::isDone);
        assertThat(call.get()).isEqualTo(BoardStatus.ONLINE);
        refresh.join();

        assertThat(boards.frames()).as("no retry to the silent board, and nothing but the call").extracting(
                SimulatedBoards.Frame::address).containsExactly(1);
        assertThat(silent.status()).as("an answer given up for a call is no failure").isEqualTo(BoardStatus.UNKNOWN);
    }

    @Test
    void noRefreshStartsWhileACallIsBeingDecided() throws Exception {
        startWith(sim().board(1, "luot").board(2, "luot"), false, options());
        BusCounterBoard one = new BusCounterBoard(1, 1, luot, bus);
        BusCounterBoard two = new BusCounterBoard(2, 2, luot, bus);

        BoardBus.CallAhead ahead = one.callComing();
        Thread refresh = new Thread(() -> two.refresh(Optional.of("CT-001")));
        refresh.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.waitingForTurn() == 1);
        assertThat(boards.frames()).as("the refresh waits for the call being decided").isEmpty();

        assertThat(one.show("HT-002")).isEqualTo(BoardStatus.ONLINE);
        assertThat(one.blink(5)).isEqualTo(BoardStatus.ONLINE);
        ahead.close();
        refresh.join();

        List<String> order = new ArrayList<>();
        for (SimulatedBoards.Frame f; (f = boards.nextFrame(500)) != null; ) {
            order.add(f.address() + " " + f.command());
        }
        assertThat(order).containsExactly("1 " + new BoardCommand.Show("HT-002"), "1 " + new BoardCommand.Blink(5),
                "2 " + new BoardCommand.Show("CT-001"));
    }

    @Test
    void aGarbledAnswerStillOnTheWireDoesNotSpoilTheNextBoardsAnswer() throws Exception {
        // Board 4 answers 8 bytes of garbage; at 9600 baud they take 8 ms, and the bus knows it is garbage at the
        // first. A request sent into the rest would collide with it, and its answer would start with the rest.
        startWith(sim().board(1, "luot").board(4, "luot", Behaviour.GARBAGE), true, options());
        BusCounterBoard good = new BusCounterBoard(1, 1, luot, bus);
        BusCounterBoard noisy = new BusCounterBoard(4, 4, luot, bus);

        // One round: the emulated wire is a thread, and a machine busy enough to stall it for 3.5 character
        // times mid-answer would make a quiet line of it.
        assertThat(noisy.show("HT-001")).isEqualTo(BoardStatus.NOT_ANSWERING);
        for (int attempt = 1; attempt <= 3; attempt++) {
            awaitFrameTo(4); // the simulator publishes a frame after answering it
        }
        assertThat(boards.frames()).isEmpty();
        assertThat(good.show("CT-001")).isEqualTo(BoardStatus.ONLINE);
        assertThat(boards.frames()).as("board 1 answered its first frame: no retry")
                .extracting(SimulatedBoards.Frame::address).containsExactly(1);
    }

    @Test
    void aCallBehindRefreshingBoardsWaitsForAtMostTheOneExchangeOnTheWire() throws Exception {
        // Six Modbus boards refreshed all the time (each a write and its read-back), on the 9600-baud wire.
        SimulatedBoards.Builder six = sim();
        for (int a = 1; a <= 6; a++) {
            six.board(a, "modbus-led");
        }
        startWith(six, true, options());
        List<BusCounterBoard> refreshed = new ArrayList<>();
        for (int a = 1; a <= 6; a++) {
            refreshed.add(new BusCounterBoard(a, a, modbus, bus));
        }
        AtomicBoolean refreshing = new AtomicBoolean(true);
        Thread refresher = new Thread(() -> {
            while (refreshing.get()) {
                for (BusCounterBoard b : refreshed) {
                    b.refresh(Optional.of(Integer.toString(100 + b.address())));
                }
            }
        });
        refresher.start();
        try {
            BusCounterBoard called = refreshed.get(2);
            for (int i = 0; i < 10; i++) {
                awaitFrameTo(5); // mid-round: a refresh is on the wire or about to be
                boards.frames().clear();
                String number = Integer.toString(500 + i);
                try (BoardBus.CallAhead ahead = called.callComing()) {
                    assertThat(called.show(number)).isEqualTo(BoardStatus.ONLINE);
                }
                List<String> before = new ArrayList<>();
                for (SimulatedBoards.Frame f; (f = boards.frames().poll()) != null; ) {
                    if (f.address() == 3 && new BoardCommand.Show(number).equals(f.command())) {
                        break;
                    }
                    before.add(f.address() + " " + f.hex());
                }
                assertThat(before).as("call " + i + ": frames that went out between the call and its number")
                        .hasSizeLessThanOrEqualTo(1);
            }
        } finally {
            refreshing.set(false);
            refresher.join();
        }
    }
}
