package vn.luot.display.buttons;

import com.pi4j.io.i2c.I2C;

/** Registers of a chip on the Pi's I2C bus through Pi4J. */
public final class Pi4jRegisterDevice implements RegisterDevice {

    private final I2C i2c;

    public Pi4jRegisterDevice(I2C i2c) {
        this.i2c = i2c;
    }

    @Override
    public int read(int register) {
        int value = i2c.readRegister(register);
        if (value < 0) {
            throw new IllegalStateException("I2C read of register 0x" + Integer.toHexString(register) + " failed: " + value);
        }
        return value & 0xFF;
    }

    @Override
    public void write(int register, int value) {
        i2c.writeRegister(register, (byte) value);
    }

    @Override
    public void read(int register, byte[] into) {
        int n = i2c.readRegister(register, into, 0, into.length);
        if (n != into.length) {
            throw new IllegalStateException("I2C read of " + into.length + " registers from 0x"
                    + Integer.toHexString(register) + " returned " + n);
        }
    }
}
