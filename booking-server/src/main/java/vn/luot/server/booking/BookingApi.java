package vn.luot.server.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.sync.JsonHttp;
import vn.luot.core.sync.JsonHttp.HttpError;
import vn.luot.core.token.BookingToken;
import vn.luot.server.identity.CitizenAccess;
import vn.luot.server.identity.CitizenCredential;
import vn.luot.server.identity.CredentialFormat;
import vn.luot.core.http.RateLimiter;

/**
 * The API the city app calls: branches, booking, cancelling, a booking's status and its
 * notifications, and the public keys of the booking QR codes. Every refusal is a 4xx with
 * {@code {error, message_vi, message_en}}; nothing a client sends causes a 500.
 *
 * <p>Booking, cancelling and reading a booking need a citizen credential ({@code Authorization: Bearer
 * LC1...}) from a trusted identity provider; a booking belongs to the credential that made it, is named by
 * 128 random bits, and is invisible (404) to every other credential. Priority comes from the credential's
 * verified birth date only. Requests are rate-limited per client address and, for writes, per citizen.
 */
public final class BookingApi implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(BookingApi.class.getName());
    private static final Duration CANCEL_NOTICE = Duration.ofHours(1);

    /** Signs booking QR codes and publishes the keys to verify them. */
    public interface BookingCodes {
        String qrFor(Booking booking);

        String keysJson();
    }

    /** A branch as the server runs it: its definition, its central queue and its capacity. */
    public record BranchRuntime(Branch branch, LocalQueue queue, int capacityPerField) {
    }

    private final Map<String, BranchRuntime> branches;
    private final BookingStore store;
    private final BookingCodes codes;
    private final int maxBookedNumber;
    private final Clock clock;
    private final JsonHttp http;
    private final CitizenAccess access;
    private final RateLimiter perAddress;
    private final RateLimiter perCitizen;
    private volatile LocalDate retentionRunOn;

    public BookingApi(Map<String, BranchRuntime> branches, BookingStore store, BookingCodes codes,
                      int maxBookedNumber, Clock clock, JsonHttp http, CitizenAccess access) {
        this.branches = Map.copyOf(branches);
        this.store = store;
        this.codes = codes;
        this.maxBookedNumber = maxBookedNumber;
        this.clock = clock;
        this.http = http;
        this.access = access;
        this.perAddress = new RateLimiter(access.addressRequestsPerMinute(), 100_000, clock);
        this.perCitizen = new RateLimiter(access.citizenWritesPerMinute(), 100_000, clock);
    }

    /**
     * Refuses a clock whose bookings the QR codes cannot carry (today through {@value BookingRules#DAYS_AHEAD}
     * days ahead, each valid to the end of its day): better not to start than to refuse every booking.
     *
     * @throws IllegalArgumentException naming the clock and the dates a code can carry
     */
    public static void requireClockCodesCanCarry(Clock clock) {
        LocalDate today = BranchTime.now(clock).toLocalDate();
        for (LocalDate day = today; !day.isAfter(today.plusDays(BookingRules.DAYS_AHEAD)); day = day.plusDays(1)) {
            if (!BookingToken.carries(day)) {
                throw new IllegalArgumentException("the server clock says " + today + ", but booking QR codes carry"
                        + " only the days " + BookingToken.FIRST_DAY + " to " + BookingToken.LAST_DAY
                        + " (today and the next " + BookingRules.DAYS_AHEAD + " days must fit):"
                        + " set the system clock or --now within that range");
            }
        }
    }

    /** Forgets who made the bookings older than the retention period; once a day (housekeeping runs often). */
    public void housekeeping() {
        LocalDate today = BranchTime.now(clock).toLocalDate();
        if (!today.equals(retentionRunOn)) {
            store.forgetCitizensBefore(today.minus(access.citizenRetention()));
            retentionRunOn = today;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (HttpError e) {
                http.sendError(exchange, e);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "booking request failed: " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI().getPath(), e);
                http.sendError(exchange, new HttpError(500, "INTERNAL", "Lỗi máy chủ, vui lòng thử lại sau.",
                        "Server error; please try again later."));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String method = exchange.getRequestMethod();
        String[] p = path.split("/");
        if (path.startsWith("/v1/bookings") || path.startsWith("/v1/demo")) {
            limit(perAddress, "address:" + exchange.getRemoteAddress().getAddress().getHostAddress(), exchange);
        }
        if (path.equals("/v1/demo/credentials") && method.equals("POST") && access.demo() != null) {
            demoCredential(exchange);
        } else if (path.equals("/v1/branches") && method.equals("GET")) {
            http.send(exchange, 200, branchesJson());
        } else if (path.equals("/v1/keys") && method.equals("GET")) {
            http.send(exchange, 200, codes.keysJson());
        } else if (path.equals("/v1/bookings") && method.equals("POST")) {
            book(exchange);
        } else if (p.length == 4 && p[2].equals("bookings") && method.equals("GET")) {
            http.send(exchange, 200, bookingJson(find(p[3], credential(exchange))));
        } else if (p.length == 4 && p[2].equals("bookings") && method.equals("DELETE")) {
            CitizenCredential citizen = credential(exchange);
            limit(perCitizen, citizen.citizenKey(), exchange);
            cancel(exchange, find(p[3], citizen));
        } else if (p.length == 5 && p[2].equals("bookings") && p[4].equals("notifications") && method.equals("GET")) {
            notifications(exchange, find(p[3], credential(exchange)));
        } else if (path.equals("/v1/branches") || path.equals("/v1/keys") || path.equals("/v1/bookings")
                || (p.length >= 4 && p[2].equals("bookings"))) {
            throw new HttpError(405, "METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ.", "Method not allowed.");
        } else {
            throw new HttpError(404, "NOT_FOUND", "Không tìm thấy.", "Not found.");
        }
    }

    private ObjectNode branchesJson() {
        ObjectNode out = http.mapper().createObjectNode();
        ArrayNode list = out.putArray("branches");
        branches.values().stream().sorted((a, b) -> a.branch().id().compareTo(b.branch().id())).forEach(rt -> {
            Branch b = rt.branch();
            ObjectNode node = list.addObject();
            node.put("id", b.id());
            node.put("name", b.name());
            node.put("address", b.address());
            ArrayNode fields = node.putArray("fields");
            for (ServiceField f : b.fields()) {
                fields.addObject().put("code", f.code()).put("name_vi", f.nameVi()).put("name_en", f.nameEn());
            }
            ArrayNode purposes = node.putArray("purposes");
            for (Purpose p : Purpose.values()) {
                purposes.addObject().put("code", p.name()).put("name_vi", p.nameVi()).put("name_en", p.nameEn());
            }
            ArrayNode slots = node.putArray("slots");
            for (TimeSlot s : b.slots()) {
                slots.addObject().put("start", s.start().toString()).put("end", s.end().toString())
                        .put("capacity_per_field", rt.capacityPerField());
            }
            ArrayNode hours = node.putArray("opening_hours");
            TimeSlot block = null;
            for (TimeSlot s : b.slots()) {
                if (block != null && block.end().equals(s.start())) {
                    block = new TimeSlot(block.start(), s.end());
                } else {
                    if (block != null) {
                        hours.add(block.toString());
                    }
                    block = s;
                }
            }
            if (block != null) {
                hours.add(block.toString());
            }
            ArrayNode counters = node.putArray("counters");
            b.counters().forEach(c -> {
                ArrayNode served = counters.addObject().put("number", c.number()).putArray("fields");
                c.fieldCodes().stream().sorted().forEach(served::add);
            });
        });
        return out;
    }

    private void book(HttpExchange exchange) throws IOException {
        CitizenCredential citizen = credential(exchange);
        limit(perCitizen, citizen.citizenKey(), exchange);
        String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new HttpError(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key dài từ 1 đến 200 ký tự.",
                    "An Idempotency-Key is 1-200 characters.");
        }
        JsonNode body = http.readJson(exchange);
        BookingRequest parsed = parse(body, citizen);
        LocalDateTime now = BranchTime.now(clock);
        BranchRuntime rt = branches.get(parsed.branchId());
        BookingRequest request = rt == null ? parsed : withBranchSlot(parsed, rt.branch());
        boolean[] eventRecorded = {false};
        Booking[] attempted = {null};
        BookingStore.BookResult<String> result;
        try {
            result = store.book(request, rt == null ? null : rt.branch(), rt == null ? 0 : rt.capacityPerField(),
                    maxBookedNumber, now, idempotencyKey, b -> {
                        attempted[0] = b;
                        String qr = codes.qrFor(b);
                        rt.queue().recordDecided(List.of(
                                new QueueEvent.BookingRecorded(b.ticketId(), b.id(), b.purpose(), b.slot(), b.priority())));
                        eventRecorded[0] = true;
                        return qr;
                    });
        } catch (RuntimeException e) {
            if (eventRecorded[0]) {
                // The event is out but the booking's commit failed: take the number back out of the branch log.
                LOG.log(Level.SEVERE, "booking " + attempted[0].ticketId().label() + " not stored after its event;"
                        + " cancelling it in the branch log", e);
                rt.queue().recordDecided(List.of(new QueueEvent.BookingCancelled(attempted[0].ticketId(), false)));
            }
            throw e;
        }
        if (result.refusal() != null) {
            BookingRefusal r = result.refusal();
            throw new HttpError(r.status(), r.name(), r.messageVi(), r.messageEn());
        }
        Booking b = result.booking();
        // A retry (the app timed out, the citizen tapped twice) gets the booking the first request made.
        ObjectNode out = bookingJson(result.replayed() ? find(result.publicId(), citizen)
                : new BookingStore.Stored(b, null, clock.instant(), result.publicId()));
        out.put("qr", result.replayed() ? codes.qrFor(b) : result.within());
        http.send(exchange, 201, out);
    }

    /** The demo identity provider: a credential for whoever says who they are (never in production). */
    private void demoCredential(HttpExchange exchange) throws IOException {
        JsonNode body = http.readJson(exchange);
        String credential;
        try {
            credential = access.demo().issue(text(body, "citizenId"), text(body, "fullName"),
                    LocalDate.parse(text(body, "birthDate")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            credential = null;
        }
        if (credential == null) {
            throw new HttpError(422, "INVALID_REQUEST", "Số định danh, họ tên hoặc ngày sinh không hợp lệ.",
                    "Expected {citizenId (12 digits), fullName, birthDate (YYYY-MM-DD, not in the future)}.");
        }
        ObjectNode out = http.mapper().createObjectNode();
        out.put("credential", credential);
        http.send(exchange, 201, out);
    }

    /** The verified credential of the request's {@code Authorization: Bearer} header. */
    private CitizenCredential credential(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new HttpError(401, "CREDENTIAL_REQUIRED",
                    "Vui lòng đăng nhập bằng tài khoản định danh điện tử (VNeID) để đặt hoặc xem lịch hẹn.",
                    "Sign in with your electronic identity (VNeID) to book or see a booking.");
        }
        CredentialFormat.Verified v = CredentialFormat.verify(header.substring(7).strip(), access.issuers(),
                clock.instant());
        if (v.credential() == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw v.refusal() == CredentialFormat.Refusal.EXPIRED
                    ? new HttpError(401, "CREDENTIAL_EXPIRED", "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
                            "Your sign-in has expired; please sign in again.")
                    : new HttpError(401, "CREDENTIAL_INVALID", "Thông tin đăng nhập không hợp lệ.",
                            "The credential is not valid.");
        }
        return v.credential();
    }

    private static void limit(RateLimiter limiter, String key, HttpExchange exchange) {
        Duration wait = limiter.take(key);
        if (!wait.isZero()) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            throw new HttpError(429, "RATE_LIMITED", "Quá nhiều yêu cầu, vui lòng thử lại sau ít phút.",
                    "Too many requests; please try again in a few minutes.");
        }
    }

    /** The app may send only a slot's start: take the branch's slot that starts then. */
    private static BookingRequest withBranchSlot(BookingRequest r, Branch branch) {
        return branch.slots().stream().filter(s -> s.start().equals(r.slot().start())).findFirst()
                .map(s -> new BookingRequest(r.citizen(), r.birthDate(), r.branchId(), r.date(), s, r.field(),
                        r.purpose()))
                .orElse(r);
    }

    /** Who books and their birth date come from the credential; an ID number or birth date in the body is ignored. */
    private static BookingRequest parse(JsonNode body, CitizenCredential citizen) {
        try {
            return new BookingRequest(citizen.citizenKey(), citizen.birthDate(), text(body, "branchId"),
                    LocalDate.parse(text(body, "date")), slot(text(body, "slot")), text(body, "field"),
                    Purpose.valueOf(text(body, "purpose")));
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw new HttpError(422, "INVALID_REQUEST", BookingRefusal.INVALID_REQUEST.messageVi(),
                    "Expected {branchId, date (YYYY-MM-DD), slot (HH:MM or HH:MM-HH:MM), field, "
                            + "purpose (SUBMIT|COLLECT|ADVICE)}.");
        }
    }

    private static TimeSlot slot(String text) {
        if (text.contains("-")) {
            return TimeSlot.parse(text);
        }
        java.time.LocalTime start = java.time.LocalTime.parse(text);
        return new TimeSlot(start, start.plusMinutes(30));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field);
        }
        return value.asText();
    }

    private BookingStore.Stored find(String publicId, CitizenCredential citizen) {
        return store.findOwned(publicId, citizen.citizenKey()).orElseThrow(BookingApi::notFound);
    }

    private static HttpError notFound() {
        return new HttpError(404, "UNKNOWN_BOOKING", "Không tìm thấy lịch hẹn.", "No such booking.");
    }

    private ObjectNode bookingJson(BookingStore.Stored stored) {
        Booking b = stored.booking();
        ObjectNode out = http.mapper().createObjectNode();
        out.put("id", stored.publicId());
        out.put("number", b.number());
        out.put("label", b.ticketId().label());
        out.put("priority", b.priority());
        out.put("branchId", b.branchId());
        out.put("date", b.date().toString());
        out.put("field", b.field());
        out.put("purpose", b.purpose().name());
        BranchRuntime rt = branches.get(b.branchId());
        Optional<Ticket> ticket = rt == null ? Optional.empty() : rt.queue().ticket(b.ticketId());
        out.put("slot", ticket.map(Ticket::slot).orElse(b.slot()).toString());
        String status = ticket.map(t -> t.status().name()).orElse(stored.cancelled() != null ? stored.cancelled() : "BOOKED");
        out.put("status", status);
        ticket.filter(t -> t.counter() > 0).ifPresent(t -> out.put("counter", t.counter()));
        ticket.filter(t -> t.conflict() != vn.luot.core.domain.Conflict.NONE)
                .ifPresent(t -> out.put("conflict", t.conflict().name()));
        return out;
    }

    private void cancel(HttpExchange exchange, BookingStore.Stored stored) throws IOException {
        Booking b = stored.booking();
        BranchRuntime rt = branches.get(b.branchId());
        Optional<Ticket> ticket = rt.queue().ticket(b.ticketId());
        if (stored.cancelled() != null) {
            throw new HttpError(409, "ALREADY_CANCELLED", "Lịch hẹn đã được hủy trước đó.", "The booking is already cancelled.");
        }
        if (ticket.isPresent() && !ticket.get().status().isAwaitingCheckIn()) {
            throw new HttpError(409, "ALREADY_CHECKED_IN", "Công dân đã có mặt tại chi nhánh; không thể hủy.",
                    "The citizen has already checked in; the booking cannot be cancelled.");
        }
        TimeSlot slot = ticket.map(Ticket::slot).orElse(b.slot());
        LocalDateTime start = b.date().atTime(slot.start());
        boolean forfeited = BranchTime.now(clock).isAfter(start.minus(CANCEL_NOTICE));
        if (!store.cancel(Long.parseLong(b.id()), forfeited)) {
            throw new HttpError(409, "ALREADY_CANCELLED", "Lịch hẹn đã được hủy trước đó.", "The booking is already cancelled.");
        }
        rt.queue().recordDecided(List.of(new QueueEvent.BookingCancelled(b.ticketId(), forfeited)));
        ObjectNode out = bookingJson(new BookingStore.Stored(b, forfeited ? "FORFEITED" : "CANCELLED", stored.created(),
                stored.publicId()));
        out.put("message_vi", forfeited ? "Đã bỏ lượt: hủy muộn hơn 1 giờ trước giờ hẹn, số thứ tự không còn hiệu lực."
                : "Đã hủy lịch hẹn.");
        out.put("message_en", forfeited ? "Forfeited: cancelled less than 1 hour before the slot; the number cannot be used."
                : "The booking is cancelled.");
        http.send(exchange, 200, out);
    }

    private void notifications(HttpExchange exchange, BookingStore.Stored stored) throws IOException {
        ObjectNode out = http.mapper().createObjectNode();
        out.put("bookingId", stored.publicId());
        ArrayNode list = out.putArray("notifications");
        for (BookingStore.Notification n : store.notifications(Long.parseLong(stored.booking().id()))) {
            ObjectNode node = list.addObject();
            node.put("type", n.type());
            node.put("at", n.at().toString());
            if (n.counter() > 0) {
                node.put("counter", n.counter());
            }
            node.put("text_vi", n.textVi());
            node.put("text_en", n.textEn());
        }
        http.send(exchange, 200, out);
    }
}
