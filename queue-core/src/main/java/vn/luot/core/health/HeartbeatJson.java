package vn.luot.core.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.luot.core.sync.ClockTrust;

/**
 * A {@link Heartbeat} as JSON, and back. Reading is strict because the sender may be hostile (a kiosk's token is
 * assumed stolen): every text matches a short pattern, every number sits in a range a real device can report, a
 * device's clock may be years off (that is reported, not refused) but not before 2020 or after 2100, and at most
 * {@link #MAX_BOARDS} boards. Fields this version does not know are ignored, so a device updated before its
 * upstream still reports. Pure.
 */
public final class HeartbeatJson {

    public static final int MAX_BOARDS = 64;
    static final Pattern DEVICE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+~_-]{0,39}");
    private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    private static final long TEN_YEARS_S = 10L * 366 * 24 * 3600;
    private static final long PETABYTE = 1L << 50;

    /** What was wrong with a heartbeat, naming the field; the message is safe to send back and to log. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String field, String reason) {
            super(field + ": " + reason);
        }
    }

    private HeartbeatJson() {
    }

    public static ObjectNode toJson(ObjectMapper mapper, Heartbeat h) {
        ObjectNode o = mapper.createObjectNode();
        o.put("device", h.deviceId());
        o.put("branch", h.branchId());
        o.put("kind", h.kind().name());
        o.put("version", h.version());
        o.put("sent_at", h.sentAt().toString());
        o.put("uptime_s", h.uptime().toSeconds());
        ObjectNode clock = o.putObject("clock");
        clock.put("state", h.clock().state().name());
        if (h.clock().offsetMillis() != null) {
            clock.put("offset_ms", h.clock().offsetMillis());
        }
        if (h.disk() != null) {
            ObjectNode disk = o.putObject("disk");
            disk.put("used_bytes", h.disk().usedBytes());
            disk.put("total_bytes", h.disk().totalBytes());
        }
        if (h.sdWearPercent() != null) {
            o.put("sd_wear_percent", h.sdWearPercent());
        }
        if (h.cpuCelsius() != null) {
            o.put("cpu_celsius", h.cpuCelsius());
        }
        if (h.printer() != null) {
            o.put("printer", h.printer().name());
        }
        ArrayNode boards = o.putArray("boards");
        for (Heartbeat.Board b : h.boards()) {
            boards.addObject().put("counter", b.counter()).put("state", b.state().name());
        }
        if (h.voice() != null) {
            o.put("voice", h.voice().name());
        }
        o.put("outbox_depth", h.outboxDepth());
        if (h.lastSync() != null) {
            o.put("last_sync", h.lastSync().toString());
        }
        return o;
    }

    public static Heartbeat parse(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new Invalid("heartbeat", "must be an object");
        }
        String device = text(o, "device", DEVICE);
        String branch = text(o, "branch", BRANCH);
        Heartbeat.Kind kind = name(o, "kind", Heartbeat.Kind.class, true);
        String version = text(o, "version", VERSION);
        Instant sentAt = instant(o, "sent_at", true);
        Duration uptime = Duration.ofSeconds(number(o, "uptime_s", 0, TEN_YEARS_S, true));
        JsonNode c = o.get("clock");
        if (c == null || !c.isObject()) {
            throw new Invalid("clock", "must be an object");
        }
        ClockTrust.State state = name(c, "state", ClockTrust.State.class, true);
        Long offset = c.has("offset_ms") ? number(c, "offset_ms", -TEN_YEARS_S * 1000, TEN_YEARS_S * 1000, true) : null;
        Heartbeat.Disk disk = null;
        JsonNode d = o.get("disk");
        if (d != null && !d.isNull()) {
            long total = number(d, "total_bytes", 1, PETABYTE, true);
            long used = number(d, "used_bytes", 0, total, true);
            disk = new Heartbeat.Disk(used, total);
        }
        Integer wear = o.has("sd_wear_percent") ? (int) number(o, "sd_wear_percent", 0, 100, true) : null;
        Double celsius = null;
        JsonNode t = o.get("cpu_celsius");
        if (t != null && !t.isNull()) {
            if (!t.isNumber() || !(t.asDouble() >= -40 && t.asDouble() <= 150)) {
                throw new Invalid("cpu_celsius", "must be a number from -40 to 150");
            }
            celsius = t.asDouble();
        }
        Heartbeat.Printer printer = name(o, "printer", Heartbeat.Printer.class, false);
        List<Heartbeat.Board> boards = boards(o.get("boards"));
        Heartbeat.Voice voice = name(o, "voice", Heartbeat.Voice.class, false);
        int outbox = (int) number(o, "outbox_depth", 0, 10_000_000, true);
        Instant lastSync = instant(o, "last_sync", false);
        return new Heartbeat(device, branch, kind, version, sentAt, uptime, new Heartbeat.Clock(state, offset), disk,
                wear, celsius, printer, boards, voice, outbox, lastSync);
    }

    private static List<Heartbeat.Board> boards(JsonNode a) {
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray() || a.size() > MAX_BOARDS) {
            throw new Invalid("boards", "must be a list of at most " + MAX_BOARDS);
        }
        List<Heartbeat.Board> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (JsonNode b : a) {
            if (!b.isObject()) {
                throw new Invalid("boards", "each board is an object");
            }
            int counter = (int) number(b, "counter", 1, 999, true);
            if (!seen.add(counter)) {
                throw new Invalid("boards", "counter " + counter + " is listed twice");
            }
            out.add(new Heartbeat.Board(counter, name(b, "state", Heartbeat.BoardState.class, true)));
        }
        return out;
    }

    private static String text(JsonNode o, String field, Pattern pattern) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual() || !pattern.matcher(v.asText()).matches()) {
            throw new Invalid(field, "must match " + pattern.pattern());
        }
        return v.asText();
    }

    private static long number(JsonNode o, String field, long min, long max, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(field, "is required");
            }
            return min;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new Invalid(field, "must be a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }

    private static <E extends Enum<E>> E name(JsonNode o, String field, Class<E> type, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(field, "is required");
            }
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (v.isTextual() && e.name().equals(v.asText())) {
                return e;
            }
        }
        throw new Invalid(field, "is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static Instant instant(JsonNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Invalid(field, "is required");
            }
            return null;
        }
        try {
            if (!v.isTextual() || v.asText().length() > 40) {
                throw new DateTimeParseException("not a short text", "", 0);
            }
            Instant at = Instant.parse(v.asText());
            if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                throw new Invalid(field, "must be between 2020 and 2100");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "must be an ISO-8601 instant");
        }
    }
}
