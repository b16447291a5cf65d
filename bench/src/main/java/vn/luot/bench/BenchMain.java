package vn.luot.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of {@code ./luot bench NAME}. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        Path out = Path.of("target", "bench");
        switch (name) {
            case "core" -> CoreBench.run(out);
            case "crash" -> CrashBench.run(rest, out);
            case "sync" -> SyncBench.run(out);
            case "kiosk" -> KioskBench.run(out);
            case "display" -> DisplayBench.run(out);
            case "day" -> DayBench.run(rest, out);
            default -> {
                System.err.println("usage: luot bench core | sync | kiosk | display | printer | crash [--kills N] [--seed S] [--control] | day [--seed N] [--short]");
                System.exit(name.equals("help") ? 0 : 2);
            }
        }
    }
}
