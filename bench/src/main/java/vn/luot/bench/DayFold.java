package vn.luot.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import vn.luot.core.domain.Ticket;

/**
 * How the simulated day compares the queues of its devices: a device's fold is its list of tickets,
 * every field of each (status, counter, slot, line, clock stamps, rating, conflict), in ticket order.
 * Two devices hold the same state exactly when their digests are equal.
 */
final class DayFold {

    private DayFold() {
    }

    /** {@code COUNT:SHA256-PREFIX} of the fold. */
    static String digest(List<Ticket> tickets) {
        String text = tickets.stream().sorted(Comparator.comparing(Ticket::id)).map(Ticket::toString)
                .collect(Collectors.joining("\n"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return tickets.size() + ":" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every ticket in full, in ticket order, separated by {@code " | "}: to name what two devices disagree on. */
    static String tickets(List<Ticket> tickets) {
        return tickets.stream().sorted(Comparator.comparing(Ticket::id)).map(Ticket::toString)
                .collect(Collectors.joining(" | "));
    }

    /** {@code KEY=STATUS} of every ticket, space separated (what the final checks need). */
    static String statuses(List<Ticket> tickets) {
        return tickets.stream().sorted(Comparator.comparing(Ticket::id))
                .map(t -> t.id().key() + "=" + t.status().name()).collect(Collectors.joining(" "));
    }
}
