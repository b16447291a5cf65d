package vn.luot.display.buttons;

/**
 * A register model of an MCP23017 with buttons on its pins, for the demo and the tests: the reset values of
 * the datasheet, pull-ups (a released button on a pin without pull-up reads LOW, as a floating input may),
 * input polarity, output pins reading their latch, interrupt-on-change with INTF/INTCAP, mirrored open-drain INT, and sequential reads.
 * Safe for concurrent use (the GPIO thread presses, the polling thread reads).
 */
public final class SimulatedMcp23017 implements RegisterDevice {

    private final int[] registers = new int[0x16];
    private int pressed; // bit n: a button on pin n is held down, shorting it to ground
    private boolean interrupt;
    private boolean powered = true;

    public SimulatedMcp23017() {
        powerOnReset();
    }

    /** The datasheet's POR values (table 3-5, IOCON.BANK = 0): IODIR = 0xFF, every other register 0x00. */
    private void powerOnReset() {
        java.util.Arrays.fill(registers, 0);
        registers[Mcp23017.IODIRA] = 0xFF;
        registers[Mcp23017.IODIRB] = 0xFF;
        interrupt = false;
    }

    /** Presses or releases the button on pin 0..15, raising the interrupt if that pin has it enabled. */
    public synchronized void setPressed(int pin, boolean down) {
        int before = levels();
        pressed = down ? pressed | 1 << pin : pressed & ~(1 << pin);
        int changed = before ^ levels();
        int enabled = registers[Mcp23017.GPINTENA] | registers[Mcp23017.GPINTENB] << 8;
        if (powered && (changed & enabled) != 0) { // an unpowered chip pulls no INT line
            interrupt = true;
            registers[Mcp23017.INTFA] |= changed & enabled & 0xFF;
            registers[Mcp23017.INTFB] |= (changed & enabled) >> 8;
            registers[Mcp23017.INTCAPA] = levels() & 0xFF;
            registers[Mcp23017.INTCAPB] = levels() >> 8;
        }
    }

    /**
     * Cuts the chip's supply (unplugged cable, brownout): while off every access fails, as on the real I2C
     * bus; it comes back in its power-on state, having forgotten the driver's configuration. Off and on again
     * between two reads of the driver is a glitch it only sees in the registers.
     */
    public synchronized void setPowered(boolean on) {
        if (on && !powered) {
            powerOnReset();
        }
        powered = on;
        if (!on) {
            interrupt = false;
        }
    }

    /** The INT pin: open drain, active low, so LOW while an interrupt is pending. */
    public synchronized boolean interruptLineLow() {
        return powered && interrupt;
    }

    /** A register as the driver left it (for tests of the configuration). */
    public synchronized int register(int register) {
        return registers[register];
    }

    /** Input pins: HIGH through the pull-up unless the button shorts them; output pins: their latch. */
    private int levels() {
        int pullUps = registers[Mcp23017.GPPUA] | registers[Mcp23017.GPPUB] << 8;
        int inputs = registers[Mcp23017.IODIRA] | registers[Mcp23017.IODIRB] << 8;
        int latches = registers[Mcp23017.OLATA] | registers[Mcp23017.OLATB] << 8;
        return (pullUps & ~pressed & inputs | latches & ~inputs) & 0xFFFF;
    }

    @Override
    public synchronized int read(int register) {
        checkPowered();
        return switch (register) {
            case Mcp23017.GPIOA, Mcp23017.GPIOB -> {
                interrupt = false;
                registers[Mcp23017.INTFA] = 0;
                registers[Mcp23017.INTFB] = 0;
                int inputs = (levels() ^ (registers[Mcp23017.IPOLA] | registers[Mcp23017.IPOLB] << 8));
                yield register == Mcp23017.GPIOA ? inputs & 0xFF : inputs >> 8 & 0xFF;
            }
            case Mcp23017.INTCAPA, Mcp23017.INTCAPB -> {
                interrupt = false;
                yield registers[register];
            }
            case 0x0B -> registers[Mcp23017.IOCON];
            default -> registers[register];
        };
    }

    @Override
    public synchronized void write(int register, int value) {
        checkPowered();
        switch (register) {
            case Mcp23017.INTFA, Mcp23017.INTFB, Mcp23017.INTCAPA, Mcp23017.INTCAPB -> {
                // read-only
            }
            case 0x0B -> registers[Mcp23017.IOCON] = value & 0xFF;
            default -> registers[register] = value & 0xFF;
        }
    }

    @Override
    public synchronized void read(int register, byte[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = (byte) read(register + i);
        }
    }

    private void checkPowered() {
        if (!powered) {
            throw new IllegalStateException("MCP23017 does not acknowledge its address");
        }
    }
}
