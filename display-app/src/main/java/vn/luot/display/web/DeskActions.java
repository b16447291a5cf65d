package vn.luot.display.web;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.calls.CallDesk;

/**
 * A counter's form on the staff page turned into a {@link CallDesk} operation and its answer in Vietnamese.
 * Every form the page renders names the ticket it was drawn for ({@code ticket}); when the counter has moved on
 * since (a double click, a second tab, a button pressed at the counter) the form does nothing and says so. A
 * NEXT moments after a call asks the clerk to confirm first. A form without {@code ticket} (scripts, the bench)
 * is taken as it comes, as before.
 */
final class DeskActions {

    private static final Logger LOG = Logger.getLogger(DeskActions.class.getName());
    /** What a form names when the counter was serving nobody as the page was drawn. */
    static final String NO_TICKET = "none";

    private final CallDesk desk;
    private final LocalQueue queue;
    private final Branch branch;
    /** Per counter, the action held back for the clerk's confirmation, until they confirm or do something else. */
    private final Map<Integer, Pending> askedToConfirm = new ConcurrentHashMap<>();

    /** A NEXT or a TRANSFER (to {@code field}) waiting for "Xác nhận", for the ticket it was asked about. */
    record Pending(String action, String ticket, String field) {
    }

    DeskActions(CallDesk desk, LocalQueue queue) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.branch = queue.branch();
    }

    /** The label a form drawn now names for this counter. */
    String currentTicket(int counter) {
        return queue.currentAt(counter).map(Ticket::label).orElse(NO_TICKET);
    }

    /** The action waiting for the clerk's confirmation, if the counter is still serving its ticket. */
    Optional<Pending> awaitingConfirmation(int counter) {
        Pending asked = askedToConfirm.get(counter);
        return asked != null && asked.ticket().equals(currentTicket(counter)) ? Optional.of(asked) : Optional.empty();
    }

    String perform(int counter, Map<String, String> form) {
        String action = form.getOrDefault("action", "");
        String named = form.get("ticket");
        String current = currentTicket(counter);
        if (named != null && !named.equals(current)) {
            askedToConfirm.remove(counter);
            LOG.info(() -> "staff page: counter " + counter + " " + action + " refused: form named " + named
                    + ", counter serves " + current);
            return SupervisorTools.text("desk.stale", shown(named), shown(current));
        }
        if (action.equals("next") && named != null && !"yes".equals(form.get("confirm"))) {
            Optional<Duration> since = desk.guard().tooSoon(counter);
            if (since.isPresent() && !current.equals(NO_TICKET)) {
                askedToConfirm.put(counter, new Pending("next", current, null));
                return SupervisorTools.text("desk.confirmNext", current, Math.max(1, since.get().toSeconds()));
            }
        }
        if (action.equals("transfer")) {
            Optional<String> refusal = transferRefusal(counter, form.getOrDefault("field", ""));
            if (refusal.isPresent()) {
                askedToConfirm.remove(counter);
                return refusal.get();
            }
            if (named != null && !"yes".equals(form.get("confirm"))) {
                String field = form.get("field");
                askedToConfirm.put(counter, new Pending("transfer", current, field));
                return SupervisorTools.text("desk.transfer.ask", current, fieldName(field));
            }
        }
        askedToConfirm.remove(counter);
        LocalQueue.CounterResult r = switch (action) {
            case "next" -> desk.next(counter);
            case "recall" -> desk.recall(counter);
            case "finish" -> desk.finish(counter);
            case "no-show" -> desk.noShow(counter);
            case "pause" -> desk.pause(counter);
            case "resume" -> desk.resume(counter);
            case "transfer" -> desk.transfer(counter, form.getOrDefault("field", ""));
            case "rate" -> desk.rate(counter, rating(form.getOrDefault("rating", "")));
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        };
        LOG.info(() -> "staff page: counter " + counter + " " + action + ": " + r.outcome());
        return message(r, form.getOrDefault("field", ""), action.equals("no-show"));
    }

    /** A transfer that would free the counter for nothing: no field chosen, or the ticket's own field. */
    private Optional<String> transferRefusal(int counter, String field) {
        if (field.isBlank()) {
            return Optional.of(SupervisorTools.text("desk.transfer.choose"));
        }
        return queue.currentAt(counter).filter(t -> field.equals(t.servingField()))
                .map(t -> SupervisorTools.text("desk.transfer.same", t.label(), fieldName(field)));
    }

    String fieldName(String code) {
        return branch.field(code).map(ServiceField::nameVi).orElse(code);
    }

    private static String shown(String label) {
        return label.equals(NO_TICKET) ? SupervisorTools.text("desk.none") : label;
    }

    private static Rating rating(String value) {
        try {
            return Rating.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown rating '" + value + "'");
        }
    }

    private String message(LocalQueue.CounterResult r, String field, boolean noShow) {
        String label = r.called().map(Ticket::label).orElse("");
        String finished = r.decision().finished() == null ? "" : r.decision().finished().label();
        String absent = noShow && !finished.isEmpty() ? SupervisorTools.text("desk.noShow", finished) + " " : "";
        return absent + switch (r.outcome()) {
            case CALLED -> "Đã gọi số " + label + " đến quầy " + r.decision().counter() + ".";
            case RECALLED -> "Đã gọi lại số " + label + ".";
            case TRANSFERRED -> "Đã chuyển số " + finished + " sang lĩnh vực "
                    + fieldName(field) + ".";
            case PAUSED -> "Quầy đã tạm dừng. Bấm \"Tiếp tục\" để nhận số trở lại.";
            case RESUMED -> "Quầy đã mở lại.";
            case FINISHED -> SupervisorTools.text("desk.finished", finished);
            case RATED -> "Đã ghi nhận đánh giá cho số " + finished + ".";
            case NOBODY_WAITING -> "Không còn ai đang chờ" + (finished.isEmpty() ? "" : "; số " + finished
                    + " đã được phục vụ xong") + ".";
            case NO_CURRENT_TICKET -> "Quầy chưa có số nào đang phục vụ.";
            case COUNTER_PAUSED -> "Quầy đang tạm dừng: bấm \"Tiếp tục\" trước khi gọi số.";
            case UNKNOWN_COUNTER -> "Quầy này không có trong cấu hình của chi nhánh.";
            case UNKNOWN_FIELD -> "Lĩnh vực không hợp lệ hoặc không có quầy nào phục vụ.";
        };
    }
}
