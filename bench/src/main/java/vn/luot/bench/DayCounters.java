package vn.luot.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Rating;
import vn.luot.display.buttons.ButtonAction;

/**
 * The staff of the simulated day's twelve counters and their supervisor, as people: they watch what their
 * counter is serving (the display device's {@code CURRENT}) and press its buttons and keypad keys (Pi4J mock
 * pins in the display's process) or use the staff page over HTTP ({@link DayStaff}).
 */
final class DayCounters {

    private final LocalDate day;
    private final Branch branch;
    private final DayClock clock;
    private final DayChild display;
    private final DayStaff staff;
    private final Random random;
    private final Consumer<String> comesBack;
    private final List<String> problems;
    private final List<String> log;
    private final BooleanSupplier dayOver;
    private final AtomicInteger presses = new AtomicInteger();
    private final AtomicInteger staffPageActions = new AtomicInteger();
    private final AtomicInteger noShowPresses = new AtomicInteger();
    private volatile int moved;

    /**
     * @param comesBack told the ticket key of each citizen marked absent (some come back and scan again)
     * @param problems  where a press that went nowhere is reported
     * @param log       where the supervisor's move is written, with the staff page's answer
     */
    DayCounters(LocalDate day, Branch branch, DayClock clock, DayChild display, DayStaff staff, long seed,
                Consumer<String> comesBack, List<String> problems, List<String> log, BooleanSupplier dayOver) {
        this.day = day;
        this.branch = branch;
        this.clock = clock;
        this.display = display;
        this.staff = staff;
        this.random = new Random(seed);
        this.comesBack = comesBack;
        this.problems = problems;
        this.log = log;
        this.dayOver = dayOver;
    }

    int buttonPresses() {
        return presses.get();
    }

    int staffPageActions() {
        return staffPageActions.get();
    }

    int noShowPresses() {
        return noShowPresses.get();
    }

    int movedToAfternoon() {
        return moved;
    }

    /** Counters 1–10 have call buttons and a rating keypad; 11 and 12 work from the staff page only. */
    static final int LAST_COUNTER_WITH_BUTTONS = 10;
    private static final Duration STAFF_TICK = Duration.ofSeconds(15);
    private static final Duration BREAK = Duration.ofMinutes(15);
    static final Rating[] RATINGS = {Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.NEUTRAL, Rating.DISSATISFIED};

    /** What a counter will do next with the citizen it called, and when. */
    private enum Step { RECALL, NO_SHOW, FINISH }

    private record Planned(LocalDateTime at, Step step) {
    }

    /** One counter's member of staff: who they are serving, what comes next, their two breaks. */
    private static final class Desk {
        final int counter;
        final double pace;
        final List<LocalDateTime> breaks;
        String serving = "-";
        final java.util.ArrayDeque<Planned> plan = new java.util.ArrayDeque<>();
        LocalDateTime pausedUntil;
        LocalDateTime lastNext = LocalDateTime.MIN;

        Desk(int counter, double pace, List<LocalDateTime> breaks) {
            this.counter = counter;
            this.pace = pace;
            this.breaks = new ArrayList<>(breaks);
        }
    }

    /**
     * Every 15 branch seconds each counter looks at what it is serving and acts: a called citizen comes (most),
     * comes late after a RECALL, or never comes (RECALL, then NO-SHOW); a service ends with the citizen's rating
     * on the keypad (most of them), sometimes a TRANSFER to another field, then NEXT. Each counter takes two
     * 15-minute breaks (PAUSE, RESUME on the staff page), and the supervisor moves the morning's remaining
     * bookings to the afternoon at 11:30, on the staff page too.
     */
    void run() {
        List<Desk> desks = new ArrayList<>();
        for (var c : branch.counters()) {
            int n = c.number();
            desks.add(new Desk(n, 0.8 + random.nextDouble() * 0.4, List.of(day.atTime(9, 30).plusMinutes(9L * n),
                    day.atTime(14, 0).plusMinutes(9L * n))));
        }
        LocalDateTime tick = day.atTime(8, 0);
        boolean movedToAfternoon = false;
        try {
            while (!dayOver.getAsBoolean()) {
                clock.sleepUntil(tick);
                LocalDateTime now = clock.now();
                tick = now.plus(STAFF_TICK);
                if (now.toLocalTime().isAfter(LocalTime.of(17, 30))) {
                    continue;
                }
                try {
                    if (!movedToAfternoon && !now.toLocalTime().isBefore(LocalTime.of(11, 30))) {
                        String said = staff.act(0, "move-morning", Map.of("confirm", "yes"));
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) ").matcher(said);
                        moved = m.find() ? Integer.parseInt(m.group(1)) : 0;
                        staffPageActions.incrementAndGet();
                        movedToAfternoon = true;
                        log.add(now.toLocalTime() + " supervisor moves the morning's remaining bookings to the "
                                + "afternoon on the staff page: " + said);
                    }
                    Map<String, String> current = DayChild.pairs(display.ask("CURRENT", DayBench.ASK));
                    for (Desk desk : desks) {
                        work(desk, current.getOrDefault(Integer.toString(desk.counter), "-"), now);
                    }
                } catch (IOException e) {
                    // the display is restarting: the staff try again in a moment
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work(Desk desk, String current, LocalDateTime now) throws IOException, InterruptedException {
        int n = desk.counter;
        if (desk.pausedUntil != null) {
            if (now.isBefore(desk.pausedUntil)) {
                return;
            }
            staffPage(n, "resume", Map.of());
            desk.pausedUntil = null;
        }
        if (!current.equals(desk.serving)) {
            desk.serving = current;
            desk.plan.clear();
            if (!current.equals("-")) {
                int roll = random.nextInt(100);
                if (roll < 5) { // never comes
                    desk.plan.add(new Planned(now.plusMinutes(1), Step.RECALL));
                    desk.plan.add(new Planned(now.plusMinutes(3), Step.NO_SHOW));
                } else if (roll < 12) { // comes after the second call
                    desk.plan.add(new Planned(now.plusMinutes(1), Step.RECALL));
                    desk.plan.add(new Planned(now.plusMinutes(2).plus(serviceTime(desk)), Step.FINISH));
                } else {
                    desk.plan.add(new Planned(now.plus(serviceTime(desk)), Step.FINISH));
                }
            }
        }
        Planned due = desk.plan.peek();
        if (due == null) {
            // nobody at the counter (or the last NEXT has not landed yet): call again each minute
            if (!now.isBefore(desk.lastNext.plusMinutes(1))) {
                operate(n, ButtonAction.NEXT);
                desk.lastNext = now;
            }
            return;
        }
        if (now.isBefore(due.at())) {
            return;
        }
        desk.plan.remove();
        switch (due.step()) {
            case RECALL -> {
                operate(n, ButtonAction.RECALL);
            }
            case NO_SHOW -> {
                operate(n, ButtonAction.NO_SHOW);
                noShowPresses.incrementAndGet();
                desk.lastNext = now;
                comesBack.accept(current);
            }
            case FINISH -> finish(desk, current, now);
        }
    }

    private void finish(Desk desk, String current, LocalDateTime now) throws IOException, InterruptedException {
        int n = desk.counter;
        if (random.nextInt(100) < 3) {
            String to = branch.fields().get(random.nextInt(branch.fields().size())).code();
            if (!current.contains("/" + to + "/")) {
                staffPage(n, "transfer", Map.of("field", to));
            }
        } else if (random.nextInt(100) < 65) {
            int r = random.nextInt(100);
            operate(n, ButtonAction.valueOf(RATINGS[r < 55 ? 0 : r < 85 ? 1 : r < 95 ? 2 : 3].name()));
        }
        if (!desk.breaks.isEmpty() && !now.isBefore(desk.breaks.get(0))) {
            desk.breaks.remove(0);
            // the citizen is done; their number stays on the board until NEXT, after the break
            staffPage(n, "pause", Map.of());
            desk.pausedUntil = now.plus(BREAK);
            return;
        }
        operate(n, ButtonAction.NEXT);
        desk.lastNext = now;
    }

    /** About 2.4 minutes on average (a counter's pace times 1.2 to 3.6 minutes), never under 45 s. */
    private Duration serviceTime(Desk desk) {
        double minutes = Math.max(0.75, desk.pace * (1.2 + 2.4 * random.nextDouble() + 0.3 * random.nextGaussian()));
        return Duration.ofSeconds((long) (minutes * 60));
    }

    /** A counter operation, on its buttons where it has them, else on the staff page. */
    private void operate(int counter, ButtonAction action) throws IOException, InterruptedException {
        if (counter <= LAST_COUNTER_WITH_BUTTONS) {
            String answer = display.ask("PRESS " + counter + " " + action, DayBench.ASK);
            if (!answer.equals("PRESSED")) {
                problems.add("counter " + counter + " " + action + ": " + answer);
            }
            presses.incrementAndGet();
            return;
        }
        switch (action) {
            case NEXT -> staffPage(counter, "next", Map.of());
            case RECALL -> staffPage(counter, "recall", Map.of());
            case NO_SHOW -> staffPage(counter, "no-show", Map.of());
            default -> staffPage(counter, "rate", Map.of("rating", action.rating().orElseThrow().name()));
        }
    }

    private String staffPage(int counter, String action, Map<String, String> form) throws IOException, InterruptedException {
        staffPageActions.incrementAndGet();
        return staff.act(counter, action, form);
    }
}
