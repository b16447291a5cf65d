package vn.luot.display.buttons;

/**
 * Register-level driver of a Microchip MCP23017 16-bit I/O expander (I2C address 0x20–0x27), used for 16
 * buttons per chip. All pins inputs with the internal 100 kΩ pull-ups, buttons to ground (active low),
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

    private final RegisterDevice chip;
    private final int address;

    public Mcp23017(RegisterDevice chip, int address) {
        if (address < 0x20 || address > 0x27) {
            throw new IllegalArgumentException("an MCP23017 is at 0x20..0x27 (A2 A1 A0): 0x" + Integer.toHexString(address));
        }
        this.chip = chip;
        this.address = address;
    }

    public int address() {
        return address;
    }

    /** Makes all 16 pins pulled-up inputs interrupting on change. Safe to repeat (after a power glitch). */
    public void configureButtons() {
        chip.write(IOCON, IOCON_MIRROR | IOCON_ODR);
        chip.write(IODIRA, 0xFF);
        chip.write(IODIRB, 0xFF);
        chip.write(IPOLA, 0x00);
        chip.write(IPOLB, 0x00);
        chip.write(GPPUA, 0xFF);
        chip.write(GPPUB, 0xFF);
        chip.write(INTCONA, 0x00);
        chip.write(INTCONB, 0x00);
        chip.write(GPINTENA, 0xFF);
        chip.write(GPINTENB, 0xFF);
    }

    /** Whether the chip still holds our configuration (a chip that lost power comes back all-default). */
    public boolean isConfigured() {
        return chip.read(GPPUA) == 0xFF && chip.read(GPPUB) == 0xFF && (chip.read(IOCON) & IOCON_MIRROR) != 0;
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
}
