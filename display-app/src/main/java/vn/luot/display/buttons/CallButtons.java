package vn.luot.display.buttons;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The counters' call buttons and rating keypads, on Pi GPIO pins and MCP23017 expanders, wired as a
 * {@link PinMap} says. Buttons close to ground against pull-ups (active low). Each press passes Pi4J's
 * debounce and then a software guard ({@link Debouncer}), lights the counter's acknowledgement LED/buzzer for
 * a moment, and is handed to the listener as a {@link ButtonPress} through the delivery executor.
 *
 * <p>Thread policy: Pi4J calls us on its own event thread (synchronously on the caller's thread with the
 * mock platform); {@link #tick()} runs on the caller's scheduler. Both only decide under a lock; listeners
 * run on the delivery executor, never on Pi4J's thread and never on the UI thread. A listener that throws
 * is logged with the press it failed on.
 */
public final class CallButtons implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CallButtons.class.getName());

    private final Clock clock;
    private final Executor delivery;
    private final ButtonListener listener;
    private final Duration ackDuration;
    private final Object lock = new Object();
    private final Map<PinMap.Input, Button> buttons = new LinkedHashMap<>();
    private final Map<Integer, DigitalOutput> acks = new HashMap<>();
    private final Map<Integer, Instant> ackUntil = new HashMap<>();
    private final List<Chip> chips = new ArrayList<>();
    private final List<DigitalInput> inputs = new ArrayList<>();
    private final Duration verifyEvery;
    private Instant nextVerify = Instant.MIN;
    private int resets;
    private ScheduledFuture<?> ticking;

    private record Button(PinMap.Wire wire, Debouncer debouncer) {
    }

    private static final class Chip {
        final Mcp23017 driver;
        boolean online;
        int lastPins = 0xFFFF;
        Instant resetLoggedAt;

        Chip(Mcp23017 driver) {
            this.driver = driver;
        }
    }

    private CallButtons(Builder b) {
        this.clock = b.clock;
        this.delivery = b.delivery;
        this.listener = b.listener;
        this.ackDuration = b.ackDuration;
        this.verifyEvery = b.verifyEvery;
        Context pi4j = b.pi4j;
        Map<Integer, Chip> chipsByAddress = new LinkedHashMap<>();
        for (PinMap.Wire wire : b.pinMap.wires()) {
            Button button = new Button(wire, new Debouncer(b.debounce, b.stuckAfter));
            buttons.put(wire.input(), button);
            if (wire.input() instanceof PinMap.Gpio gpio) {
                DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                        .id("button-gpio" + gpio.bcm())
                        .name("counter " + wire.counter() + " " + wire.action())
                        .address(gpio.bcm())
                        .pull(PullResistance.PULL_UP)
                        .debounce(b.debounce.toNanos() / 1000, TimeUnit.MICROSECONDS));
                in.addListener(e -> level(wire.input(), e.state() == DigitalState.LOW));
                inputs.add(in);
            } else if (wire.input() instanceof PinMap.Expander x) {
                chipsByAddress.computeIfAbsent(x.i2cAddress(),
                        a -> new Chip(new Mcp23017(b.expanders.apply(a), a)));
            }
        }
        chips.addAll(chipsByAddress.values());
        for (Chip chip : chips) {
            configure(chip);
        }
        b.pinMap.expanderInterrupt().ifPresent(bcm -> {
            DigitalInput interrupt = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("expander-int-gpio" + bcm).name("MCP23017 INT").address(bcm).pull(PullResistance.PULL_UP));
            interrupt.addListener(e -> {
                if (e.state() == DigitalState.LOW) {
                    pollExpanders();
                }
            });
            inputs.add(interrupt);
        });
        b.pinMap.ackOutputs().forEach((counter, bcm) -> acks.put(counter, pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                .id("ack-gpio" + bcm).name("counter " + counter + " acknowledgement").address(bcm)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW))));
    }

    public static Builder builder(Context pi4j, PinMap pinMap, ButtonListener listener) {
        return new Builder(pi4j, pinMap, listener);
    }

    /** Calls {@link #tick()} every {@code period} on {@code scheduler} (10 ms polls expanders without INT). */
    public void startTicking(ScheduledExecutorService scheduler, Duration period) {
        ticking = scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "call buttons tick failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Polls the expanders (and, every {@link Builder#verifyEvery}, reads back their whole configuration),
     * reports stuck buttons, switches acknowledgement outputs off when their time is up.
     */
    public void tick() {
        Instant now = clock.instant();
        synchronized (lock) {
            if (!now.isBefore(nextVerify)) {
                nextVerify = now.plus(verifyEvery);
                verifyExpanders();
            }
        }
        pollExpanders();
        List<ButtonStuck> stuck = new ArrayList<>();
        synchronized (lock) {
            for (Button b : buttons.values()) {
                Instant since = b.debouncer().stuckAt(now);
                if (since != null) {
                    stuck.add(new ButtonStuck(b.wire().counter(), b.wire().action(), since));
                }
            }
            ackUntil.entrySet().removeIf(e -> {
                if (!now.isBefore(e.getValue())) {
                    acks.get(e.getKey()).low();
                    return true;
                }
                return false;
            });
        }
        for (ButtonStuck s : stuck) {
            LOG.warning(() -> "counter " + s.counter() + " " + s.action() + " button held since " + s.since()
                    + ": stuck or shorted; ignored until released");
            deliver(() -> listener.stuck(s), s);
        }
    }

    /** Reads every expander (reconfiguring any that came back) and judges the pins that changed. */
    void pollExpanders() {
        List<ButtonPress> accepted = new ArrayList<>();
        for (Chip chip : chips) {
            // Judged under the lock they were read under: a press read by the tick and its release read on the
            // INT line (or by SimulatedButtons) then reach the debouncer in the order the chip showed them.
            synchronized (lock) {
                if (!chip.online && !configure(chip)) {
                    continue;
                }
                OptionalInt read;
                try {
                    read = chip.driver.readPinsIfConfigured();
                } catch (RuntimeException e) {
                    chip.online = false;
                    LOG.warning(() -> "MCP23017 0x" + Integer.toHexString(chip.driver.address())
                            + " stopped answering (" + e.getMessage() + "); its buttons are dead until it returns");
                    continue;
                }
                if (read.isEmpty()) {
                    reinitialise(chip, "IOCON/GPPU");
                    continue;
                }
                int pins = read.getAsInt();
                int changed = pins ^ chip.lastPins;
                chip.lastPins = pins;
                if (changed == 0) {
                    continue;
                }
                Instant now = clock.instant();
                for (int pin = 0; pin < 16; pin++) {
                    if (!Mcp23017.isInputPin(pin)) {
                        continue;
                    }
                    Button button = buttons.get(new PinMap.Expander(chip.driver.address(), pin));
                    if ((changed & 1 << pin) != 0 && button != null) {
                        ButtonPress press = judge(button, (pins & 1 << pin) == 0, now);
                        if (press != null) {
                            accepted.add(press);
                        }
                    }
                }
            }
        }
        accepted.forEach(this::deliver);
    }

    /**
     * Configures again a chip that answers but was reset (a brownout, a glitch on its RESET pin), whose
     * registers the read-back of {@code registers} found at their power-on values. The levels it showed
     * meanwhile (no pull-ups: released buttons may read pressed) are dropped, not judged; the next read,
     * with the pull-ups back, is compared with the last levels read while configured. Call under the lock.
     */
    private void reinitialise(Chip chip, String registers) {
        resets++;
        Instant now = clock.instant();
        // A chip that resets again and again (a failing supply) is logged once a minute, not every poll.
        if (chip.resetLoggedAt == null || !now.isBefore(chip.resetLoggedAt.plus(Duration.ofMinutes(1)))) {
            chip.resetLoggedAt = now;
            LOG.warning(() -> "MCP23017 0x" + Integer.toHexString(chip.driver.address()) + " was reset (power glitch?): "
                    + registers + " read back at power-on values; configured again, the levels it showed meanwhile"
                    + " dropped (" + resets + " resets since start)");
        }
        try {
            chip.driver.configureButtons();
        } catch (RuntimeException e) {
            chip.online = false;
            LOG.warning(() -> "MCP23017 0x" + Integer.toHexString(chip.driver.address()) + " missing: " + e.getMessage());
        }
    }

    /** The full read-back of every answering chip's configuration (IOCON, IODIR, GPPU). Call under the lock. */
    private void verifyExpanders() {
        for (Chip chip : chips) {
            if (!chip.online) {
                continue;
            }
            try {
                if (!chip.driver.isConfigured()) {
                    reinitialise(chip, "IOCON/IODIR/GPPU");
                }
            } catch (RuntimeException e) {
                chip.online = false;
                LOG.warning(() -> "MCP23017 0x" + Integer.toHexString(chip.driver.address())
                        + " stopped answering (" + e.getMessage() + "); its buttons are dead until it returns");
            }
        }
    }

    /** How many times an expander was found reset and configured again since start (the supervisor's figure). */
    public int expanderResets() {
        synchronized (lock) {
            return resets;
        }
    }

    /** Configures a chip; false (logged on the transition) when it does not answer. Call under the lock. */
    private boolean configure(Chip chip) {
        try {
            chip.driver.configureButtons();
            chip.lastPins = chip.driver.readPins();
            chip.online = true;
            LOG.info(() -> "MCP23017 0x" + Integer.toHexString(chip.driver.address()) + " configured");
            return true;
        } catch (RuntimeException e) {
            if (chip.online) {
                LOG.warning(() -> "MCP23017 0x" + Integer.toHexString(chip.driver.address()) + " missing: " + e.getMessage());
            }
            chip.online = false;
            return false;
        }
    }

    /** Whether every expander answers; the others' buttons still work when one does not. */
    public boolean expandersOnline() {
        synchronized (lock) {
            return chips.stream().allMatch(c -> c.online);
        }
    }

    private void level(PinMap.Input input, boolean low) {
        Button button = buttons.get(input);
        Instant now = clock.instant();
        ButtonPress press;
        synchronized (lock) {
            press = judge(button, low, now);
        }
        if (press != null) {
            deliver(press);
        }
    }

    /** The press a level makes, if any, with its acknowledgement lit. Call under the lock. */
    private ButtonPress judge(Button button, boolean low, Instant now) {
        if (!button.debouncer().level(low, now)) {
            return null;
        }
        ButtonPress press = new ButtonPress(button.wire().counter(), button.wire().action(), now);
        DigitalOutput ack = acks.get(press.counter());
        if (ack != null) {
            ack.high();
            ackUntil.put(press.counter(), now.plus(ackDuration));
        }
        return press;
    }

    private void deliver(ButtonPress press) {
        deliver(() -> listener.pressed(press), press);
    }

    private void deliver(Runnable call, Object event) {
        delivery.execute(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "button listener failed on " + event, e);
            }
        });
    }

    @Override
    public void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        synchronized (lock) {
            acks.values().forEach(DigitalOutput::low);
        }
    }

    /** Options; the Pi4J context, pin map and listener are required. */
    public static final class Builder {
        private final Context pi4j;
        private final PinMap pinMap;
        private final ButtonListener listener;
        private Clock clock = Clock.systemUTC();
        private Executor delivery;
        private Duration debounce = Duration.ofMillis(30);
        private Duration stuckAfter = Duration.ofSeconds(10);
        private Duration ackDuration = Duration.ofMillis(300);
        private Duration verifyEvery = Duration.ofSeconds(1);
        private IntFunction<RegisterDevice> expanders;

        private Builder(Context pi4j, PinMap pinMap, ButtonListener listener) {
            this.pi4j = Objects.requireNonNull(pi4j, "pi4j");
            this.pinMap = Objects.requireNonNull(pinMap, "pinMap");
            this.listener = Objects.requireNonNull(listener, "listener");
            this.expanders = address -> new Pi4jRegisterDevice(pi4j.create(I2C.newConfigBuilder(pi4j)
                    .id("mcp23017-0x" + Integer.toHexString(address)).bus(1).device(address)));
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where listeners run; default one "call-buttons" thread. Tests pass {@code Runnable::run}. */
        public Builder delivery(Executor delivery) {
            this.delivery = Objects.requireNonNull(delivery, "delivery");
            return this;
        }

        /** How long a line must stay released before a new press counts (and Pi4J's debounce). */
        public Builder debounce(Duration debounce) {
            this.debounce = Objects.requireNonNull(debounce, "debounce");
            return this;
        }

        public Builder stuckAfter(Duration stuckAfter) {
            this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
            return this;
        }

        public Builder ackDuration(Duration ackDuration) {
            this.ackDuration = Objects.requireNonNull(ackDuration, "ackDuration");
            return this;
        }

        /**
         * How often every expander's configuration is read back whole (IOCON, IODIR, GPPU); each poll already
         * checks IOCON and GPPU in the same read as the levels.
         */
        public Builder verifyEvery(Duration verifyEvery) {
            this.verifyEvery = Objects.requireNonNull(verifyEvery, "verifyEvery");
            return this;
        }

        /** The register device of the expander at an I2C address; default Pi4J I2C bus 1. */
        public Builder expanders(IntFunction<RegisterDevice> expanders) {
            this.expanders = Objects.requireNonNull(expanders, "expanders");
            return this;
        }

        public CallButtons build() {
            if (delivery == null) {
                delivery = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "call-buttons");
                    t.setDaemon(true);
                    return t;
                });
            }
            return new CallButtons(this);
        }
    }
}
