package vn.luot.display.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.protocol.BoardProtocol;
import vn.luot.display.protocol.BoardProtocol.Decoded;
import vn.luot.display.protocol.Hex;
import vn.luot.display.protocol.LuotFrameProtocol;
import vn.luot.display.protocol.ModbusLedProtocol;
import vn.luot.display.protocol.BoardProfile;
import vn.luot.display.transport.Line;
import vn.luot.display.transport.SerialLine;
import vn.luot.display.transport.TcpLine;

/**
 * LED boards on a simulated RS-485 bus: listens on a serial port (a pseudo-terminal from socat), decodes
 * frames of either protocol, keeps the state of every address and answers as the real boards do. It is
 * the other end of the bus in the demo and the tests; it speaks the same bytes as the hardware.
 *
 * <p>When its port disappears (socat killed: the "adapter pulled") it keeps reopening the same path.
 */
public final class SimulatedBoards implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedBoards.class.getName());
    /** Framing only: which board a Modbus request is for decides the profile that reads it. */
    private static final List<BoardProtocol> PROTOCOLS = List.of(new LuotFrameProtocol(), new ModbusLedProtocol());
    /**
     * Holding registers of a simulated Modbus board: the DM36 family has 8 (ASCII digits 0-5, the number in 6-7),
     * the register-0 family 5 (the value in 0, the decimal point in 1 or 4, by vendor).
     */
    static final int ASCII_BOARD_REGISTERS = 8;
    static final int NUMBER_BOARD_REGISTERS = 5;
    /** What a board with a broken UART sends back. */
    static final byte[] GARBAGE = {(byte) 0xFF, 0x00, 0x55, (byte) 0xAA, 0x13, 0x37, 0x42, (byte) 0x99};

    /** How a simulated board behaves on the bus. */
    public enum Behaviour {
        /** Like a healthy board. */
        ANSWERS,
        /** Powered off or its transceiver is dead: never answers. */
        SILENT,
        /** Answers noise (wrong baud rate, broken UART). */
        GARBAGE
    }

    /** What one board shows, as a value. {@code blinkSeconds} counts from {@code changedAt}. */
    public record BoardView(int address, String protocol, Behaviour behaviour, String shown, int blinkSeconds,
                            int brightness, Instant changedAt) {
        public boolean blinkingAt(Instant t) {
            return blinkSeconds > 0 && t.isBefore(changedAt.plusSeconds(blinkSeconds));
        }
    }

    /** One frame the bus carried, decoded. {@code command} is null for a frame the board could not read. */
    public record Frame(String protocol, int address, BoardCommand command, String hex) {
    }

    private final String path;
    private final SerialLine.Settings settings;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<Integer, BoardView> boards = new ConcurrentHashMap<>();
    private final Map<Integer, BoardProfile> profiles = new ConcurrentHashMap<>();
    /** Guarded by itself: the holding registers of each Modbus board. */
    private final Map<Integer, int[]> registers = new ConcurrentHashMap<>();
    private final java.net.ServerSocket tcp;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile boolean connected;

    private SimulatedBoards(Builder b) {
        this.path = b.path;
        this.settings = b.settings;
        this.clock = b.clock;
        this.log = b.log;
        this.tcp = b.tcp;
        b.boards.forEach(v -> boards.put(v.address(), v));
        profiles.putAll(b.profiles);
        profiles.forEach((a, p) -> {
            if (p.kind() == BoardProfile.Kind.MODBUS) {
                registers.put(a, initialRegisters(p));
            }
        });
        this.reader = new Thread(this::run, "simulated-boards " + path);
        this.reader.setDaemon(true);
    }

    public static Builder builder(String path, Clock clock) {
        return new Builder(path, clock);
    }

    public SimulatedBoards start() {
        reader.start();
        return this;
    }

    /** Every frame received, in order; tests take from it with a deadline. */
    public BlockingQueue<Frame> frames() {
        return frames;
    }

    public Frame nextFrame(long timeoutMillis) throws InterruptedException {
        return frames.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public Optional<BoardView> board(int address) {
        return Optional.ofNullable(boards.get(address));
    }

    public void setBehaviour(int address, Behaviour behaviour) {
        boards.computeIfPresent(address, (a, v) -> new BoardView(a, v.protocol(), behaviour, v.shown(),
                v.blinkSeconds(), v.brightness(), v.changedAt()));
    }

    public boolean isConnected() {
        return connected;
    }

    /** Where the display reaches these boards: the pty's path, or {@code tcp://127.0.0.1:PORT}. */
    public String endpoint() {
        return tcp != null ? "tcp://127.0.0.1:" + tcp.getLocalPort() : path;
    }

    /** A copy of the holding registers of Modbus board {@code address} (empty for a frame-protocol board). */
    public int[] registers(int address) {
        int[] r = registers.get(address);
        if (r == null) {
            return new int[0];
        }
        synchronized (r) {
            return r.clone();
        }
    }

    private static int[] initialRegisters(BoardProfile p) {
        int[] r = new int[Math.max(p.format() == BoardProfile.ValueFormat.ASCII_PER_DIGIT ? ASCII_BOARD_REGISTERS
                : NUMBER_BOARD_REGISTERS, p.firstRegister() + p.registers())];
        if (p.format() == BoardProfile.ValueFormat.ASCII_PER_DIGIT) {
            java.util.Arrays.fill(r, p.firstRegister(), p.firstRegister() + p.registers(), ' ');
        }
        return r;
    }

    /** The boards as text, one line each: {@code [  1 luot      ] HT-012   blinking  brightness 15}. */
    public String render() {
        Instant now = clock.instant();
        StringBuilder s = new StringBuilder();
        for (BoardView v : new TreeMap<>(boards).values()) {
            s.append(String.format("[%3d %-10s] %-8s %-9s brightness %2d%s%n", v.address(), v.protocol(),
                    v.shown().isEmpty() ? "--------" : v.shown(), v.blinkingAt(now) ? "blinking" : "",
                    v.brightness(), v.behaviour() == Behaviour.ANSWERS ? "" : "  (" + v.behaviour() + ")"));
        }
        return s.toString();
    }

    private void run() {
        byte[] buffer = new byte[256];
        int length = 0;
        int quietReads = 0;
        Line line = null;
        while (running) {
            try {
                if (line == null) {
                    if (tcp != null && !connected) {
                        connected = true; // listening: the display connects when it is ready
                        log.accept("listening on " + endpoint());
                    }
                    Line.Opening opening = tcp != null ? TcpLine.accept(tcp, 100) : Line.open(path, settings);
                    if (opening instanceof Line.Opening.Opened opened) {
                        line = opened.line();
                        connected = true;
                        log.accept(tcp != null ? "connected " + line.path() : "listening on " + path);
                    } else {
                        if (tcp == null) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                        }
                        continue;
                    }
                }
                int n = line.read(buffer, length, buffer.length - length);
                if (n < 0 || (n == 0 && !line.isAlive())) {
                    log.accept("port " + path + " is gone; waiting for it to come back");
                    line.close();
                    line = null;
                    connected = tcp != null;
                    length = 0;
                    continue;
                }
                if (n == 0) {
                    // An inter-frame gap: a partial frame before it will never be completed.
                    if (++quietReads >= 2 && length > 0) {
                        log.accept("dropped partial frame " + Hex.of(buffer, length));
                        length = 0;
                    }
                    continue;
                }
                quietReads = 0;
                length += n;
                length = scan(buffer, length, line);
            } catch (RuntimeException e) {
                // Never die silently: the demo would look like a dead bus.
                LOG.log(Level.SEVERE, "simulated boards on " + path + " failed; carrying on", e);
                length = 0;
            }
        }
        if (line != null) {
            line.close();
        }
    }

    /** Decodes and handles every whole frame at the front of the buffer; returns the bytes left. */
    private int scan(byte[] buffer, int length, Line line) {
        while (length > 0) {
            boolean needMore = false;
            Decoded.Request request = null;
            for (BoardProtocol p : PROTOCOLS) {
                Decoded d = p.decodeRequest(buffer, length);
                if (d instanceof Decoded.Request r) {
                    request = r;
                    break;
                }
                needMore |= d instanceof Decoded.NeedMore;
            }
            int consumed;
            if (request != null) {
                handle(request, line);
                consumed = request.length();
            } else if (needMore) {
                return length;
            } else {
                consumed = 1;
            }
            System.arraycopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
        }
        return 0;
    }

    private void handle(Decoded.Request request, Line line) {
        BoardProfile profile = profiles.get(request.address());
        if (request.protocol() instanceof ModbusLedProtocol && profile != null && profile.kind() == BoardProfile.Kind.MODBUS) {
            ModbusLedProtocol own = new ModbusLedProtocol(profile);
            request = (Decoded.Request) own.decodeRequest(request.frame(), request.length());
        }
        try {
            act(request, line);
        } finally {
            // Published after the boards changed, so whoever takes the frame sees its effect.
            frames.add(new Frame(request.protocol().name(), request.address(), request.command(),
                    Hex.of(request.frame())));
        }
    }

    private void act(Decoded.Request request, Line line) {
        BoardProtocol protocol = request.protocol();
        log.accept("<- " + protocol.name() + " " + Hex.of(request.frame()) + "  " + describe(request));
        if (protocol.isBroadcast(request.address())) {
            if (request.command() != null) {
                boards.replaceAll((a, v) -> v.protocol().equals(protocol.name()) && v.behaviour() != Behaviour.SILENT
                        ? apply(v, request.command()) : v);
            }
            return;
        }
        BoardView board = boards.get(request.address());
        if (board == null || !board.protocol().equals(protocol.name()) || board.behaviour() == Behaviour.SILENT) {
            return;
        }
        if (board.behaviour() == Behaviour.GARBAGE) {
            answer(line, GARBAGE);
            return;
        }
        if (protocol instanceof ModbusLedProtocol modbus) {
            actModbus(modbus, board, request, line);
            return;
        }
        if (request.command() == null) {
            answer(line, protocol.encodeAnswer(request, false, LuotFrameProtocol.NAK_UNKNOWN_COMMAND));
            return;
        }
        BoardView after = apply(board, request.command());
        boards.put(after.address(), after);
        answer(line, protocol.encodeAnswer(request, true, 0));
        log.accept(render());
    }

    /**
     * A Modbus board: holding registers that functions 03, 06 and 16 read and write (16 only where the profile
     * writes with it, as the register-0 family has no 16), exception 01 for any other function and 02 for
     * registers it does not have. What it shows is what its profile's registers hold.
     */
    private void actModbus(ModbusLedProtocol protocol, BoardView board, Decoded.Request request, Line line) {
        byte[] f = request.frame();
        int function = f[1] & 0xFF;
        BoardProfile profile = protocol.profile();
        boolean supported = function == ModbusLedProtocol.READ_HOLDING_REGISTERS
                || function == ModbusLedProtocol.WRITE_SINGLE_REGISTER
                || (function == ModbusLedProtocol.WRITE_MULTIPLE_REGISTERS
                    && profile.writeFunction() == ModbusLedProtocol.WRITE_MULTIPLE_REGISTERS);
        if (!supported) {
            answer(line, protocol.encodeAnswer(request, false, ModbusLedProtocol.EXCEPTION_ILLEGAL_FUNCTION));
            return;
        }
        int[] regs = registers.get(board.address());
        int first = ModbusLedProtocol.register(f);
        int count = ModbusLedProtocol.count(f);
        if (count < 1 || first + count > regs.length) {
            answer(line, protocol.encodeAnswer(request, false, ModbusLedProtocol.EXCEPTION_ILLEGAL_ADDRESS));
            return;
        }
        if (function == ModbusLedProtocol.READ_HOLDING_REGISTERS) {
            int[] values;
            synchronized (regs) {
                values = java.util.Arrays.copyOfRange(regs, first, first + count);
            }
            answer(line, ModbusLedProtocol.readAnswer(board.address(), values));
            return;
        }
        int[] values = ModbusLedProtocol.writtenValues(f);
        String shown;
        synchronized (regs) {
            System.arraycopy(values, 0, regs, first, values.length);
            shown = protocol.shownBy(java.util.Arrays.copyOfRange(regs, profile.firstRegister(),
                    profile.firstRegister() + profile.registers()));
        }
        BoardView after = new BoardView(board.address(), board.protocol(), board.behaviour(), shown, 0,
                board.brightness(), clock.instant());
        boards.put(after.address(), after);
        answer(line, protocol.encodeAnswer(request, true, 0));
        log.accept(render());
    }

    private void answer(Line line, byte[] bytes) {
        log.accept("-> " + Hex.of(bytes));
        line.write(bytes);
    }

    private BoardView apply(BoardView v, BoardCommand command) {
        Instant now = clock.instant();
        if (command instanceof BoardCommand.Show show) {
            return new BoardView(v.address(), v.protocol(), v.behaviour(), show.text(), 0, v.brightness(), now);
        } else if (command instanceof BoardCommand.Blink blink) {
            return new BoardView(v.address(), v.protocol(), v.behaviour(), v.shown(), blink.seconds(), v.brightness(), now);
        } else if (command instanceof BoardCommand.Clear) {
            return new BoardView(v.address(), v.protocol(), v.behaviour(), "", 0, v.brightness(), now);
        } else if (command instanceof BoardCommand.Brightness b) {
            return new BoardView(v.address(), v.protocol(), v.behaviour(), v.shown(), v.blinkSeconds(), b.level(),
                    v.changedAt());
        }
        return v;
    }

    private static String describe(Decoded.Request r) {
        return "addr " + r.address() + " " + (r.command() == null ? "unknown command 0x"
                + Integer.toHexString(r.rawCommand()) : r.command().toString());
    }

    @Override
    public void close() {
        running = false;
        if (tcp != null) {
            try {
                tcp.close();
            } catch (java.io.IOException ignored) {
                // closing is all we wanted
            }
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The boards on the bus and how they behave. */
    public static final class Builder {
        private final String path;
        private final Clock clock;
        private SerialLine.Settings settings = SerialLine.Settings.DEFAULT;
        private Consumer<String> log = line -> LOG.fine(line);
        private final List<BoardView> boards = new ArrayList<>();
        private final Map<Integer, BoardProfile> profiles = new java.util.HashMap<>();
        private java.net.ServerSocket tcp;

        private Builder(String path, Clock clock) {
            this.path = Objects.requireNonNull(path, "path");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** A board at {@code address} of a built-in profile ({@code luot}, {@code modbus-led}, {@code dm36}, ...). */
        public Builder board(int address, String profile, Behaviour behaviour) {
            return board(address, BoardProfile.builtIn(profile).orElseThrow(() -> new IllegalArgumentException(
                    "unknown board profile '" + profile + "'; known: " + BoardProfile.builtIn().keySet())), behaviour);
        }

        /** A board at {@code address} of {@code profile}, holding its registers as that model does. */
        public Builder board(int address, BoardProfile profile, Behaviour behaviour) {
            if (address < 1 || address > 247) {
                throw new IllegalArgumentException("a board address is 1..247: " + address);
            }
            boards.add(new BoardView(address, profile.name(), behaviour, "", 0, 15, clock.instant()));
            profiles.put(address, profile);
            return this;
        }

        public Builder board(int address, BoardProfile profile) {
            return board(address, profile, Behaviour.ANSWERS);
        }

        /**
         * Listens on {@code server} (a loopback TCP port) instead of a pty, as a serial-device server does: the
         * display connects with {@code boards.port = "tcp://127.0.0.1:PORT"}. Needs no socat.
         */
        public Builder tcp(java.net.ServerSocket server) {
            this.tcp = Objects.requireNonNull(server, "server");
            return this;
        }

        public Builder board(int address, String protocol) {
            return board(address, protocol, Behaviour.ANSWERS);
        }

        public Builder settings(SerialLine.Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Where the frame log goes (stdout in the program, the logger by default). */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public SimulatedBoards build() {
            return new SimulatedBoards(this);
        }
    }
}
