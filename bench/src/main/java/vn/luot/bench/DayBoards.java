package vn.luot.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import vn.luot.display.simulator.SimulatedBoards;

/**
 * The LED boards over the counters in the simulated day, in their own process as they are their own devices:
 * simulated boards on the far end of the RS-485 pty pair, answering the display's frames.
 * <pre>
 * SHOWN    what each board shows: "ADDRESS=TEXT ..." with TEXT URL-encoded
 * </pre>
 * {@code DayBoards --pty PATH --board ADDRESS:PROTOCOL ... --start ISO --anchor MILLIS --rate R}
 */
public final class DayBoards {

    private DayBoards() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = Arrays.asList(argv);
        SimulatedBoards.Builder builder = SimulatedBoards.builder(DayClock.value(args, "--pty"), DayClock.fromArgs(args));
        List<Integer> addresses = new ArrayList<>();
        for (int i = 0; i < argv.length - 1; i++) {
            if (argv[i].equals("--board")) {
                String[] board = argv[i + 1].split(":");
                addresses.add(Integer.parseInt(board[0]));
                builder.board(Integer.parseInt(board[0]), board[1]);
            }
        }
        SimulatedBoards boards = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(boards::close, "day-boards-shutdown"));
        DayChild.serve(line -> switch (line) {
            case "SHOWN" -> addresses.stream()
                    .map(a -> a + "=" + URLEncoder.encode(boards.board(a).map(SimulatedBoards.BoardView::shown).orElse("?"),
                            StandardCharsets.UTF_8))
                    .collect(Collectors.joining(" "));
            default -> "ERROR unknown command " + line;
        });
    }
}
