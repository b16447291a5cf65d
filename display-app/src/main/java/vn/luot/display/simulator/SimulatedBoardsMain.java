package vn.luot.display.simulator;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import vn.luot.core.domain.BranchTime;

/**
 * {@code SimulatedBoardsMain --pty PATH --board 1:luot --board 2:modbus-led [--board 3:dm36:garbage]}: LED
 * boards of built-in profiles on the other end of a socat pty pair. Prints every frame and the boards after
 * each change.
 */
public final class SimulatedBoardsMain {

    private SimulatedBoardsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String pty = null;
        SimulatedBoards.Builder builder = null;
        java.util.List<String> boards = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pty" -> pty = value(args, ++i);
                case "--board" -> boards.add(value(args, ++i));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (pty == null || boards.isEmpty()) {
            usage("--pty and at least one --board are required");
        }
        builder = SimulatedBoards.builder(pty, Clock.system(BranchTime.ZONE)).log(System.out::println);
        for (String b : boards) {
            String[] parts = b.split(":");
            if (parts.length < 2 || parts.length > 3) {
                usage("--board is ADDRESS:PROFILE[:answers|silent|garbage], got " + b);
            }
            SimulatedBoards.Behaviour behaviour = parts.length == 3
                    ? SimulatedBoards.Behaviour.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT))
                    : SimulatedBoards.Behaviour.ANSWERS;
            builder.board(Integer.parseInt(parts[0]), parts[1], behaviour);
        }
        SimulatedBoards simulated = builder.build().start();
        System.out.print(simulated.render());
        new CountDownLatch(1).await(); // runs until killed
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("simulated boards: " + problem);
        System.err.println("usage: SimulatedBoardsMain --pty PATH --board ADDRESS:luot|modbus-led|dm36|dm56[:answers|silent|garbage] ...");
        System.exit(2);
    }
}
