package vn.luot.display.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Counter;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.board.BoardStatus;

/** The template scopes of the staff desk: a counter's view and the supervisor's branch view, read from the queue. */
final class DeskViews {

    private final LocalQueue queue;
    private final Branch branch;
    private final DeskActions actions;
    private final MorningMove morningMove;
    private final IntFunction<Optional<BoardStatus>> boardStatus;
    private final Clock clock;
    /** How many of the waiting citizens a clerk sees coming. */
    static final int UPCOMING = 5;

    DeskViews(LocalQueue queue, DeskActions actions, MorningMove morningMove,
              IntFunction<Optional<BoardStatus>> boardStatus, Clock clock) {
        this.clock = clock;
        this.queue = queue;
        this.branch = queue.branch();
        this.actions = actions;
        this.morningMove = morningMove;
        this.boardStatus = boardStatus;
    }

    Map<String, Object> counterView(int counter) {
        Counter c = branch.counter(counter).orElseThrow();
        boolean paused = queue.isPaused(counter);
        Map<String, Object> view = new LinkedHashMap<>();
        Optional<Ticket> current = queue.currentAt(counter);
        view.put("current", current.map(Ticket::label).orElse("—"));
        view.put("citizen", current.map(this::citizen).orElse(null));
        List<Map<String, Object>> upcoming = queue.upcoming(counter, UPCOMING).stream().map(this::upcomingRow).toList();
        view.put("upcoming", upcoming.isEmpty() ? null : upcoming);
        view.put("hasUpcoming", upcoming.isEmpty() ? null : Boolean.TRUE);
        view.put("ticketLabel", actions.currentTicket(counter));
        view.put("pendingConfirm", actions.awaitingConfirmation(counter).map(DeskViews::confirmButton).orElse(null));
        view.put("paused", paused ? Boolean.TRUE : null);
        view.put("fields", c.fieldCodes().stream().sorted().map(code -> Map.of("code", code,
                "name", branch.field(code).map(ServiceField::nameVi).orElse(code),
                "waiting", queue.waitingCount(code))).toList());
        view.put("buttons", List.of(
                button("next", "Gọi số tiếp theo", "", "/staff/action", "next"),
                button("recall", "Gọi lại", "secondary", "/staff/action", "recall"),
                button("finish", SupervisorTools.text("desk.finish.button"), "secondary", "/staff/action", "finish"),
                button("no-show", "Vắng mặt", "danger", "/staff/action", "no-show"),
                paused ? button("resume", "Tiếp tục", "secondary", "/staff/action", "resume")
                        : button("pause", "Tạm dừng", "secondary", "/staff/action", "pause")));
        // No field is chosen for the clerk, and the ticket's own field is not offered: both freed counters for nothing.
        Optional<String> ownField = queue.currentAt(counter).map(Ticket::servingField);
        view.put("transferPlaceholder", SupervisorTools.text("desk.transfer.placeholder"));
        view.put("transferTo", branch.fields().stream().filter(f -> ownField.map(own -> !own.equals(f.code())).orElse(true))
                .map(f -> Map.of("code", f.code(), "name", f.nameVi())).toList());
        return view;
    }

    /** What the clerk knows of the citizen in front of them: how they came, priority and why, field, purpose, wait. */
    private Map<String, Object> citizen(Ticket t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", SupervisorTools.text(t.isBooked() ? "desk.kind.booked" : "desk.kind.walkIn"));
        c.put("priority", t.priority() ? SupervisorTools.text(t.isBooked() ? "desk.priority.booked" : "desk.priority.walkIn")
                : null);
        c.put("field", branch.field(t.servingField()).map(ServiceField::nameVi).orElse(t.servingField()));
        c.put("purpose", t.purpose().nameVi());
        if (t.queuedAt() != null && t.calledAt() != null) {
            c.put("waited", SupervisorTools.text("desk.waited", minutes(t.calledAt().wallMillis() - t.queuedAt().wallMillis())));
        }
        if (t.calledAt() != null) {
            c.put("calledAgo", SupervisorTools.text("desk.calledAgo", minutes(clock.millis() - t.calledAt().wallMillis())));
        }
        c.put("recalls", t.recalls() > 0 ? SupervisorTools.text("desk.recalls", t.recalls()) : null);
        return c;
    }

    private Map<String, Object> upcomingRow(Ticket t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", t.label());
        row.put("kind", SupervisorTools.text(t.isBooked() ? "desk.kind.booked" : "desk.kind.walkIn"));
        row.put("priority", t.priority() ? SupervisorTools.text("desk.priority.short") : null);
        row.put("field", branch.field(t.servingField()).map(ServiceField::nameVi).orElse(t.servingField()));
        row.put("waited", t.queuedAt() == null ? "—"
                : SupervisorTools.text("desk.minutes", minutes(clock.millis() - t.queuedAt().wallMillis())));
        return row;
    }

    private static long minutes(long millis) {
        return Math.max(0, millis / 60_000);
    }

    Map<String, Object> supervisorView(BranchWatch watch) {
        Map<String, Object> view = new LinkedHashMap<>();
        Map<Integer, Map<String, Object>> stats = watch.counterStats();
        view.put("fieldRows", watch.fieldRows());
        List<Map<String, Object>> devices = watch.deviceRows();
        view.put("deviceRows", devices.isEmpty() ? null : devices);
        view.put("counters", branch.counters().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>(stats.get(c.number()));
            row.put("counter", c.number());
            row.put("serving", queue.currentAt(c.number()).map(Ticket::label).orElse("—"));
            row.put("paused", queue.isPaused(c.number()) ? Boolean.TRUE : null);
            row.put("board", boardStatus.apply(c.number()).map(DeskViews::boardText).orElse("—"));
            return row;
        }).toList());
        view.put("moveConfirm", morningMove.awaitingConfirmation().map(count -> {
            Map<String, Object> b = button("move-morning", SupervisorTools.text("move.button"), "danger",
                    "/staff/action", "move-morning-confirm");
            b.put("confirm", "yes");
            b.put("expected", count);
            return b;
        }).orElse(null));
        view.put("moveMorning", button("move-morning", "Chuyển lịch ca sáng sang ca chiều", "secondary", "/staff/action",
                "move-morning"));
        return view;
    }

    /** The "Xác nhận" form for an action held back: it names the same ticket (and field) and says yes. */
    private static Map<String, Object> confirmButton(DeskActions.Pending pending) {
        boolean next = pending.action().equals("next");
        Map<String, Object> b = button(pending.action(), SupervisorTools.text(next ? "desk.confirmNext.button"
                : "desk.transfer.button"), "danger", "/staff/action", next ? "confirm-next" : "confirm-transfer");
        b.put("confirm", "yes");
        b.put("transferField", pending.field());
        return b;
    }

    /** A one-button form; the template adds the session's CSRF token. */
    static Map<String, Object> button(String action, String text, String cls, String target, String id) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("action", action.isEmpty() ? null : action);
        b.put("text", text);
        b.put("cls", cls.isEmpty() ? null : cls);
        b.put("target", target);
        b.put("id", id);
        return b;
    }

    /** A board's status for the supervisor, Vietnamese first; OFFLINE and the others as the log names them. */
    static String boardText(BoardStatus status) {
        return switch (status) {
            case ONLINE -> "Hoạt động (ONLINE)";
            case UNKNOWN -> "Chưa liên lạc (UNKNOWN)";
            case NOT_ANSWERING -> "Không trả lời: kiểm tra địa chỉ, nguồn, dây A/B (NOT_ANSWERING)";
            case WRONG_CONTENT -> "Sai loại bảng: kiểm tra profile (WRONG_CONTENT)";
            case OFFLINE -> "Mất bộ chuyển đổi RS-485 (OFFLINE)";
        };
    }

}
