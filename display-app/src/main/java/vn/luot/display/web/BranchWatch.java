package vn.luot.display.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Rating;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.health.HealthAlert;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.SeenHeartbeat;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.sync.SyncServer;

/**
 * What the supervisor watches: the branch's fields and counters from the queue, every device from its heartbeat
 * (the same {@link HealthAlert} rules as the city's fleet page), and the alerts that need a person. An alert stays on
 * every staff page until a supervisor acknowledges it; one that clears by itself goes, and comes back if it recurs.
 * Acknowledgements live in memory (a restart shows what is still wrong again). Safe for concurrent use.
 */
final class BranchWatch {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** How long a kiosk's help request stays on the staff pages when nobody acknowledges it. */
    static final Duration HELP_SHOWN = Duration.ofHours(1);

    /** One alert: a stable key (device and kind, or the sync boundary's count) and its words. */
    record Alert(String key, String text) {
    }

    private final LocalQueue queue;
    private final Branch branch;
    private final Supplier<List<SeenHeartbeat>> devices;
    private final Supplier<SyncServer.Refusals> refusals;
    private final Clock clock;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    BranchWatch(LocalQueue queue, Supplier<List<SeenHeartbeat>> devices, Supplier<SyncServer.Refusals> refusals,
                Clock clock) {
        this.queue = queue;
        this.branch = queue.branch();
        this.devices = devices;
        this.refusals = refusals;
        this.clock = clock;
    }

    /** The alerts now, most urgent device first; acknowledged ones left out. */
    List<Alert> alerts() {
        List<Alert> all = new ArrayList<>();
        Instant now = clock.instant();
        // A person waiting at a kiosk comes first, newest first, for an hour (or until acknowledged).
        List<vn.luot.core.queue.HelpRequest> help = new ArrayList<>(queue.helpRequestsSince(now.minus(HELP_SHOWN)));
        java.util.Collections.reverse(help);
        for (vn.luot.core.queue.HelpRequest h : help) {
            long minutes = Math.max(0, Duration.between(h.at(), now).toMinutes());
            all.add(new Alert("help:" + h.deviceId() + ":" + h.at().toEpochMilli(), SupervisorTools.text("watch.help",
                    h.deviceId(), TIME.format(h.at().atZone(ZoneId.of(BranchTime.ZONE.getId()))), minutes)));
        }
        for (SeenHeartbeat s : devices.get()) {
            for (HealthAlert a : HealthAlert.of(s, now)) {
                all.add(new Alert(s.heartbeat().deviceId() + ":" + a.name(),
                        SupervisorTools.text("watch.alert", s.heartbeat().deviceId(), SupervisorTools.text("alert." + a.name()))));
            }
        }
        SyncServer.Refusals r = refusals.get();
        if (r != null && r.rejected() > 0) {
            // The key carries the count: a new refusal after an acknowledgement is a new alert.
            all.add(new Alert("sync:" + r.rejected(), SupervisorTools.text("watch.refused", r.rejected())));
        }
        java.util.Set<String> current = all.stream().map(Alert::key).collect(Collectors.toSet());
        acknowledged.keySet().retainAll(current);
        return all.stream().filter(a -> !acknowledged.containsKey(a.key())).toList();
    }

    /** A supervisor saw the alert; answers whether it was there to acknowledge. */
    boolean acknowledge(String key, String who) {
        if (alerts().stream().noneMatch(a -> a.key().equals(key))) {
            return false;
        }
        acknowledged.put(key, who);
        return true;
    }

    /** The template rows of the alert banner; {@code canAcknowledge} for the supervisor's view. */
    List<Map<String, Object>> alertRows(boolean canAcknowledge) {
        return alerts().stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", a.key());
            row.put("text", a.text());
            row.put("ack", canAcknowledge ? Boolean.TRUE : null);
            return row;
        }).toList();
    }

    /** Every device the hub has heard from, with its state in words. */
    List<Map<String, Object>> deviceRows() {
        Instant now = clock.instant();
        return devices.get().stream().map(s -> {
            Heartbeat h = s.heartbeat();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("device", h.deviceId());
            row.put("kind", SupervisorTools.text("watch.kind." + h.kind().name()));
            List<HealthAlert> alerts = HealthAlert.of(s, now);
            row.put("state", alerts.isEmpty() ? SupervisorTools.text("watch.ok") : alerts.stream()
                    .map(a -> SupervisorTools.text("alert." + a.name())).collect(Collectors.joining("; ")));
            row.put("bad", alerts.isEmpty() ? null : Boolean.TRUE);
            row.put("printer", h.printer() == null ? "—" : SupervisorTools.text("printer." + h.printer().name()));
            row.put("boards", h.boards().isEmpty() ? "—" : h.boards().stream()
                    .map(b -> SupervisorTools.text("watch.board", b.counter(), SupervisorTools.text("board." + b.state().name())))
                    .collect(Collectors.joining(", ")));
            row.put("lastSeen", TIME.format(s.seenAt().atZone(ZoneId.of(BranchTime.ZONE.getId()))));
            row.put("lastSync", h.lastSync() == null ? "—" : TIME.format(h.lastSync().atZone(ZoneId.of(BranchTime.ZONE.getId()))));
            row.put("outbox", h.outboxDepth());
            return row;
        }).toList();
    }

    /** Per field: how many wait, and the longest wait so far. */
    List<Map<String, Object>> fieldRows() {
        long nowMs = clock.millis();
        return branch.fields().stream().map(f -> {
            List<Ticket> line = queue.waiting(f.code());
            long longest = line.stream().filter(t -> t.queuedAt() != null)
                    .mapToLong(t -> nowMs - t.queuedAt().wallMillis()).max().orElse(0);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("field", f.nameVi());
            row.put("waiting", line.size());
            row.put("longest", line.isEmpty() ? "—" : SupervisorTools.text("desk.minutes", Math.max(0, longest / 60_000)));
            return row;
        }).toList();
    }

    /** Per counter: served today and the share of each rating given. */
    Map<Integer, Map<String, Object>> counterStats() {
        List<Ticket> tickets = queue.tickets();
        Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
        for (var c : branch.counters()) {
            List<Ticket> served = tickets.stream().filter(t -> t.counter() == c.number()
                    && t.status() == TicketStatus.SERVED).toList();
            List<Rating> ratings = served.stream().map(Ticket::rating).filter(java.util.Objects::nonNull).toList();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("served", served.size());
            stats.put("ratings", ratings.isEmpty() ? "—" : java.util.Arrays.stream(Rating.values())
                    .filter(r -> ratings.contains(r))
                    .map(r -> r.nameVi() + " " + Math.round(100.0 * ratings.stream().filter(r::equals).count()
                            / ratings.size()) + " %").collect(Collectors.joining(", ")));
            out.put(c.number(), stats);
        }
        return out;
    }

    static BranchWatch none(LocalQueue queue, Clock clock) {
        return new BranchWatch(queue, List::of, () -> null, clock);
    }
}
