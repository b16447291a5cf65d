package vn.luot.display.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.board.BoardStatus;
import vn.luot.display.board.CounterBoard;
import vn.luot.display.buttons.CallButtons;
import vn.luot.display.buttons.PinMap;
import vn.luot.display.voice.CallSentence;

/** Real buttons (Pi4J mock) to a real queue (SQLite in a temp dir): the whole call path but the wires. */
class TwoCountersCallTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    private LocalQueue queue;

    @AfterEach
    void close() {
        pi4j.shutdown();
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void twoCountersPressingNextAtTheSameInstantGetTwoDifferentTickets() throws Exception {
        queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        // Counters 1 and 2 both serve HT (Hộ tịch).
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);

        List<CallDesk.Called> calls = new CopyOnWriteArrayList<>();
        List<CallSentence> spoken = new CopyOnWriteArrayList<>();
        RecordingBoard board1 = new RecordingBoard(1);
        RecordingBoard board2 = new RecordingBoard(2);
        CallDesk desk = new CallDesk(queue, Map.of(1, board1, 2, board2), spoken::add, calls::add);
        CallButtons buttons = CallButtons.builder(pi4j, PinMap.parse("gpio:17 1 NEXT\ngpio:23 2 NEXT"), desk)
                .clock(clock).delivery(Runnable::run).build();
        MockDigitalInput one = (MockDigitalInput) pi4j.<DigitalInput>getIO("button-gpio17");
        MockDigitalInput two = (MockDigitalInput) pi4j.<DigitalInput>getIO("button-gpio23");
        one.mockState(DigitalState.HIGH);
        two.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofSeconds(1));

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> fingers = new ArrayList<>();
        for (MockDigitalInput button : List.of(one, two)) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    button.mockState(DigitalState.LOW);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            fingers.add(t);
        }
        go.countDown();
        for (Thread t : fingers) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(c -> c.ticket().label()).doesNotHaveDuplicates();
        assertThat(calls).extracting(CallDesk.Called::counter).containsExactlyInAnyOrder(1, 2);
        assertThat(board1.shown).hasSize(1);
        assertThat(board2.shown).hasSize(1);
        assertThat(board1.shown.get(0)).isNotEqualTo(board2.shown.get(0));
        assertThat(spoken).extracting(CallSentence::counter).containsExactlyInAnyOrder(1, 2);
        buttons.close();
    }

    @Test
    void aSecondPhysicalNextWithinTheWindowIsIgnoredAndTheBoardBlinksBriefly() throws Exception {
        queue = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).open();
        String first = queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().label();
        String second = queue.issueWalkIn("HT", Purpose.SUBMIT, false, null).ticket().label();
        List<CallDesk.Called> calls = new CopyOnWriteArrayList<>();
        RecordingBoard board1 = new RecordingBoard(1);
        CallDesk desk = new CallDesk(queue, Map.of(1, board1), s -> { }, calls::add,
                vn.luot.display.voice.CallWording.spellingCodes(), new RepeatGuard(clock, Duration.ofSeconds(5)));
        CallButtons buttons = CallButtons.builder(pi4j, PinMap.parse("gpio:17 1 NEXT"), desk)
                .clock(clock).delivery(Runnable::run).debounce(Duration.ofMillis(30)).build();
        MockDigitalInput next = (MockDigitalInput) pi4j.<DigitalInput>getIO("button-gpio17");
        next.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofSeconds(1));

        next.mockState(DigitalState.LOW);           // calls the first number
        clock.advance(Duration.ofMillis(300));
        next.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofSeconds(2));
        next.mockState(DigitalState.LOW);           // 2.3 s later: the first citizen is still walking up

        assertThat(calls).extracting(c -> c.ticket().label()).containsExactly(first);
        assertThat(queue.currentAt(1)).map(t -> t.label()).contains(first);
        assertThat(board1.blinks).containsExactly(CallDesk.BLINK_SECONDS, CallDesk.IGNORED_BLINK_SECONDS);

        clock.advance(Duration.ofMillis(300));
        next.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofSeconds(3));
        next.mockState(DigitalState.LOW);           // past the window: a real NEXT

        assertThat(calls).extracting(c -> c.ticket().label()).containsExactly(first, second);
        buttons.close();
    }

    /** A board that remembers what it was asked to show. */
    private static final class RecordingBoard implements CounterBoard {
        final int counter;
        final List<String> shown = new CopyOnWriteArrayList<>();
        final List<Integer> blinks = new CopyOnWriteArrayList<>();

        RecordingBoard(int counter) {
            this.counter = counter;
        }

        @Override
        public int counter() {
            return counter;
        }

        @Override
        public BoardStatus show(String text) {
            shown.add(text);
            return BoardStatus.ONLINE;
        }

        @Override
        public BoardStatus blink(int seconds) {
            blinks.add(seconds);
            return BoardStatus.ONLINE;
        }

        @Override
        public BoardStatus clear() {
            return BoardStatus.ONLINE;
        }

        @Override
        public BoardStatus brightness(int level) {
            return BoardStatus.ONLINE;
        }

        @Override
        public BoardStatus ping() {
            return BoardStatus.ONLINE;
        }

        @Override
        public BoardStatus status() {
            return BoardStatus.ONLINE;
        }
    }
}
