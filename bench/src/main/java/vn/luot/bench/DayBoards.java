package vn.luot.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.luot.display.simulator.SimulatedBoards;

/**
 * The LED boards over the counters in the simulated day, in their own process as they are their own devices:
 * simulated boards on the far end of the RS-485 pty pair, answering the display's frames.
 * <pre>
 * SHOWN    what each board shows: "ADDRESS=TEXT ..." with TEXT URL-encoded
 * </pre>
 * {@code DayBoards --pty PATH --board ADDRESS:PROTOCOL ... --start ISO --anchor MILLIS --rate R}
 */
@Command(name = "day-boards", description = "The simulated led boards of the day (a process DayBench starts).")
public final class DayBoards implements Callable<Integer> {

    @Mixin
    DayClockOptions clockOptions;

    @Option(names = "--pty", required = true, paramLabel = "PATH")
    String pty;

    @Option(names = "--board", required = true, paramLabel = "ADDRESS:PROFILE")
    List<String> boards;

    public static void main(String[] argv) {
        System.exit(new CommandLine(new DayBoards()).execute(argv));
    }

    @Override
    public Integer call() throws Exception {
        SimulatedBoards.Builder builder = SimulatedBoards.builder(pty, clockOptions.clock());
        List<Integer> addresses = new ArrayList<>();
        for (String spec : boards) {
            String[] board = spec.split(":");
            addresses.add(Integer.parseInt(board[0]));
            builder.board(Integer.parseInt(board[0]), board[1]);
        }
        SimulatedBoards simulated = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(simulated::close, "day-boards-shutdown"));
        DayChild.serve(line -> switch (line) {
            case "SHOWN" -> addresses.stream()
                    .map(a -> a + "=" + URLEncoder.encode(simulated.board(a).map(SimulatedBoards.BoardView::shown).orElse("?"),
                            StandardCharsets.UTF_8))
                    .collect(Collectors.joining(" "));
            default -> "ERROR unknown command " + line;
        });
        return 0;
    }
}
