package vn.luot.display.simulator;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.luot.core.domain.BranchTime;

/**
 * {@code SimulatedBoardsMain --pty PATH --board 1:luot --board 2:modbus-led [--board 3:dm36:garbage]}: LED
 * boards of built-in profiles on the other end of a socat pty pair. Prints every frame and the boards after
 * each change.
 */
@Command(name = "SimulatedBoardsMain",
        description = "LED boards of built-in profiles on the other end of a socat pty pair; prints every frame.")
public final class SimulatedBoardsMain implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--pty", required = true, paramLabel = "PATH", description = "the boards' end of the pty pair")
    String pty;

    @Option(names = "--board", required = true, paramLabel = "ADDRESS:PROFILE[:BEHAVIOUR]",
            description = "a board: ADDRESS:luot|modbus-led|dm36|dm56[:answers|silent|garbage] (repeatable)")
    List<String> boards;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatedBoardsMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatedBoards.Builder builder = SimulatedBoards.builder(pty, Clock.system(BranchTime.ZONE)).log(System.out::println);
        for (String b : boards) {
            String[] parts = b.split(":");
            try {
                if (parts.length < 2 || parts.length > 3) {
                    throw new IllegalArgumentException("not ADDRESS:PROFILE[:BEHAVIOUR]");
                }
                SimulatedBoards.Behaviour behaviour = parts.length == 3
                        ? SimulatedBoards.Behaviour.valueOf(parts[2].toUpperCase(Locale.ROOT))
                        : SimulatedBoards.Behaviour.ANSWERS;
                builder.board(Integer.parseInt(parts[0]), parts[1], behaviour);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(),
                        "--board is ADDRESS:PROFILE[:answers|silent|garbage], got " + b + " (" + e.getMessage() + ")");
            }
        }
        SimulatedBoards simulated = builder.build().start();
        System.out.print(simulated.render());
        new CountDownLatch(1).await(); // runs until killed
        return 0;
    }
}
