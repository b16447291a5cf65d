package vn.luot.display.buttons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Rating;
import vn.luot.core.testing.MutableClock;

/** Pi4J's mock platform: mockState(...) fires our listeners synchronously, so no waiting is needed. */
class CallButtonsTest {

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private final Context pi4j = Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                    MockI2CProvider.newInstance())
            .build();
    private final List<ButtonPress> presses = new CopyOnWriteArrayList<>();
    private final List<ButtonStuck> stuck = new CopyOnWriteArrayList<>();
    private final ButtonListener listener = new ButtonListener() {
        @Override
        public void pressed(ButtonPress press) {
            presses.add(press);
        }

        @Override
        public void stuck(ButtonStuck s) {
            stuck.add(s);
        }
    };

    private static final String WIRING = """
            gpio:17  1 NEXT
            gpio:27  1 RECALL
            gpio:22  1 NO_SHOW
            gpio:23  2 NEXT
            gpio:12  1 VERY_SATISFIED
            gpio:16  1 SATISFIED
            gpio:20  1 NEUTRAL
            gpio:21  1 DISSATISFIED
            mcp:0x20:0  3 NEXT
            mcp:0x20:9  3 RECALL      # GPB1
            ack gpio:5  1
            interrupt gpio:4
            """;

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private CallButtons buttons(SimulatedMcp23017 chip) {
        return CallButtons.builder(pi4j, PinMap.parse(WIRING), listener)
                .clock(clock)
                .delivery(Runnable::run)
                .debounce(Duration.ofMillis(30))
                .stuckAfter(Duration.ofSeconds(10))
                .expanders(address -> chip)
                .build();
    }

    private MockDigitalInput pin(int bcm) {
        return (MockDigitalInput) pi4j.<DigitalInput>getIO("button-gpio" + bcm);
    }

    private void set(int bcm, DigitalState state, int advanceMillis) {
        pin(bcm).mockState(state);
        clock.advance(Duration.ofMillis(advanceMillis));
    }

    @Test
    void aPressIsOneEventAndLightsTheCountersAcknowledgementLed() {
        buttons(new SimulatedMcp23017());
        set(17, DigitalState.HIGH, 1000);
        set(17, DigitalState.LOW, 0);

        assertThat(presses).containsExactly(new ButtonPress(1, ButtonAction.NEXT, clock.instant()));
        DigitalOutput ack = pi4j.getIO("ack-gpio5");
        assertThat(ack.state()).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void theAcknowledgementGoesOffAfterItsMoment() {
        CallButtons buttons = buttons(new SimulatedMcp23017());
        set(17, DigitalState.HIGH, 1000);
        set(17, DigitalState.LOW, 100);
        buttons.tick();
        assertThat(pi4j.<DigitalOutput>getIO("ack-gpio5").state()).isEqualTo(DigitalState.HIGH);
        clock.advance(Duration.ofMillis(250));
        buttons.tick();
        assertThat(pi4j.<DigitalOutput>getIO("ack-gpio5").state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void aContactBouncingWithinTheDebounceWindowIsOnePress() {
        buttons(new SimulatedMcp23017());
        set(17, DigitalState.HIGH, 1000);
        set(17, DigitalState.LOW, 2);
        set(17, DigitalState.HIGH, 3);
        set(17, DigitalState.LOW, 2);
        set(17, DigitalState.HIGH, 1);
        set(17, DigitalState.LOW, 500);
        // release bounces too: HIGH/LOW/HIGH
        set(17, DigitalState.HIGH, 2);
        set(17, DigitalState.LOW, 2);
        set(17, DigitalState.HIGH, 200);

        assertThat(presses).hasSize(1);

        set(17, DigitalState.LOW, 0);
        assertThat(presses).as("a second real press after a steady release").hasSize(2);
    }

    @Test
    void aStuckButtonIsReportedOnceAndNotRepeated() {
        CallButtons buttons = buttons(new SimulatedMcp23017());
        set(23, DigitalState.HIGH, 1000);
        set(23, DigitalState.LOW, 0);
        var pressedAt = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        buttons.tick();
        assertThat(stuck).isEmpty();

        clock.advance(Duration.ofSeconds(6));
        buttons.tick();
        clock.advance(Duration.ofSeconds(60));
        buttons.tick();
        assertThat(stuck).containsExactly(new ButtonStuck(2, ButtonAction.NEXT, pressedAt));
        assertThat(presses).hasSize(1);

        set(23, DigitalState.HIGH, 1000);
        set(23, DigitalState.LOW, 0);
        assertThat(presses).as("works again once freed").hasSize(2);
    }

    @Test
    void theKeypadGivesTheFourRatings() {
        buttons(new SimulatedMcp23017());
        for (int bcm : new int[] {12, 16, 20, 21}) {
            set(bcm, DigitalState.HIGH, 1000);
            set(bcm, DigitalState.LOW, 10);
        }
        assertThat(presses).extracting(p -> p.action().rating().orElseThrow())
                .containsExactly(Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.NEUTRAL, Rating.DISSATISFIED);
        assertThat(presses).allMatch(p -> p.counter() == 1);
    }

    @Test
    void configuresTheExpanderAsPulledUpInputsWithMirroredOpenDrainInterrupt() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        buttons(chip);
        assertThat(chip.register(Mcp23017.IODIRA)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.IODIRB)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.GPPUA)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.GPPUB)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.GPINTENA)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.IOCON)).isEqualTo(Mcp23017.IOCON_MIRROR | Mcp23017.IOCON_ODR);
    }

    @Test
    void anExpanderButtonIsSeenByPolling() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        CallButtons buttons = buttons(chip);
        buttons.tick();
        assertThat(presses).as("released buttons with pull-ups read HIGH").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        chip.setPressed(9, true);
        buttons.tick();
        chip.setPressed(9, false);
        clock.advance(Duration.ofMillis(5));
        buttons.tick();
        chip.setPressed(9, true); // bounce 5 ms after release
        buttons.tick();

        assertThat(presses).extracting(ButtonPress::counter, ButtonPress::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, ButtonAction.RECALL));
    }

    @Test
    void anExpanderButtonIsSeenAtOnceThroughTheInterruptLine() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        buttons(chip);
        MockDigitalInput interrupt = (MockDigitalInput) pi4j.<DigitalInput>getIO("expander-int-gpio4");
        interrupt.mockState(DigitalState.HIGH);
        clock.advance(Duration.ofSeconds(1));

        chip.setPressed(0, true);
        assertThat(chip.interruptLineLow()).isTrue();
        interrupt.mockState(DigitalState.LOW);

        assertThat(presses).containsExactly(new ButtonPress(3, ButtonAction.NEXT, clock.instant()));
        assertThat(chip.interruptLineLow()).as("reading GPIO cleared it").isFalse();
    }

    @Test
    void anExpanderThatDisappearsIsReportedAndPickedUpAgain() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        CallButtons buttons = buttons(chip);
        chip.setPowered(false);
        buttons.tick();
        assertThat(buttons.expandersOnline()).isFalse();
        set(17, DigitalState.HIGH, 1000);
        set(17, DigitalState.LOW, 0);
        assertThat(presses).as("GPIO buttons still work").hasSize(1);

        chip.setPowered(true);
        buttons.tick();
        assertThat(buttons.expandersOnline()).isTrue();
        assertThat(chip.register(Mcp23017.GPPUA)).as("reconfigured after power loss").isEqualTo(0xFF);
    }

    @Test
    void aPinMapWithAMistakeNamesTheLine() {
        assertThatThrownBy(() -> PinMap.parse("gpio:17 1 NEXT\ngpio:17 2 NEXT"))
                .hasMessageContaining("wired twice");
        assertThatThrownBy(() -> PinMap.parse("gpio:17 1 NEXT\ngpio:40 2 NEXT"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PinMap.parse("gpio:17 1 NEXTT")).hasMessageContaining("line 1");
    }
}
