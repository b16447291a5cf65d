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
import vn.luot.display.transport.SerialLine;

/**
 * LED boards on a simulated RS-485 bus: listens on a serial port (a pseudo-terminal from socat), decodes
 * frames of either protocol, keeps the state of every address and answers as the real boards do. It is
 * the other end of the bus in the demo and the tests; it speaks the same bytes as the hardware.
 *
 * <p>When its port disappears (socat killed: the "adapter pulled") it keeps reopening the same path.
 */
public final class SimulatedBoards implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedBoards.class.getName());
    private static final List<BoardProtocol> PROTOCOLS = List.of(new LuotFrameProtocol(), new ModbusLedProtocol());
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
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean running = true;
    private volatile boolean connected;

    private SimulatedBoards(Builder b) {
        this.path = b.path;
        this.settings = b.settings;
        this.clock = b.clock;
        this.log = b.log;
        b.boards.forEach(v -> boards.put(v.address(), v));
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
        SerialLine line = null;
        while (running) {
            try {
                if (line == null) {
                    SerialLine.Opening opening = SerialLine.open(path, settings);
                    if (opening instanceof SerialLine.Opening.Opened opened) {
                        line = opened.line();
                        connected = true;
                        log.accept("listening on " + path);
                    } else {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                        continue;
                    }
                }
                int n = line.read(buffer, length, buffer.length - length);
                if (n < 0 || (n == 0 && !line.isAlive())) {
                    log.accept("port " + path + " is gone; waiting for it to come back");
                    line.close();
                    line = null;
                    connected = false;
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
    private int scan(byte[] buffer, int length, SerialLine line) {
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

    private void handle(Decoded.Request request, SerialLine line) {
        try {
            act(request, line);
        } finally {
            // Published after the boards changed, so whoever takes the frame sees its effect.
            frames.add(new Frame(request.protocol().name(), request.address(), request.command(),
                    Hex.of(request.frame())));
        }
    }

    private void act(Decoded.Request request, SerialLine line) {
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
        if (request.command() == null) {
            int reason = protocol instanceof ModbusLedProtocol
                    ? ModbusLedProtocol.EXCEPTION_ILLEGAL_ADDRESS : LuotFrameProtocol.NAK_UNKNOWN_COMMAND;
            answer(line, protocol.encodeAnswer(request, false, reason));
            return;
        }
        BoardView after = apply(board, request.command());
        boards.put(after.address(), after);
        int status = protocol instanceof ModbusLedProtocol ? valueShown(after) : 0;
        answer(line, protocol.encodeAnswer(request, true, status));
        log.accept(render());
    }

    private static int valueShown(BoardView v) {
        return v.shown().isEmpty() ? 0 : Math.max(0, ModbusLedProtocol.numberIn(v.shown()));
    }

    private void answer(SerialLine line, byte[] bytes) {
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

        private Builder(String path, Clock clock) {
            this.path = Objects.requireNonNull(path, "path");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** A board at {@code address} speaking {@code protocol} ({@code luot} or {@code modbus-led}). */
        public Builder board(int address, String protocol, Behaviour behaviour) {
            if (PROTOCOLS.stream().noneMatch(p -> p.name().equals(protocol))) {
                throw new IllegalArgumentException("unknown board protocol '" + protocol + "'; known: "
                        + Arrays.toString(PROTOCOLS.stream().map(BoardProtocol::name).toArray()));
            }
            if (address < 1 || address > 247) {
                throw new IllegalArgumentException("a board address is 1..247: " + address);
            }
            boards.add(new BoardView(address, protocol, behaviour, "", 0, 15, clock.instant()));
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
