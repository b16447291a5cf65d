package vn.luot.display.buttons;

/**
 * An I2C chip seen as 8-bit registers. The seam between the MCP23017 driver and Pi4J's {@code I2C}, so the
 * driver is tested against {@link SimulatedMcp23017}. A missing or unpowered chip throws at read or write
 * (Pi4J's I/O exception); the caller turns that into a status.
 */
public interface RegisterDevice {

    int read(int register);

    void write(int register, int value);

    /** Reads {@code into.length} consecutive registers from {@code register} (the chip auto-increments). */
    void read(int register, byte[] into);
}
