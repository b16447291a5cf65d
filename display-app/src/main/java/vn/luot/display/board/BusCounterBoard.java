package vn.luot.display.board;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import vn.luot.display.protocol.Answer;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.protocol.BoardProtocol;

/** A counter's board at one address of a shared bus, speaking one protocol. */
public final class BusCounterBoard implements CounterBoard {

    private static final Logger LOG = Logger.getLogger(BusCounterBoard.class.getName());

    private final int counter;
    private final int address;
    private final BoardProtocol protocol;
    private final BoardBus bus;
    private final Set<Class<?>> unsupportedLogged = ConcurrentHashMap.newKeySet();

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

    @Override
    public BoardStatus show(String text) {
        return send(new BoardCommand.Show(text));
    }

    @Override
    public BoardStatus blink(int seconds) {
        return send(new BoardCommand.Blink(seconds));
    }

    @Override
    public BoardStatus clear() {
        return send(new BoardCommand.Clear());
    }

    @Override
    public BoardStatus brightness(int level) {
        return send(new BoardCommand.Brightness(level));
    }

    @Override
    public BoardStatus ping() {
        return send(new BoardCommand.Ping());
    }

    @Override
    public BoardStatus status() {
        return bus.status(address);
    }

    private BoardStatus send(BoardCommand command) {
        if (!protocol.supports(command)) {
            // A 7-segment Modbus board cannot blink: that is its model, not a fault. Say so once.
            if (unsupportedLogged.add(command.getClass())) {
                LOG.info(() -> "counter " + counter + ": " + protocol.name() + " board cannot " + command + "; skipped");
            }
            return status();
        }
        BoardBus.Exchange exchange = bus.exchange(protocol, address, protocol.encode(address, command));
        if (exchange.answer() instanceof Answer.Refused refused) {
            LOG.warning(() -> "counter " + counter + ": board " + address + " refused " + command
                    + " (reason " + refused.reason() + ")");
        }
        return exchange.status();
    }
}
