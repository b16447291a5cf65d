package vn.luot.display.buttons;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Fingers on the simulated call buttons: presses a button of the {@link PinMap} on Pi4J's mock platform, so
 * the press goes through the same debounce, acknowledgement and delivery as on the Pi (the keyboard of the
 * virtual boards window, the benchmark and the end-to-end test use it). A GPIO button drives its mock input;
 * an expander button is held down on a {@link SimulatedMcp23017} (one per I2C address of the pin map) and
 * reaches {@link CallButtons} through the shared INT line when the pin map has one, else by a poll.
 *
 * <p>A press is pushed and released at one instant of the buttons' clock. As on the Pi, a press of the same
 * button less than the debounce time after its last release, on that clock, is taken for a bounce: callers
 * let that time pass between presses of one button (a test moves its clock).
 */
public final class SimulatedButtons {

    private final Context pi4j;
    private final PinMap pinMap;
    private final Map<Integer, SimulatedMcp23017> expanders;
    private final Runnable pollExpanders;
    private final MockDigitalInput interrupt; // null when the expanders are polled

    /**
     * Takes the buttons' pins and the INT line (already created by {@link CallButtons}) to their idle level,
     * as pull-ups do. {@code pollExpanders} reads the expanders as {@link CallButtons#tick()} does.
     */
    SimulatedButtons(Context pi4j, PinMap pinMap, Map<Integer, SimulatedMcp23017> expanders, Runnable pollExpanders) {
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.pinMap = Objects.requireNonNull(pinMap, "pinMap");
        this.expanders = Map.copyOf(expanders);
        this.pollExpanders = Objects.requireNonNull(pollExpanders, "pollExpanders");
        for (PinMap.Wire w : pinMap.wires()) {
            if (w.input() instanceof PinMap.Gpio gpio) {
                pin(gpio).mockState(DigitalState.HIGH);
            }
        }
        OptionalInt bcm = pinMap.expanderInterrupt();
        this.interrupt = bcm.isEmpty() ? null : (MockDigitalInput) pi4j.<DigitalInput>getIO("expander-int-gpio" + bcm.getAsInt());
        if (interrupt != null) {
            interrupt.mockState(DigitalState.HIGH);
        }
    }

    /** A simulated MCP23017 for each I2C address the pin map uses, to build {@link CallButtons} on. */
    static Map<Integer, SimulatedMcp23017> expandersOf(PinMap pinMap) {
        Map<Integer, SimulatedMcp23017> chips = new TreeMap<>();
        for (PinMap.Wire w : pinMap.wires()) {
            if (w.input() instanceof PinMap.Expander x) {
                chips.computeIfAbsent(x.i2cAddress(), a -> new SimulatedMcp23017());
            }
        }
        return chips;
    }

    private MockDigitalInput pin(PinMap.Gpio gpio) {
        return (MockDigitalInput) pi4j.<DigitalInput>getIO("button-gpio" + gpio.bcm());
    }

    /** A Pi4J context on the mock platform (GPIO in and out, I2C): the display's simulated hardware. */
    public static Context mockPlatform() {
        return Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                        MockI2CProvider.newInstance())
                .build();
    }

    /** The simulated expander at an I2C address of the pin map, to power it off and on (a pulled cable). */
    public Optional<SimulatedMcp23017> expander(int i2cAddress) {
        return Optional.ofNullable(expanders.get(i2cAddress));
    }

    /**
     * Pushes and releases the button wired for {@code counter} and {@code action}; false when the pin map
     * has no such button. Both levels have reached {@link CallButtons} when this returns (nothing, when the
     * button's expander is powered off). Listeners run as configured (on the buttons' delivery executor).
     * One press at a time, as callers on several threads (keyboard, staff loops) share the INT line.
     */
    public synchronized boolean press(int counter, ButtonAction action) {
        for (PinMap.Wire w : pinMap.wires()) {
            if (w.counter() == counter && w.action() == action) {
                if (w.input() instanceof PinMap.Gpio gpio) {
                    MockDigitalInput pin = pin(gpio);
                    pin.mockState(DigitalState.LOW);
                    pin.mockState(DigitalState.HIGH);
                } else if (w.input() instanceof PinMap.Expander x) {
                    press(expanders.get(x.i2cAddress()), x.pin());
                }
                return true;
            }
        }
        return false;
    }

    private void press(SimulatedMcp23017 chip, int pin) {
        // The tick would have run while the finger moved: an expander powered back on is configured again
        // before the press, else CallButtons would take the held button for the chip's idle level.
        pollExpanders.run();
        chip.setPressed(pin, true);
        reachCallButtons();
        // Without this the release might fall between two ticks, the line would never look released, and
        // the next press would not count.
        chip.setPressed(pin, false);
        reachCallButtons();
    }

    /** Brings the chips' new levels to CallButtons now, as the INT line or the next tick would. */
    private void reachCallButtons() {
        if (interrupt == null) {
            pollExpanders.run();
            return;
        }
        // LOW makes CallButtons read the chips, which releases the line again.
        interrupt.mockState(interruptLevel());
        interrupt.mockState(interruptLevel());
    }

    /** The chips' open-drain INT outputs are wired together: the line is LOW while any of them pulls it. */
    private DigitalState interruptLevel() {
        return expanders.values().stream().anyMatch(SimulatedMcp23017::interruptLineLow)
                ? DigitalState.LOW : DigitalState.HIGH;
    }
}
