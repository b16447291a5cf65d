package vn.luot.display.protocol;

/** CRC-16/MODBUS: reflected polynomial 0xA001, initial value 0xFFFF, sent low byte first. */
public final class Crc16Modbus {

    private Crc16Modbus() {
    }

    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** Whether the two bytes after {@code length} bytes at {@code offset} are their CRC, low byte first. */
    public static boolean matches(byte[] data, int offset, int length) {
        int crc = of(data, offset, length);
        return (data[offset + length] & 0xFF) == (crc & 0xFF) && (data[offset + length + 1] & 0xFF) == crc >>> 8;
    }
}
