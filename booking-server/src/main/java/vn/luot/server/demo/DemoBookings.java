package vn.luot.server.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.server.booking.BookingRequest;
import vn.luot.server.booking.BookingStore;

/**
 * A day of bookings for the demo branch, made through the real booking rules by invented citizens
 * (ID numbers 0010990xxxxx, not real people). About one in twelve is aged 75 or more.
 */
public final class DemoBookings {

    private DemoBookings() {
    }

    /** @return how many bookings were made (0 if the day already has bookings) */
    public static int seed(BookingStore store, Branch branch, LocalQueue queue, int capacity, int maxNumber,
                           LocalDate day, LocalDateTime now, int count, long seed) {
        if (!store.from(branch.id(), day).isEmpty()) {
            return 0;
        }
        Random random = new Random(seed);
        List<TimeSlot> slots = branch.slots();
        int made = 0;
        for (int i = 0; made < count && i < count * 4; i++) {
            String citizen = "demo-seed:" + i;
            int age = random.nextInt(12) == 0 ? 75 + random.nextInt(15) : 20 + random.nextInt(50);
            LocalDate birth = day.minusYears(age).minusDays(random.nextInt(300));
            TimeSlot slot = slots.get(random.nextInt(slots.size()));
            String field = branch.fields().get(random.nextInt(branch.fields().size())).code();
            Purpose purpose = Purpose.values()[random.nextInt(3)];
            BookingRequest request = new BookingRequest(citizen, birth, branch.id(), day, slot, field, purpose);
            BookingStore.BookResult<Booking> result = store.book(request, branch, capacity, maxNumber,
                    now.withHour(0).withMinute(1), b -> {
                        queue.recordDecided(List.of(new QueueEvent.BookingRecorded(b.ticketId(), b.id(), b.purpose(),
                                b.slot(), b.priority())));
                        return b;
                    });
            if (result.booking() != null) {
                made++;
            }
        }
        return made;
    }
}
