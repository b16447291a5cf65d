package vn.luot.display;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.luot.display.board.BoardBus;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.protocol.Answer;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.protocol.BoardProfile;
import vn.luot.display.protocol.BoardProtocol;
import vn.luot.display.transport.SerialBus;
import vn.luot.display.transport.SerialLine;

/**
 * {@code luot doctor}'s look at the LED boards: opens the configured bus as the display would (the display must
 * not be running: the port is exclusive) and pings every configured address with its profile's read (or the
 * frame protocol's PING), without changing what the boards show.
 */
public final class BoardsCheck {

    private BoardsCheck() {
    }

    /** How one board answered. */
    public enum Outcome {
        /** It answered the read of its profile's registers. */
        OK,
        /** Nothing valid came back (wrong address, A/B swapped, no power, another baud rate). */
        NOT_ANSWERING,
        /** Something at the address answers, but refuses the register or the function: another model. */
        REFUSES
    }

    /** {@code reason}: the Modbus exception code or the frame protocol's NAK reason when refused, else 0. */
    public record Result(int counter, int address, String profile, Outcome outcome, int reason) {
    }

    /** Pings each board of {@code boards}; empty when the port cannot be opened (the doctor says so itself). */
    public static List<Result> ping(DisplayConfig.Boards boards) {
        List<Result> results = new ArrayList<>();
        BoardProfile.Line line = boards.line();
        try (SerialBus bus = SerialBus.builder(boards.port())
                .settings(SerialLine.Settings.of(line.baud(), line.parity(), line.stopBits()))
                .answerTimeout(Duration.ofMillis(150)).attempts(2).build()) {
            if (!bus.start().open()) {
                return results;
            }
            for (DisplayConfig.Board b : boards.board() == null ? List.<DisplayConfig.Board>of() : boards.board()) {
                BoardProfile profile = boards.profileOf(b);
                BoardProtocol protocol = profile.protocol();
                BoardBus.Exchange e = bus.exchange(protocol, b.address(), protocol.encode(b.address(), new BoardCommand.Ping()),
                        BoardBus.Priority.REFRESH);
                Outcome outcome;
                int reason = 0;
                if (e.answer() instanceof Answer.Refused refused) {
                    outcome = Outcome.REFUSES;
                    reason = refused.reason();
                } else if (e.answer() != null) {
                    outcome = Outcome.OK;
                } else {
                    outcome = Outcome.NOT_ANSWERING;
                }
                results.add(new Result(b.counter(), b.address(), profile.name(), outcome, reason));
            }
        }
        return results;
    }
}
