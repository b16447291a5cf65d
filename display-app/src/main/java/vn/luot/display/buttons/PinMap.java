package vn.luot.display.buttons;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which input is which button, as data (hardware-docs/wiring.md has the branch default):
 * <pre>
 * # input        counter  action
 * gpio:17        1        NEXT
 * mcp:0x20:3     5        RECALL       # MCP23017 at 0x20, pin 3 (GPA3); pins 8..14 are GPB0..6
 * ack gpio:5     1                     # LED or buzzer acknowledging counter 1's presses
 * interrupt gpio:4                     # the expanders' shared INT line (else they are polled)
 * </pre>
 */
public record PinMap(List<Wire> wires, Map<Integer, Integer> ackOutputs, OptionalInt expanderInterrupt) {

    /** Where a button is wired. */
    public sealed interface Input {
    }

    /** A Pi GPIO pin, by BCM number. */
    public record Gpio(int bcm) implements Input {
        public Gpio {
            if (bcm < 2 || bcm > 27) {
                throw new IllegalArgumentException("a header GPIO is BCM 2..27: " + bcm);
            }
        }
    }

    /**
     * Pin 0..6 or 8..14 of the MCP23017 at I2C address 0x20..0x27. GPA7 and GPB7 (pins 7 and 15) are refused:
     * since revision D of Microchip's datasheet (DS20001952D) they are output-only, because a changing input
     * there can corrupt SDA during a read of the chip.
     */
    public record Expander(int i2cAddress, int pin) implements Input {
        public Expander {
            if (i2cAddress < 0x20 || i2cAddress > 0x27 || pin < 0 || pin > 15) {
                throw new IllegalArgumentException("an MCP23017 input is 0x20..0x27 pin 0..15: 0x"
                        + Integer.toHexString(i2cAddress) + ":" + pin);
            }
            if (!Mcp23017.isInputPin(pin)) {
                throw new IllegalArgumentException("mcp:0x" + Integer.toHexString(i2cAddress) + ":" + pin + " is "
                        + (pin == 7 ? "GPA7" : "GPB7") + ", output-only on the MCP23017 (Microchip datasheet"
                        + " DS20001952 rev. D: an input there can corrupt the I2C bus); wire the button to pins"
                        + " 0-6 or 8-14 (hardware-docs/wiring.md §3)");
            }
        }
    }

    public record Wire(Input input, int counter, ButtonAction action) {
        public Wire {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(action, "action");
            if (counter < 1) {
                throw new IllegalArgumentException("counter numbers start at 1: " + counter);
            }
        }
    }

    public PinMap {
        wires = List.copyOf(wires);
        ackOutputs = Map.copyOf(ackOutputs);
        Set<Input> seen = new HashSet<>();
        Set<Integer> gpios = new HashSet<>(ackOutputs.values());
        expanderInterrupt.ifPresent(gpios::add);
        for (Wire w : wires) {
            if (!seen.add(w.input())) {
                throw new IllegalArgumentException("input " + w.input() + " is wired twice");
            }
            if (w.input() instanceof Gpio g && gpios.contains(g.bcm())) {
                throw new IllegalArgumentException("GPIO " + g.bcm() + " is both a button and an output/interrupt");
            }
        }
    }

    /** Parses the text form above; errors name the line. */
    public static PinMap parse(String text) {
        List<Wire> wires = new ArrayList<>();
        Map<Integer, Integer> acks = new LinkedHashMap<>();
        OptionalInt interrupt = OptionalInt.empty();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                if (f[0].equals("ack") && f.length == 3) {
                    acks.put(Integer.parseInt(f[2]), gpio(f[1]));
                } else if (f[0].equals("interrupt") && f.length == 2) {
                    interrupt = OptionalInt.of(gpio(f[1]));
                } else if (f.length == 3) {
                    wires.add(new Wire(input(f[0]), Integer.parseInt(f[1]),
                            ButtonAction.valueOf(f[2].toUpperCase(Locale.ROOT).replace('-', '_'))));
                } else {
                    throw new IllegalArgumentException("expected 'INPUT COUNTER ACTION', 'ack gpio:N COUNTER' or 'interrupt gpio:N'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pin map line " + (i + 1) + " '" + lines[i].strip() + "': " + e.getMessage(), e);
            }
        }
        return new PinMap(wires, acks, interrupt);
    }

    private static int gpio(String s) {
        if (!s.startsWith("gpio:")) {
            throw new IllegalArgumentException("expected gpio:N, got " + s);
        }
        return new Gpio(Integer.parseInt(s.substring(5))).bcm();
    }

    private static Input input(String s) {
        if (s.startsWith("gpio:")) {
            return new Gpio(gpio(s));
        }
        if (s.startsWith("mcp:")) {
            String[] p = s.split(":");
            return new Expander(Integer.decode(p[1]), Integer.parseInt(p[2]));
        }
        throw new IllegalArgumentException("an input is gpio:N or mcp:0x2X:PIN, got " + s);
    }
}
