package vn.luot.display.buttons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.luot.core.testing.MutableClock;

/**
 * GpioButtons on the mock platform, pressed through its SimulatedButtons. Presses reach the listener on the
 * buttons' single delivery thread, in order, and nothing ticks in the background: so what a press delivered
 * is the next item of the queue, and a duplicate would show up in place of the following press.
 */
class SimulatedButtonsTest {

    private static final String WIRING = """
            gpio:17      1 NEXT
            gpio:27      1 RECALL
            mcp:0x20:3   2 RECALL
            mcp:0x21:0   1 VERY_SATISFIED
            mcp:0x21:1   1 SATISFIED
            mcp:0x21:2   1 NEUTRAL
            mcp:0x21:3   1 DISSATISFIED
            mcp:0x21:8   2 VERY_SATISFIED     # GPB0
            mcp:0x21:9   2 SATISFIED
            mcp:0x21:10  2 NEUTRAL
            mcp:0x21:11  2 DISSATISFIED
            ack gpio:5   1
            """;
    private static final String POLLED = "";
    private static final String INT_LINE = "interrupt gpio:4";

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final BlockingQueue<ButtonPress> delivered = new LinkedBlockingQueue<>();
    private GpioButtons buttons;

    @AfterEach
    void close() {
        if (buttons != null) {
            buttons.close();
        }
    }

    private SimulatedButtons open(String interrupt) {
        buttons = GpioButtons.open(true, PinMap.parse(WIRING + interrupt), delivered::add, clock);
        return buttons.simulated().orElseThrow();
    }

    /** A press at a staff member's pace (well past the 30 ms debounce), and the press it delivered. */
    private ButtonPress press(SimulatedButtons fingers, int counter, ButtonAction action) throws InterruptedException {
        clock.advance(Duration.ofSeconds(2));
        assertThat(fingers.press(counter, action)).as("counter %d %s is wired", counter, action).isTrue();
        ButtonPress press = delivered.poll(5, TimeUnit.SECONDS);
        assertThat(press).as("counter %d %s delivered", counter, action).isNotNull();
        return press;
    }

    @ParameterizedTest
    @ValueSource(strings = {POLLED, INT_LINE})
    void everyButtonGpioOrExpanderDeliversExactlyOnePressOfItsCounterAndAction(String interrupt) throws Exception {
        SimulatedButtons fingers = open(interrupt);
        PinMap map = PinMap.parse(WIRING);
        for (PinMap.Wire w : map.wires()) {
            assertThat(press(fingers, w.counter(), w.action()))
                    .isEqualTo(new ButtonPress(w.counter(), w.action(), clock.instant()));
        }
        assertThat(press(fingers, 1, ButtonAction.NEXT).action()).as("nothing more after the last press")
                .isEqualTo(ButtonAction.NEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {POLLED, INT_LINE})
    void twoPressesInARowOnAnExpanderAreTwoPresses(String interrupt) throws Exception {
        SimulatedButtons fingers = open(interrupt);
        assertThat(press(fingers, 2, ButtonAction.RECALL).action()).isEqualTo(ButtonAction.RECALL);
        assertThat(press(fingers, 2, ButtonAction.RECALL).action()).isEqualTo(ButtonAction.RECALL);
        assertThat(press(fingers, 1, ButtonAction.NEUTRAL).action()).isEqualTo(ButtonAction.NEUTRAL);
        assertThat(press(fingers, 1, ButtonAction.NEUTRAL).action()).isEqualTo(ButtonAction.NEUTRAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {POLLED, INT_LINE})
    void aPoweredOffExpandersButtonsAreDeadWhileTheOthersWorkAndComeBackWithIt(String interrupt) throws Exception {
        SimulatedButtons fingers = open(interrupt);
        SimulatedMcp23017 keypads = fingers.expander(0x21).orElseThrow();
        keypads.setPowered(false);

        clock.advance(Duration.ofSeconds(2));
        assertThat(fingers.press(2, ButtonAction.SATISFIED)).as("the button is still wired").isTrue();
        // Had the dead keypad's press been delivered, it would come out before these.
        assertThat(press(fingers, 1, ButtonAction.NEXT).action()).isEqualTo(ButtonAction.NEXT);
        assertThat(press(fingers, 2, ButtonAction.RECALL).action()).as("the other expander").isEqualTo(ButtonAction.RECALL);

        keypads.setPowered(true);
        assertThat(press(fingers, 2, ButtonAction.SATISFIED))
                .isEqualTo(new ButtonPress(2, ButtonAction.SATISFIED, clock.instant()));
        assertThat(press(fingers, 2, ButtonAction.SATISFIED).action()).isEqualTo(ButtonAction.SATISFIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {POLLED, INT_LINE})
    void aKeypadResetByAGlitchMidRunSendsNoPhantomRatingAndKeepsItsButtons(String interrupt) throws Exception {
        SimulatedButtons fingers = open(interrupt);
        assertThat(press(fingers, 1, ButtonAction.NEUTRAL).action()).isEqualTo(ButtonAction.NEUTRAL);
        SimulatedMcp23017 keypads = fingers.expander(0x21).orElseThrow();

        keypads.setPowered(false);
        keypads.setPowered(true);

        // Phantom ratings read off the reset chip would come out before this press.
        assertThat(press(fingers, 2, ButtonAction.DISSATISFIED))
                .isEqualTo(new ButtonPress(2, ButtonAction.DISSATISFIED, clock.instant()));
        assertThat(press(fingers, 1, ButtonAction.NEXT).action()).isEqualTo(ButtonAction.NEXT);
        assertThat(press(fingers, 1, ButtonAction.VERY_SATISFIED).action()).isEqualTo(ButtonAction.VERY_SATISFIED);
        assertThat(delivered).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {POLLED, INT_LINE})
    void stillOnePressEachWhileTheTickPollsTheSameExpandersEveryMillisecond(String interrupt) throws Exception {
        SimulatedButtons fingers = open(interrupt);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            buttons.startTicking(ticks, Duration.ofMillis(1));
            for (int i = 0; i < 300; i++) {
                ButtonAction action = i % 2 == 0 ? ButtonAction.DISSATISFIED : ButtonAction.VERY_SATISFIED;
                assertThat(press(fingers, 2, action).action()).as("press %d", i).isEqualTo(action);
            }
        } finally {
            ticks.shutdownNow();
        }
    }

    @Test
    void aButtonTheMapDoesNotHaveIsNotPressedAndOnlyItsExpandersAreSimulated() {
        SimulatedButtons fingers = open(POLLED);
        assertThat(fingers.press(3, ButtonAction.NEXT)).isFalse();
        assertThat(fingers.press(2, ButtonAction.NO_SHOW)).isFalse();
        assertThat(fingers.expander(0x20)).isPresent();
        assertThat(fingers.expander(0x22)).isEmpty();
        assertThat(delivered).isEmpty();
    }
}
