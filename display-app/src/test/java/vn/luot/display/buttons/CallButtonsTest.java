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
        assertThat(chip.register(Mcp23017.IODIRA)).as("GPA7 is output-only (datasheet rev. D)").isEqualTo(0x7F);
        assertThat(chip.register(Mcp23017.IODIRB)).as("GPB7 too").isEqualTo(0x7F);
        assertThat(chip.register(Mcp23017.OLATA) & 0x80).as("GPA7 driven LOW").isZero();
        assertThat(chip.register(Mcp23017.GPPUA)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.GPPUB)).isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.GPINTENA)).isEqualTo(0x7F);
        assertThat(chip.register(Mcp23017.IOCON)).isEqualTo(Mcp23017.IOCON_MIRROR | Mcp23017.IOCON_ODR);
    }

    @Test
    void theDatasheetModelComesBackFromAPowerCycleWithThePowerOnResetValues() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        Mcp23017 driver = new Mcp23017(chip, 0x20);
        driver.configureButtons();
        assertThat(driver.isConfigured()).isTrue();

        chip.setPowered(false);
        chip.setPowered(true);

        // DS20001952 table 3-5 (IOCON.BANK = 0): IODIRA/B 1111 1111, every other register 0000 0000.
        for (int r = 0; r <= Mcp23017.OLATB; r++) {
            assertThat(chip.register(r)).as("register 0x%02X", r)
                    .isEqualTo(r == Mcp23017.IODIRA || r == Mcp23017.IODIRB ? 0xFF : 0x00);
        }
        assertThat(driver.isConfigured()).isFalse();
        assertThat(driver.readPinsIfConfigured()).isEmpty();
        assertThat(driver.readPins()).as("without pull-ups the released buttons read LOW, as floating inputs may")
                .isZero();
    }

    private static final String KEYPADS = """
            mcp:0x20:0   1 VERY_SATISFIED
            mcp:0x20:1   1 SATISFIED
            mcp:0x20:2   1 NEUTRAL
            mcp:0x20:3   1 DISSATISFIED
            mcp:0x20:8   2 VERY_SATISFIED
            mcp:0x20:9   2 SATISFIED
            mcp:0x20:10  2 NEUTRAL
            mcp:0x20:11  2 DISSATISFIED
            """;

    private CallButtons keypads(SimulatedMcp23017 chip, String interrupt) {
        return CallButtons.builder(pi4j, PinMap.parse(KEYPADS + interrupt), listener)
                .clock(clock).delivery(Runnable::run).expanders(address -> chip).build();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "interrupt gpio:4"})
    void aKeypadResetByAPowerGlitchGivesNoPhantomRatingsNoStuckReportsAndKeepsWorking(String interrupt) {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        CallButtons buttons = keypads(chip, interrupt);
        buttons.tick();
        clock.advance(Duration.ofSeconds(1));

        chip.setPowered(false); // a brownout shorter than one poll: the chip never misses a read
        chip.setPowered(true);
        buttons.tick();

        assertThat(presses).as("levels read without pull-ups are not presses").isEmpty();
        assertThat(chip.register(Mcp23017.GPPUA)).as("configured again").isEqualTo(0xFF);
        assertThat(chip.register(Mcp23017.IOCON)).isEqualTo(Mcp23017.IOCON_MIRROR | Mcp23017.IOCON_ODR);
        assertThat(buttons.expanderResets()).isEqualTo(1);
        assertThat(buttons.expandersOnline()).isTrue();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(6));
            buttons.tick();
        }
        assertThat(presses).isEmpty();
        assertThat(stuck).as("no button looks held").isEmpty();

        chip.setPressed(9, true);
        buttons.tick();
        assertThat(presses).containsExactly(new ButtonPress(2, ButtonAction.SATISFIED, clock.instant()));
    }

    @Test
    void aButtonHeldThroughAGlitchIsOnePressAndCountsAgainAfterItsRelease() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        CallButtons buttons = keypads(chip, "");
        buttons.tick();
        clock.advance(Duration.ofSeconds(1));
        chip.setPressed(0, true);
        buttons.tick();
        assertThat(presses).hasSize(1);

        chip.setPowered(false);
        chip.setPowered(true);
        buttons.tick(); // finds the reset, drops what it read
        buttons.tick(); // pull-ups back: still held, no new press
        chip.setPressed(0, false);
        clock.advance(Duration.ofSeconds(1));
        buttons.tick();
        clock.advance(Duration.ofSeconds(11));
        buttons.tick();
        assertThat(stuck).isEmpty();

        chip.setPressed(0, true);
        buttons.tick();
        assertThat(presses).extracting(ButtonPress::action)
                .containsExactly(ButtonAction.VERY_SATISFIED, ButtonAction.VERY_SATISFIED);
    }

    @Test
    void thePeriodicReadBackRestoresADirectionRegisterThatChanged() {
        SimulatedMcp23017 chip = new SimulatedMcp23017();
        CallButtons buttons = keypads(chip, "");
        buttons.tick();
        chip.write(Mcp23017.IODIRB, 0xFF); // GPB7 an input again; IOCON and the pull-ups intact: only the full read-back sees it
        buttons.tick();
        assertThat(chip.register(Mcp23017.IODIRB)).as("not yet: read back once a second").isEqualTo(0xFF);

        clock.advance(Duration.ofSeconds(1));
        buttons.tick();
        assertThat(chip.register(Mcp23017.IODIRB)).isEqualTo(0x7F);
        assertThat(buttons.expanderResets()).isEqualTo(1);
        assertThat(presses).isEmpty();
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

    @Test
    void thePinMapRefusesTheOutputOnlyExpanderPinsGpa7AndGpb7() {
        assertThatThrownBy(() -> PinMap.parse("mcp:0x20:6 1 NEXT\nmcp:0x20:7 1 RECALL"))
                .hasMessageContaining("line 2").hasMessageContaining("GPA7").hasMessageContaining("output-only")
                .hasMessageContaining("rev. D");
        assertThatThrownBy(() -> PinMap.parse("mcp:0x21:15 2 NEUTRAL")).hasMessageContaining("GPB7");
        assertThat(PinMap.parse("mcp:0x20:14 1 NEXT").wires()).hasSize(1);
    }
}
