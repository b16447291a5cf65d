package vn.luot.display.board;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import vn.luot.display.protocol.Answer;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.protocol.BoardProtocol;

/**
 * A counter's board at one address of a shared bus, speaking one protocol. Where the protocol can read the
 * board back, every show and clear is read back, and a board that holds something else is WRONG_CONTENT (an
 * echo is no proof: some models echo whatever they are sent). A board that cannot blink flashes a recall
 * instead (the same text shown again): it goes dark for a moment and shows it again. A new number needs no
 * flash there: it is visible by changing.
 */
public final class BusCounterBoard implements CounterBoard {

    private static final Logger LOG = Logger.getLogger(BusCounterBoard.class.getName());
    /** How long a board without blink stays dark when it flashes a recall. */
    static final long FLASH_DARK_MILLIS = 400;
    private static final ScheduledExecutorService FLASHES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "led-board-flash");
        t.setDaemon(true);
        return t;
    });

    private final int counter;
    private final int address;
    private final BoardProtocol protocol;
    private final BoardBus bus;
    private final Set<Class<?>> unsupportedLogged = ConcurrentHashMap.newKeySet();
    private volatile String lastShown;
    /** Whether the last show repeated what was shown already: a recall. */
    private volatile boolean repeated;
    private volatile boolean wrongContent;
    /** Counts what calls sent (show, clear, flash): a refresh taken over by one of them is dropped. */
    private final java.util.concurrent.atomic.AtomicLong callsSent = new java.util.concurrent.atomic.AtomicLong();

    public BusCounterBoard(int counter, int address, BoardProtocol protocol, BoardBus bus) {
        if (address < 1 || address > 247) {
            throw new IllegalArgumentException("counter " + counter + ": a board address is 1..247: " + address);
        }
        this.counter = counter;
        this.address = address;
        this.protocol = protocol;
        this.bus = bus;
    }

    @Override
    public int counter() {
        return counter;
    }

    public int address() {
        return address;
    }

    public BoardProtocol protocol() {
        return protocol;
    }

    @Override
    public BoardStatus show(String text) {
        repeated = text.equals(lastShown);
        lastShown = text;
        callsSent.incrementAndGet();
        return send(new BoardCommand.Show(text), BoardBus.Priority.CALL);
    }

    @Override
    public BoardStatus blink(int seconds) {
        BoardCommand.Blink blink = new BoardCommand.Blink(seconds);
        String shown = lastShown;
        if (!protocol.supports(blink) && seconds > 0 && shown != null && repeated
                && protocol.supports(new BoardCommand.Clear())) {
            BoardStatus dark = send(new BoardCommand.Clear(), BoardBus.Priority.CALL);
            FLASHES.schedule(() -> {
                if (shown.equals(lastShown)) {
                    send(new BoardCommand.Show(shown), BoardBus.Priority.CALL);
                }
            }, FLASH_DARK_MILLIS, TimeUnit.MILLISECONDS);
            return dark;
        }
        return send(blink, BoardBus.Priority.CALL);
    }

    @Override
    public BoardStatus clear() {
        lastShown = null;
        callsSent.incrementAndGet();
        return send(new BoardCommand.Clear(), BoardBus.Priority.CALL);
    }

    @Override
    public BoardStatus refresh(Optional<String> text) {
        long before = callsSent.get();
        return send(text.<BoardCommand>map(BoardCommand.Show::new).orElseGet(BoardCommand.Clear::new),
                BoardBus.Priority.REFRESH, () -> callsSent.get() == before);
    }

    @Override
    public BoardStatus brightness(int level) {
        return send(new BoardCommand.Brightness(level), BoardBus.Priority.CALL);
    }

    @Override
    public BoardStatus ping() {
        return send(new BoardCommand.Ping(), BoardBus.Priority.REFRESH);
    }

    @Override
    public BoardBus.CallAhead callComing() {
        return bus.callComing();
    }

    @Override
    public BoardStatus status() {
        BoardStatus s = bus.status(address);
        return s == BoardStatus.ONLINE && wrongContent ? BoardStatus.WRONG_CONTENT : s;
    }

    private BoardStatus send(BoardCommand command, BoardBus.Priority priority) {
        return send(command, priority, () -> true);
    }

    private BoardStatus send(BoardCommand command, BoardBus.Priority priority, java.util.function.BooleanSupplier stillWanted) {
        if (!protocol.supports(command)) {
            // A 7-segment Modbus board cannot blink: that is its model, not a fault. Say so once.
            if (unsupportedLogged.add(command.getClass())) {
                LOG.info(() -> "counter " + counter + ": " + protocol.name() + " board cannot " + command + "; skipped");
            }
            return status();
        }
        Optional<byte[]> readBack = protocol.readBack(address, command);
        List<byte[]> requests = readBack.map(r -> List.of(protocol.encode(address, command), r))
                .orElseGet(() -> List.of(protocol.encode(address, command)));
        List<BoardBus.Exchange> exchanges = bus.inTurn(protocol, address, requests, priority, stillWanted);
        if (exchanges.isEmpty()) {
            return status(); // a call came first and sent something newer
        }
        BoardBus.Exchange exchange = exchanges.get(0);
        if (exchange.answer() instanceof Answer.Refused refused) {
            LOG.warning(() -> "counter " + counter + ": board " + address + " refused " + command
                    + " (reason " + refused.reason() + ")");
            wrongContent = true;
            return status();
        }
        if (exchange.status() != BoardStatus.ONLINE) {
            return exchange.status();
        }
        if (readBack.isPresent()) {
            if (exchanges.size() < 2) {
                return status(); // read-back skipped for a waiting call: what was found before still stands
            }
            BoardBus.Exchange read = exchanges.get(1);
            if (read.answer() instanceof Answer.Read r) {
                boolean wrong = !protocol.shows(command, r);
                if (wrong && !wrongContent) {
                    LOG.warning(() -> "counter " + counter + ": board " + address + " holds " + r + " after " + command
                            + ": is it really a " + protocol.name() + " board? (boards.board.profile)");
                }
                wrongContent = wrong;
            } else if (read.answer() instanceof Answer.Refused) {
                wrongContent = true;
            }
            return status();
        }
        wrongContent = false;
        return status();
    }
}
