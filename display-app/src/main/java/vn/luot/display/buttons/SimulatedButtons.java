package vn.luot.display.buttons;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.util.Objects;

/**
 * Fingers on the simulated call buttons: presses a button of the {@link PinMap} by driving its pin on Pi4J's
 * mock platform, so the press goes through the same debounce, acknowledgement and delivery as on the Pi
 * (the keyboard of the virtual boards window, the benchmark and the end-to-end test use it).
 */
public final class SimulatedButtons {

    private final Context pi4j;
    private final PinMap pinMap;

    /** Takes the buttons' pins (already created by {@link CallButtons}) to their idle level, as pull-ups do. */
    public SimulatedButtons(Context pi4j, PinMap pinMap) {
        this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
        this.pinMap = Objects.requireNonNull(pinMap, "pinMap");
        for (PinMap.Wire w : pinMap.wires()) {
            if (w.input() instanceof PinMap.Gpio gpio) {
                pin(gpio).mockState(DigitalState.HIGH);
            }
        }
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

    /**
     * Pushes and releases the button wired for {@code counter} and {@code action}; false when the pin map
     * has no such GPIO button. Listeners run as configured (on the caller's thread with a same-thread delivery).
     */
    public boolean press(int counter, ButtonAction action) {
        for (PinMap.Wire w : pinMap.wires()) {
            if (w.counter() == counter && w.action() == action && w.input() instanceof PinMap.Gpio gpio) {
                MockDigitalInput pin = pin(gpio);
                pin.mockState(DigitalState.LOW);
                pin.mockState(DigitalState.HIGH);
                return true;
            }
        }
        return false;
    }
}
