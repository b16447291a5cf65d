package vn.luot.display.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.display.calls.CallDesk;

/**
 * The supervisor's "Chuyển lịch ca sáng sang ca chiều" in two steps: the first press only shows how many bookings
 * would move and from which slots to which, and writes nothing (so nobody is notified); the confirmation names
 * the count it was shown, and when the morning changed in between it shows the new preview instead of moving.
 */
final class MorningMove {

    private final CallDesk desk;
    private final LocalQueue queue;
    /** The count last previewed, while it waits for the supervisor's confirmation. */
    private final AtomicReference<Integer> previewed = new AtomicReference<>();

    MorningMove(CallDesk desk, LocalQueue queue) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    String act(Map<String, String> form) {
        List<QueueEvent.BookingMoved> preview = queue.previewMorningToAfternoon();
        if (!"yes".equals(form.get("confirm"))) {
            return preview(preview);
        }
        String expected = form.get("expected");
        if (expected != null && !expected.equals(Integer.toString(preview.size()))) {
            return SupervisorTools.text("move.changed") + " " + preview(preview);
        }
        previewed.set(null);
        int moved = desk.moveMorningToAfternoon().size();
        return moved == 0 ? SupervisorTools.text("move.nothing") : SupervisorTools.text("move.done", moved);
    }

    /** The count shown in the preview the supervisor has not yet confirmed. */
    Optional<Integer> awaitingConfirmation() {
        return Optional.ofNullable(previewed.get());
    }

    private String preview(List<QueueEvent.BookingMoved> moves) {
        if (moves.isEmpty()) {
            previewed.set(null);
            return SupervisorTools.text("move.nothing");
        }
        previewed.set(moves.size());
        Map<String, Long> bySlot = moves.stream().collect(Collectors.groupingBy(
                m -> m.from() + " → " + m.to(), TreeMap::new, Collectors.counting()));
        String slots = bySlot.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        return SupervisorTools.text("move.preview", moves.size(), slots);
    }
}
