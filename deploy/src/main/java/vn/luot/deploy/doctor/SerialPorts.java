package vn.luot.deploy.doctor;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a serial port can be opened by this user, as the programs open it (jSerialComm). */
final class SerialPorts {

    private SerialPorts() {
    }

    /** Empty when the port opens, else why not, in the installer's words. */
    static Optional<String> openProblem(String path, int baud) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            return Optional.of(path + " does not exist");
        }
        if (!Files.isReadable(p) || !Files.isWritable(p)) {
            return Optional.of(path + " exists but this user may not open it (not in group dialout?)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            return Optional.of(path + ": " + e.getMessage());
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        if (!port.openPort()) {
            return Optional.of(path + " did not open (error " + port.getLastErrorCode() + "; in use by another program?)");
        }
        port.closePort();
        return Optional.empty();
    }
}
