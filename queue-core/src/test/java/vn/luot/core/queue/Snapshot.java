package vn.luot.core.queue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketId;

/** A comparable picture of a queue state: every ticket, and every line in call order. */
record Snapshot(Map<TicketId, Ticket> tickets, Map<String, List<String>> lines) {

    static Snapshot of(QueueState state) {
        Map<TicketId, Ticket> tickets = new TreeMap<>();
        state.tickets().forEach(t -> tickets.put(t.id(), t));
        Map<String, List<String>> lines = new TreeMap<>();
        tickets.values().stream().map(t -> t.id().day() + "/" + t.servingField()).distinct().sorted()
                .forEach(key -> {
                    String[] parts = key.split("/");
                    lines.put(key, state.waiting(java.time.LocalDate.parse(parts[0]), parts[1]).stream()
                            .map(Ticket::label).toList());
                });
        return new Snapshot(tickets, lines);
    }

    static final Comparator<Ticket> BY_ID = Comparator.comparing(Ticket::id);
}
