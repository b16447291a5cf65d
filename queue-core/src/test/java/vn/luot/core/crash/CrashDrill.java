package vn.luot.core.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;
import vn.luot.core.domain.TicketSource;
import vn.luot.core.event.Event;
import vn.luot.core.event.EventType;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.queue.QueueState;
import vn.luot.core.store.NumberAllocation;
import vn.luot.core.store.QueueStore;

/**
 * Power-loss drill: starts {@link CrashWorkload} in a child JVM, kills it with SIGKILL at a random
 * moment, again and again on the same database, then checks what survived: the file is intact, every
 * acknowledged ticket is there, no walk-in number is duplicated or skipped, and the stored state is
 * exactly the fold of the stored log.
 */
public final class CrashDrill {

    /** What the drill found. {@code problems} is empty when the store kept every promise. */
    public record Report(int kills, int acknowledged, int tickets, int events, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final Path database;
    private final NumberAllocation allocation;
    private final Random random;
    private final String classPath;

    public CrashDrill(Path database, NumberAllocation allocation, long seed, String classPath) {
        this.database = database;
        this.allocation = allocation;
        this.random = new Random(seed);
        this.classPath = classPath;
    }

    public Report run(int kills) throws IOException, InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < kills; i++) {
            runOnceAndKill(acknowledged);
        }
        return verify(kills, acknowledged);
    }

    private void runOnceAndKill(Set<String> acknowledged) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Xshare:auto",
                "-cp", classPath,
                CrashWorkload.class.getName(), database.toString(), allocation.name(),
                Long.toString(random.nextLong()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                    } else if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // The pipe breaks when the child is killed: that is the point.
            }
        }, "crash-drill-reader");
        reader.start();
        if (random.nextInt(5) == 0) {
            // Sometimes during start-up: migration, fold and seeding must be crash-safe too.
            ready.await(random.nextInt(600), TimeUnit.MILLISECONDS);
        } else {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException("the drill workload did not start within 30 s");
            }
            child.waitFor(random.nextInt(300), TimeUnit.MILLISECONDS);
        }
        child.destroyForcibly();
        child.waitFor();
        reader.join();
    }

    private Report verify(int kills, Set<String> acknowledged) {
        List<String> problems = new ArrayList<>();
        try (QueueStore store = QueueStore.open(database)) {
            String integrity = store.integrityCheck();
            if (!"ok".equals(integrity)) {
                problems.add("integrity_check: " + integrity);
            }
            Map<TicketId, Ticket> tickets = store.loadTickets();
            List<Event> events = store.loadEvents();

            for (String key : acknowledged) {
                Ticket t = tickets.get(TicketId.parseKey(key));
                if (t == null) {
                    problems.add("acknowledged ticket " + key + " is missing");
                } else if (t.status().isAwaitingCheckIn()) {
                    problems.add("acknowledged check-in " + key + " is not checked in: " + t.status());
                }
            }

            Map<TicketId, Integer> issues = new HashMap<>();
            for (Event e : events) {
                if (e.type() == EventType.TICKET_ISSUED || e.type() == EventType.CHECKED_IN) {
                    issues.merge(((QueueEvent.OfTicket) e.body()).ticket(), 1, Integer::sum);
                }
            }
            issues.forEach((id, count) -> {
                if (count > 1) {
                    problems.add("ticket " + id.key() + " was issued or checked in " + count + " times");
                }
            });

            Map<String, TreeSet<Integer>> walkIns = new TreeMap<>();
            for (Ticket t : tickets.values()) {
                if (t.source() == TicketSource.WALK_IN) {
                    walkIns.computeIfAbsent(t.id().day() + "/" + t.id().field(), k -> new TreeSet<>())
                            .add(t.id().number());
                }
            }
            walkIns.forEach((line, numbers) -> {
                int expected = CrashWorkload.BLOCK.first();
                for (int n : numbers) {
                    if (n != expected) {
                        problems.add("walk-in numbers of " + line + " skip from " + (expected - 1) + " to " + n);
                        break;
                    }
                    expected++;
                }
            });

            QueueState folded = QueueState.fold(events);
            if (folded.tickets().size() != tickets.size()) {
                problems.add("the log folds to " + folded.tickets().size() + " tickets but " + tickets.size()
                        + " are stored");
            }
            for (Ticket t : folded.tickets()) {
                if (!t.equals(tickets.get(t.id()))) {
                    problems.add("stored ticket " + t.id().key() + " differs from the fold of its events");
                }
            }
            return new Report(kills, acknowledged.size(), tickets.size(), events.size(), problems);
        }
    }
}
