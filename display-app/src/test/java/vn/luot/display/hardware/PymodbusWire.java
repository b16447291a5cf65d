package vn.luot.display.hardware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import vn.luot.core.sim.SocatPair;
import vn.luot.display.simulator.PacedWire;
import vn.luot.display.transport.SerialLine;

/**
 * LED boards that nobody here wrote: pymodbus 3.0.0 RTU slaves ({@code modbus/led_board_slave.py}) on the far
 * end of a 9600-baud wire emulated between two socat pty pairs by {@link PacedWire}. {@link #adapter()} is the
 * path the display opens as its RS-485 adapter; {@link #registers(int)} is what pymodbus holds.
 */
final class PymodbusWire implements AutoCloseable {

    private final SocatPair displaySide;
    private final SocatPair boardSide;
    private final PacedWire wire;
    private final Process slave;
    private final Map<Integer, int[]> registers = new ConcurrentHashMap<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** {@code boards}: address → number of holding registers (the profile's register map). */
    PymodbusWire(Path dir, Map<Integer, Integer> boards) throws IOException, InterruptedException {
        displaySide = SocatPair.start(dir.resolve("adapter"), dir.resolve("wire-a"));
        boardSide = SocatPair.start(dir.resolve("wire-b"), dir.resolve("boards"));
        wire = PacedWire.between(displaySide.peer().toString(), boardSide.device().toString(), SerialLine.Settings.DEFAULT);
        Path script = dir.resolve("led_board_slave.py");
        try (var in = PymodbusWire.class.getResourceAsStream("/modbus/led_board_slave.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), "--port", boardSide.peer().toString()));
        boards.forEach((a, n) -> cmd.addAll(List.of("--board", a + ":" + n)));
        slave = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(slave.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("REGS ")) {
                        int[] v = Arrays.stream(line.substring(5).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
                        registers.put(v[0], Arrays.copyOfRange(v, 1, v.length));
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the slave ended
            }
            lines.add("<eof>");
        }, "pymodbus slave");
        reader.setDaemon(true);
        reader.start();
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("<eof>")) {
                break;
            }
            seen.append(line).append('\n');
            if (line.equals("READY")) {
                return;
            }
        }
        close();
        throw new IllegalStateException("the pymodbus slave did not start (apt-get install python3-pymodbus"
                + " python3-serial python3-serial-asyncio):\n" + seen);
    }

    /** Debian's python3 (where python3-pymodbus lives), also when another python3 comes first on the PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    String adapter() {
        return displaySide.device().toString();
    }

    int[] registers(int address) {
        int[] r = registers.get(address);
        return r == null ? new int[0] : r.clone();
    }

    long bytesCarried() {
        return wire.bytesCarried();
    }

    /** Waits until pymodbus holds {@code expected} from register 0 of board {@code address}. */
    boolean awaitRegisters(int address, int[] expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            int[] r = registers(address);
            if (r.length >= expected.length && Arrays.equals(Arrays.copyOf(r, expected.length), expected)) {
                return true;
            }
            lines.poll(20, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    @Override
    public void close() {
        if (slave != null) {
            slave.destroy();
            try {
                slave.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (wire != null) {
            wire.close();
        }
        boardSide.close();
        displaySide.close();
    }
}
