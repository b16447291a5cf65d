package vn.luot.display.buttons;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The call buttons on the platform the config chose: the Pi's GPIO and I2C (Pi4J's auto context), or Pi4J's
 * mock platform and simulated MCP23017s with {@link SimulatedButtons} to press them. Keeps the Pi4J context to
 * the buttons package.
 */
public final class GpioButtons implements AutoCloseable {

    private final Context pi4j;
    private final CallButtons buttons;
    private final SimulatedButtons simulated;

    private GpioButtons(Context pi4j, CallButtons buttons, SimulatedButtons simulated) {
        this.pi4j = pi4j;
        this.buttons = buttons;
        this.simulated = simulated;
    }

    public static GpioButtons open(boolean simulate, PinMap pinMap, ButtonListener listener, Clock clock) {
        Context pi4j = simulate ? SimulatedButtons.mockPlatform() : Pi4J.newAutoContext();
        try {
            CallButtons.Builder builder = CallButtons.builder(pi4j, pinMap, listener).clock(clock);
            if (!simulate) {
                return new GpioButtons(pi4j, builder.build(), null);
            }
            // Pi4J's mock I2C is no button chip: the expanders are register models that SimulatedButtons presses.
            Map<Integer, SimulatedMcp23017> expanders = SimulatedButtons.expandersOf(pinMap);
            CallButtons buttons = builder.expanders(expanders::get).build();
            return new GpioButtons(pi4j, buttons,
                    new SimulatedButtons(pi4j, pinMap, expanders, buttons::pollExpanders));
        } catch (RuntimeException e) {
            pi4j.shutdown();
            throw e;
        }
    }

    /** Polls expanders and reports stuck buttons every {@code period} on {@code scheduler}. */
    public void startTicking(ScheduledExecutorService scheduler, Duration period) {
        buttons.startTicking(scheduler, period);
    }

    public Optional<SimulatedButtons> simulated() {
        return Optional.ofNullable(simulated);
    }

    @Override
    public void close() {
        buttons.close();
        pi4j.shutdown();
    }
}
