package vn.luot.display.buttons;

import java.util.OptionalInt;

/**
 * Register-level driver of a Microchip MCP23017 16-bit I/O expander (I2C address 0x20–0x27), used for 14
 * buttons per chip. GPx0..6 inputs with the internal 100 kΩ pull-ups, buttons to ground (active low),
 * interrupt on any change, INTA and INTB mirrored and open-drain so several chips share one Pi GPIO line.
 * Register addresses are those of IOCON.BANK = 0 (the power-on default).
 */
public final class Mcp23017 {

    public static final int IODIRA = 0x00;
    public static final int IODIRB = 0x01;
    public static final int IPOLA = 0x02;
    public static final int IPOLB = 0x03;
    public static final int GPINTENA = 0x04;
    public static final int GPINTENB = 0x05;
    public static final int DEFVALA = 0x06;
    public static final int DEFVALB = 0x07;
    public static final int INTCONA = 0x08;
    public static final int INTCONB = 0x09;
    public static final int IOCON = 0x0A;
    public static final int GPPUA = 0x0C;
    public static final int GPPUB = 0x0D;
    public static final int INTFA = 0x0E;
    public static final int INTFB = 0x0F;
    public static final int INTCAPA = 0x10;
    public static final int INTCAPB = 0x11;
    public static final int GPIOA = 0x12;
    public static final int GPIOB = 0x13;
    public static final int OLATA = 0x14;
    public static final int OLATB = 0x15;

    public static final int IOCON_MIRROR = 0x40;
    public static final int IOCON_ODR = 0x04;

    /**
     * The pins used as inputs, per port: GPx0..GPx6. GPA7 and GPB7 are output-only since the datasheet's
     * revision D, so they are driven LOW (harmless even if something is wired from them to ground).
     */
    public static final int INPUTS = 0x7F;
    private static final int CONFIGURED_IOCON = IOCON_MIRROR | IOCON_ODR;

    private final RegisterDevice chip;
    private final int address;

    public Mcp23017(RegisterDevice chip, int address) {
        if (address < 0x20 || address > 0x27) {
            throw new IllegalArgumentException("an MCP23017 is at 0x20..0x27 (A2 A1 A0): 0x" + Integer.toHexString(address));
        }
        this.chip = chip;
        this.address = address;
    }

    /** Whether pin 0..15 may be an input (not GPA7 or GPB7). */
    public static boolean isInputPin(int pin) {
        return (INPUTS & 1 << (pin % 8)) != 0;
    }

    public int address() {
        return address;
    }

    /**
     * Makes GPx0..6 pulled-up inputs interrupting on change and GPx7 LOW outputs. Safe to repeat: it is how a
     * chip that was reset by a power glitch is brought back.
     */
    public void configureButtons() {
        chip.write(IOCON, CONFIGURED_IOCON);
        chip.write(OLATA, 0x00);
        chip.write(OLATB, 0x00);
        chip.write(IODIRA, INPUTS);
        chip.write(IODIRB, INPUTS);
        chip.write(IPOLA, 0x00);
        chip.write(IPOLB, 0x00);
        chip.write(GPPUA, 0xFF);
        chip.write(GPPUB, 0xFF);
        chip.write(INTCONA, 0x00);
        chip.write(INTCONB, 0x00);
        chip.write(GPINTENA, INPUTS);
        chip.write(GPINTENB, INPUTS);
    }

    /**
     * Whether the chip still holds our configuration, read back register by register (IOCON, IODIR, GPPU). A
     * chip that was reset (a brownout, a glitch on RESET) comes back with the datasheet's power-on values:
     * IODIR = 0xFF, IOCON = GPPU = 0, so without pull-ups its released buttons may read pressed.
     */
    public boolean isConfigured() {
        return chip.read(IOCON) == CONFIGURED_IOCON
                && chip.read(IODIRA) == INPUTS && chip.read(IODIRB) == INPUTS
                && chip.read(GPPUA) == 0xFF && chip.read(GPPUB) == 0xFF;
    }

    /**
     * The 16 pin levels, bit n = pin n (GPA0..7 = bits 0..7, GPB0..7 = bits 8..15), 1 = HIGH (released).
     * Reading GPIO also clears a pending interrupt.
     */
    public int readPins() {
        byte[] ab = new byte[2];
        chip.read(GPIOA, ab);
        return (ab[0] & 0xFF) | (ab[1] & 0xFF) << 8;
    }

    /**
     * The pin levels as {@link #readPins()}, or empty when the chip was reset since it was configured. One
     * sequential read from IOCON to GPIOB (10 registers), so the levels and the configuration they were read
     * under come from the same moment: levels read without the pull-ups are never taken for presses.
     */
    public OptionalInt readPinsIfConfigured() {
        byte[] r = new byte[GPIOB - IOCON + 1];
        chip.read(IOCON, r);
        boolean configured = (r[0] & 0xFF) == CONFIGURED_IOCON
                && (r[GPPUA - IOCON] & 0xFF) == 0xFF && (r[GPPUB - IOCON] & 0xFF) == 0xFF;
        return configured ? OptionalInt.of((r[GPIOA - IOCON] & 0xFF) | (r[GPIOB - IOCON] & 0xFF) << 8)
                : OptionalInt.empty();
    }
}
