package vn.luot.server.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.event.Event;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.QueueStore;
import vn.luot.server.booking.BookingStore;
import vn.luot.server.booking.BookingStore.Notification;

/**
 * Generates the city app's notifications at the right moments: 30 minutes before the slot, when only
 * one number is ahead, when called to a counter, when moved to the afternoon, when cancelled for not
 * coming on time. Reads the branch log by cursor and stores notifications with the cursor in one
 * transaction, so each is generated exactly once even across restarts. Delivering them to phones is
 * the city app's job.
 */
public final class Notifier {

    private static final Duration REMINDER_BEFORE = Duration.ofMinutes(30);

    private final BookingStore bookings;
    private final Branch branch;
    private final LocalQueue queue;
    private final Clock clock;

    public Notifier(BookingStore bookings, Branch branch, LocalQueue queue, Clock clock) {
        this.bookings = bookings;
        this.branch = branch;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return how many notifications were added */
    public int runOnce() {
        return fromEvents() + reminders();
    }

    private int fromEvents() {
        String cursorName = "notify:" + branch.id();
        long cursor = bookings.setting(cursorName).map(Long::parseLong).orElse(0L);
        int added = 0;
        while (true) {
            long from = cursor;
            List<QueueStore.StoredEvent> page = queue.read(store -> store.eventsAfter(from, 1_000));
            if (page.isEmpty()) {
                return added;
            }
            List<Notification> out = new ArrayList<>();
            for (QueueStore.StoredEvent stored : page) {
                notificationFor(stored.event()).ifPresent(out::add);
            }
            cursor = page.get(page.size() - 1).rowid();
            added += bookings.addNotifications(out, cursorName, Long.toString(cursor));
        }
    }

    private Optional<Notification> notificationFor(Event event) {
        if (!(event.body() instanceof QueueEvent.OfTicket t)) {
            return Optional.empty();
        }
        TicketId id = t.ticket();
        Optional<BookingStore.Stored> booking = bookings.byTicket(branch.id(), id.day(), id.field(), id.number());
        if (booking.isEmpty()) {
            return Optional.empty();
        }
        long bookingId = Long.parseLong(booking.get().booking().id());
        Instant at = event.deviceTime();
        String key = event.key().deviceId() + ":" + event.key().seq();
        String label = id.label();
        QueueEvent body = event.body();
        if (body instanceof QueueEvent.Approaching) {
            return Optional.of(new Notification(bookingId, "ONE_AWAY", at, 0,
                    "Chỉ còn 1 số nữa là đến lượt bạn (số " + label + "). Vui lòng có mặt gần quầy.",
                    "Only 1 number is ahead of yours (" + label + "). Please stay close to the counters.", key));
        }
        if (body instanceof QueueEvent.Called c) {
            return Optional.of(new Notification(bookingId, "CALLED", at, c.counter(),
                    "Mời công dân có số thứ tự " + label + " đến quầy số " + c.counter() + ".",
                    "Number " + label + ", please come to counter " + c.counter() + ".", key));
        }
        if (body instanceof QueueEvent.BookingMoved m) {
            return Optional.of(new Notification(bookingId, "MOVED_TO_AFTERNOON", at, 0,
                    "Lịch hẹn số " + label + " đã được chuyển sang ca chiều, khung giờ " + m.to() + ".",
                    "Booking " + label + " has been moved to the afternoon shift, slot " + m.to() + ".", key));
        }
        if (body instanceof QueueEvent.MissedCheckIn) {
            return Optional.of(new Notification(bookingId, "NO_SHOW_CANCELLED", at, 0,
                    "Lịch hẹn số " + label + " đã bị hủy do công dân không đến đúng giờ.",
                    "Booking " + label + " was cancelled because you did not arrive on time.", key));
        }
        return Optional.empty();
    }

    private int reminders() {
        LocalDateTime now = BranchTime.now(clock);
        List<Notification> due = new ArrayList<>();
        for (BookingStore.Stored stored : bookings.from(branch.id(), now.toLocalDate())) {
            var b = stored.booking();
            if (stored.cancelled() != null || !b.date().equals(now.toLocalDate())) {
                continue;
            }
            Optional<Ticket> ticket = queue.ticket(b.ticketId());
            var slot = ticket.map(Ticket::slot).orElse(b.slot());
            LocalDateTime start = b.date().atTime(slot.start());
            boolean awaiting = ticket.map(t -> t.status().isAwaitingCheckIn()).orElse(true);
            if (awaiting && !now.isBefore(start.minus(REMINDER_BEFORE)) && now.isBefore(start)) {
                due.add(new Notification(Long.parseLong(b.id()), "REMINDER_30M", clock.instant(), 0,
                        "Còn 30 phút nữa đến giờ hẹn " + slot.start() + " tại " + branch.name() + ". Số thứ tự của bạn: "
                                + b.ticketId().label() + ".",
                        "Your appointment at " + slot.start() + " at " + branch.name() + " is in 30 minutes. "
                                + "Your number: " + b.ticketId().label() + ".", ""));
            }
        }
        return due.isEmpty() ? 0 : bookings.addNotifications(due, null, null);
    }
}
