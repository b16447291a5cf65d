package vn.luot.server.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.TimeSlot;
import vn.luot.server.booking.BookingStore.BookResult;
import vn.luot.server.booking.BookingStore.Notification;
import vn.luot.server.booking.BookingStore.Stored;

/**
 * What every {@link BookingStore} adapter must do, run against each ({@link SqliteBookingStoreTest},
 * {@link PostgresBookingStoreTest}): a subclass opens a new empty store per test, and a second instance over
 * the same database as another server process would.
 */
abstract class BookingStoreContract {

    private static final Branch BRANCH = DemoBranch.create();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
    private static final LocalDateTime NOW = LocalDateTime.parse("2026-11-23T07:00");
    private static final TimeSlot SLOT = TimeSlot.parse("09:00-09:30");

    private final List<BookingStore> opened = new ArrayList<>();
    protected BookingStore store;

    /** A new empty store, for one test. */
    protected abstract BookingStore openNew() throws Exception;

    /** Another instance over the database of the last {@link #openNew()}, as a second server process. */
    protected abstract BookingStore openSameDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = track(openNew());
    }

    @AfterEach
    void closeAll() {
        opened.forEach(BookingStore::close);
    }

    private BookingStore track(BookingStore s) {
        opened.add(s);
        return s;
    }

    private static BookingRequest request(String citizen, TimeSlot slot) {
        return new BookingRequest(citizen, LocalDate.of(1980, 1, 1), DemoBranch.ID, DAY, slot, "HT", Purpose.SUBMIT);
    }

    private static BookResult<String> book(BookingStore s, String citizen, int capacity) {
        return s.book(request(citizen, SLOT), BRANCH, capacity, 499, NOW, b -> "within:" + b.id());
    }

    @Test
    void aBookingIsNumberedStoredAndFoundByItsOwnerOnly() {
        BookResult<String> first = book(store, "idp:alice", 40);
        BookResult<String> second = book(store, "idp:bob", 40);

        assertThat(first.refusal()).isNull();
        assertThat(first.booking().number()).isEqualTo(1);
        assertThat(second.booking().number()).isEqualTo(2);
        assertThat(first.within()).isEqualTo("within:" + first.booking().id());
        assertThat(first.publicId()).matches("[0-9a-f]{32}").isNotEqualTo(second.publicId());

        Stored found = store.findOwned(first.publicId(), "idp:alice").orElseThrow();
        assertThat(found.booking()).isEqualTo(first.booking());
        assertThat(found.cancelled()).isNull();
        assertThat(store.findOwned(first.publicId(), "idp:bob")).isEmpty();
        assertThat(store.findOwned("not-an-id'; DROP TABLE bookings; --", "idp:alice")).isEmpty();
        assertThat(store.byTicket(DemoBranch.ID, DAY, "HT", 2).orElseThrow().booking()).isEqualTo(second.booking());
        assertThat(store.from(DemoBranch.ID, DAY)).extracting(Stored::booking)
                .containsExactly(first.booking(), second.booking());
        assertThat(store.from(DemoBranch.ID, DAY.plusDays(1))).isEmpty();
    }

    @Test
    void aFullSlotAndTheCitizensOwnLimitsAreRefusedAndStoreNothing() {
        assertThat(book(store, "idp:alice", 1).refusal()).isNull();
        assertThat(book(store, "idp:bob", 1).refusal()).isEqualTo(BookingRefusal.SLOT_FULL);
        assertThat(book(store, "idp:alice", 40).refusal()).isNotNull();
        assertThat(store.from(DemoBranch.ID, DAY)).hasSize(1);
    }

    @Test
    void aMadeUpBranchIsRefusedAndStoresNothing() {
        BookingRequest madeUp = new BookingRequest("idp:alice", LocalDate.of(1980, 1, 1), "x'); DROP TABLE bookings; --",
                DAY, SLOT, "HT", Purpose.SUBMIT);
        assertThat(store.book(madeUp, null, 0, 499, NOW, "k", b -> "").refusal()).isEqualTo(BookingRefusal.UNKNOWN_BRANCH);
        assertThat(store.from(madeUp.branchId(), DAY)).isEmpty();
        assertThat(book(store, "idp:alice", 40).booking().number()).isEqualTo(1);
    }

    @Test
    void aBookingWhoseTransactionWorkFailsIsNotKept() {
        assertThatThrownBy(() -> store.book(request("idp:alice", SLOT), BRANCH, 40, 499, NOW, b -> {
            throw new IllegalStateException("the branch log refused the event");
        })).hasMessageContaining("branch log refused");
        assertThat(store.from(DemoBranch.ID, DAY)).isEmpty();
        assertThat(book(store, "idp:alice", 40).booking().number()).isEqualTo(1);
    }

    @Test
    void aBookingIsCancelledOnceAndThenFreesItsPlace() {
        BookResult<String> alice = book(store, "idp:alice", 1);
        long id = Long.parseLong(alice.booking().id());

        assertThat(store.cancel(id, false)).isTrue();
        assertThat(store.cancel(id, true)).isFalse();
        Stored cancelled = store.findOwned(alice.publicId(), "idp:alice").orElseThrow();
        assertThat(cancelled.cancelled()).isEqualTo("CANCELLED");
        assertThat(cancelled.countsForLimits()).isFalse();

        BookResult<String> bob = book(store, "idp:bob", 1);
        assertThat(bob.refusal()).isNull();
        assertThat(bob.booking().number()).as("numbers are never reused").isEqualTo(2);
    }

    @Test
    void notificationsAreAddedOnceAndMoveTheNotifiersCursorInTheSameTransaction() {
        long id = Long.parseLong(book(store, "idp:alice", 40).booking().id());
        Notification called = new Notification(id, "CALLED", Instant.parse("2026-11-25T02:10:00Z"), 3,
                "Mời số HT-001 đến quầy 3", "Number HT-001 to counter 3", "central:17");

        assertThat(store.addNotifications(List.of(called), "notifier.cursor", "17")).isEqualTo(1);
        assertThat(store.addNotifications(List.of(called), "notifier.cursor", "18")).isZero();
        assertThat(store.notifications(id)).containsExactly(called);
        assertThat(store.setting("notifier.cursor")).contains("18");
    }

    @Test
    void settingsAreReplacedAndMissingOnesAreEmpty() {
        assertThat(store.setting("k")).isEmpty();
        store.putSetting("k", "1");
        store.putSetting("k", "2");
        assertThat(store.setting("k")).contains("2");
    }

    @Test
    void citizensOfPastDaysAreForgotten() {
        BookResult<String> alice = book(store, "idp:alice", 40);
        assertThat(store.forgetCitizensBefore(DAY)).isZero();
        assertThat(store.forgetCitizensBefore(DAY.plusDays(1))).isEqualTo(1);
        assertThat(store.findOwned(alice.publicId(), "idp:alice")).isEmpty();
        assertThat(store.from(DemoBranch.ID, DAY)).hasSize(1);
        BookResult<String> carol = store.book(request("idp:carol", SLOT), BRANCH, 40, 499, NOW, "k", b -> "");
        store.forgetCitizensBefore(DAY.plusDays(1));
        BookResult<String> later = store.book(request("idp:carol", SLOT), BRANCH, 40, 499, NOW, "k", b -> "");
        assertThat(later.replayed()).as("the key went with the citizens of its day").isFalse();
        assertThat(later.publicId()).isNotEqualTo(carol.publicId());
    }

    @Test
    void aStoreReopenedKeepsEverything() throws Exception {
        BookResult<String> alice = book(store, "idp:alice", 40);
        store.close();
        opened.remove(store);
        BookingStore again = track(openSameDatabase());
        assertThat(again.findOwned(alice.publicId(), "idp:alice").orElseThrow().booking()).isEqualTo(alice.booking());
    }

    /**
     * Two server processes over one database race for the last places of a slot: each place goes to one
     * request, the numbers are 1..capacity without a gap or a duplicate, and the rest are told SLOT_FULL.
     */
    @Test
    void twoProcessesRacingForTheLastPlacesOverbookNothing() throws Exception {
        BookingStore other = track(openSameDatabase());
        int capacity = 5;
        int requests = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<BookResult<String>>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                BookingStore s = i % 2 == 0 ? store : other;
                String citizen = "idp:citizen-" + i;
                Callable<BookResult<String>> call = () -> {
                    go.await();
                    return book(s, citizen, capacity);
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<Integer> numbers = new ArrayList<>();
            int full = 0;
            for (Future<BookResult<String>> f : results) {
                BookResult<String> r = f.get(60, TimeUnit.SECONDS);
                if (r.refusal() == null) {
                    numbers.add(r.booking().number());
                } else {
                    assertThat(r.refusal()).isEqualTo(BookingRefusal.SLOT_FULL);
                    full++;
                }
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
            assertThat(full).isEqualTo(requests - capacity);
            assertThat(other.from(DemoBranch.ID, DAY)).hasSize(capacity);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Many bookings commit concurrently from two processes while a reader follows the branch's cursor
     * ({@link BookingStore#bookingsAfter}): it sees every booking exactly once, in increasing id order. With a
     * bare bigserial a booking that took its id first but committed last would fall behind the cursor.
     */
    @Test
    void aReaderFollowingTheCursorSeesEveryConcurrentlyCommittedBookingOnce() throws Exception {
        BookingStore other = track(openSameDatabase());
        BookingStore reader = track(openSameDatabase());
        // A field per writer: numbers never collide, so only the order of ids and commits is under test.
        List<String> fields = BRANCH.fields().stream().map(f -> f.code()).toList();
        int writers = Math.min(6, fields.size());
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch go = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            List<Future<List<String>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                BookingStore s = w % 2 == 0 ? store : other;
                int writer = w;
                written.add(pool.submit(() -> {
                    go.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        BookResult<String> r = s.book(new BookingRequest("idp:w" + writer + "-" + i,
                                LocalDate.of(1980, 1, 1), DemoBranch.ID, DAY, SLOT, fields.get(writer), Purpose.SUBMIT),
                                BRANCH, 400, 499, NOW, b -> "");
                        assertThat(r.refusal()).isNull();
                        ids.add(r.booking().id());
                    }
                    return ids;
                }));
            }
            Future<List<Long>> followed = pool.submit(() -> {
                go.await();
                List<Long> seen = new ArrayList<>();
                long cursor = 0;
                boolean last = false;
                while (!last) {
                    // One more read after the writers are done, so the last commits are read too.
                    last = !writing.get();
                    List<Stored> page;
                    do {
                        page = reader.bookingsAfter(DemoBranch.ID, cursor, 7);
                        for (Stored st : page) {
                            seen.add(Long.parseLong(st.booking().id()));
                            cursor = Long.parseLong(st.booking().id());
                        }
                    } while (!page.isEmpty());
                }
                return seen;
            });
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<String>> f : written) {
                f.get(120, TimeUnit.SECONDS).forEach(id -> all.add(Long.parseLong(id)));
            }
            writing.set(false);
            List<Long> seen = followed.get(120, TimeUnit.SECONDS);
            assertThat(all).hasSize(writers * each);
            assertThat(seen).as("every booking once, in cursor order").isSorted().containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstBookingBackAndRunsNothingAgain() {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        BookResult<String> first = store.book(request("idp:alice", SLOT), BRANCH, 40, 499, NOW, "key-1",
                b -> "qr-" + ran.incrementAndGet());
        BookResult<String> again = store.book(request("idp:alice", SLOT), BRANCH, 40, 499, NOW, "key-1",
                b -> "qr-" + ran.incrementAndGet());

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.refusal()).isNull();
        assertThat(again.booking()).isEqualTo(first.booking());
        assertThat(again.publicId()).isEqualTo(first.publicId());
        assertThat(ran).hasValue(1);
        assertThat(store.from(DemoBranch.ID, DAY)).hasSize(1);
    }

    @Test
    void anIdempotencyKeyIsTheCitizensOwnAndCannotBeReusedForAnotherRequest() {
        store.book(request("idp:alice", SLOT), BRANCH, 40, 499, NOW, "key-1", b -> "");
        BookResult<String> other = store.book(request("idp:alice", TimeSlot.parse("10:00-10:30")), BRANCH, 40, 499,
                NOW, "key-1", b -> "");
        assertThat(other.refusal()).isEqualTo(BookingRefusal.IDEMPOTENCY_KEY_REUSED);

        BookResult<String> bob = store.book(request("idp:bob", SLOT), BRANCH, 40, 499, NOW, "key-1", b -> "");
        assertThat(bob.replayed()).isFalse();
        assertThat(bob.booking().number()).isEqualTo(2);
    }

    /** A retry sent to two server processes at once: one booking, and every answer is that booking. */
    @Test
    void twoProcessesRacingTheSameIdempotencyKeyMakeOneBooking() throws Exception {
        BookingStore other = track(openSameDatabase());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<BookResult<String>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                BookingStore s = i % 2 == 0 ? store : other;
                results.add(pool.submit(() -> {
                    go.await();
                    return s.book(request("idp:alice", SLOT), BRANCH, 40, 499, NOW, "retry-me", b -> "");
                }));
            }
            go.countDown();
            List<BookResult<String>> answers = new ArrayList<>();
            for (Future<BookResult<String>> f : results) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).filteredOn(r -> !r.replayed()).hasSize(1);
            assertThat(answers).extracting(BookResult::publicId).containsOnly(answers.get(0).publicId());
            assertThat(other.from(DemoBranch.ID, DAY)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two processes told of the same queue event add its notification once between them. */
    @Test
    void twoProcessesAddingTheSameNotificationStoreItOnce() throws Exception {
        BookingStore other = track(openSameDatabase());
        long id = Long.parseLong(book(store, "idp:alice", 40).booking().id());
        Notification called = new Notification(id, "CALLED", Instant.parse("2026-11-25T02:10:00Z"), 3,
                "Mời số HT-001 đến quầy 3", "Number HT-001 to counter 3", "central:17");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> added = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                BookingStore s = i % 2 == 0 ? store : other;
                added.add(pool.submit(() -> {
                    go.await();
                    return s.addNotifications(List.of(called), null, null);
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : added) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1);
            assertThat(other.notifications(id)).containsExactly(called);
        } finally {
            pool.shutdownNow();
        }
    }
}
