package vn.luot.deploy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Test
    void isOffOutsideSystemdOrWithoutWatchdogSec() {
        assertThat(Watchdog.fromEnvironment(Map.of(), List.of(), sent::add)).isEmpty();
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "60000000"), List.of(), sent::add)).isEmpty();
        assertThat(Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "x", "NOTIFY_SOCKET", "/run/n"), List.of(), sent::add)).isEmpty();
    }

    @Test
    void pingsThreeTimesPerWatchdogPeriod() {
        Watchdog dog = Watchdog.fromEnvironment(Map.of("WATCHDOG_USEC", "60000000", "NOTIFY_SOCKET", "/run/systemd/notify"),
                List.of(), sent::add).orElseThrow();

        assertThat(dog.interval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void pingsOnlyWhileEveryProbeIsHealthy() {
        Optional<String>[] problem = new Optional[] {Optional.empty()};
        Watchdog dog = new Watchdog(Duration.ofSeconds(1), List.of(() -> Optional.empty(), () -> problem[0]), sent::add);

        assertThat(dog.check()).isTrue();
        problem[0] = Optional.of("the JavaFX thread did not answer");
        assertThat(dog.check()).isFalse();
        problem[0] = Optional.empty();
        assertThat(dog.check()).isTrue();

        assertThat(sent).containsExactly("WATCHDOG=1", "WATCHDOG=1");
    }

    @Test
    void deadlockProbeFindsTwoThreadsWaitingForEachOthersLock() throws Exception {
        assertThat(new DeadlockProbe().problem()).isEmpty();
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread first = locker("deadlock-first", a, b, bothHoldOne);
        Thread second = locker("deadlock-second", b, a, bothHoldOne);
        first.start();
        second.start();

        // The two threads block on each other's lock some moment after the latch opens.
        Optional<String> problem = await().atMost(Duration.ofSeconds(30))
                .until(() -> new DeadlockProbe().problem(), Optional::isPresent);

        assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("deadlock-first", "deadlock-second"));
        first.interrupt();
        second.interrupt();
    }

    private static Thread locker(String name, ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        Thread t = new Thread(() -> {
            mine.lock();
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
                theirs.lockInterruptibly();
            } catch (InterruptedException e) {
                mine.unlock();
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @Test
    void fxProbeIsHealthyWhenJavaFxIsNotRunning() {
        assertThat(new FxThreadProbe(Duration.ofMillis(100)).problem()).isEmpty();
    }
}
