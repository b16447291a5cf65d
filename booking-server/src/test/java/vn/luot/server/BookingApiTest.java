package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.config.ConfigFile;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.TicketId;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.testing.MutableClock;

/** The city's booking rules, each checked over HTTP against the real server on loopback. */
class BookingApiTest {

    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00");
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private BookingServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, clock, ServerConfig.demo(), TestServer.PLAIN_CODES);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Answer(int code, JsonNode body) {
        String error() {
            return body.path("error").asText();
        }
    }

    private final java.util.Map<String, String> credentials = new java.util.HashMap<>();

    /** The citizen's credential (born 1980-05-01 unless the first booking said otherwise). */
    private String as(String citizen) {
        return as(citizen, "1980-05-01");
    }

    private String as(String citizen, String birth) {
        return credentials.computeIfAbsent(citizen + "/" + birth, k -> TestServer.credential(server, citizen, birth));
    }

    private Answer call(String method, String path, String body) throws IOException {
        return call(method, path, body, null);
    }

    private Answer call(String method, String path, String body, String credential) throws IOException {
        Request.Builder r = new Request.Builder().url(server.url() + path);
        if (credential != null) {
            r.header("Authorization", "Bearer " + credential);
        }
        r.method(method, body == null ? null : RequestBody.create(body, JSON));
        try (Response response = http.newCall(r.build()).execute()) {
            String text = response.body().string();
            return new Answer(response.code(), text.isEmpty() ? json.createObjectNode() : json.readTree(text));
        }
    }

    private Answer book(String citizen, String birth, String date, String slot, String field, String purpose)
            throws IOException {
        return call("POST", "/v1/bookings", """
                {"branchId":"%s","date":"%s","slot":"%s","field":"%s","purpose":"%s"}"""
                .formatted(DemoBranch.ID, date, slot, field, purpose), as(citizen, birth));
    }

    private Answer book(String citizen, String date, String slot, String field, String purpose) throws IOException {
        return book(citizen, "1980-05-01", date, slot, field, purpose);
    }

    private Answer bookWithKey(String citizen, String slot, String key) throws IOException {
        Request r = new Request.Builder().url(server.url() + "/v1/bookings")
                .header("Authorization", "Bearer " + as(citizen)).header("Idempotency-Key", key)
                .post(RequestBody.create("""
                        {"branchId":"%s","date":"2026-11-24","slot":"%s","field":"HT","purpose":"SUBMIT"}"""
                        .formatted(DemoBranch.ID, slot), JSON)).build();
        try (Response response = http.newCall(r).execute()) {
            return new Answer(response.code(), json.readTree(response.body().string()));
        }
    }

    @Test
    void aBookingRetriedWithItsIdempotencyKeyIsMadeOnceAndTheKeyServesNoOtherRequest() throws IOException {
        Answer first = bookWithKey("001099000001", "09:00", "app-req-1");
        Answer again = bookWithKey("001099000001", "09:00", "app-req-1");

        assertThat(first.code()).isEqualTo(201);
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.body().path("label").asText()).isEqualTo("HT-001");
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(again.body().path("qr").asText()).isNotEmpty();
        assertThat(server.bookings().from(DemoBranch.ID, java.time.LocalDate.of(2026, 11, 24))).hasSize(1);

        Answer reused = bookWithKey("001099000001", "10:00", "app-req-1");
        assertThat(reused.code()).isEqualTo(409);
        assertThat(reused.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(bookWithKey("001099000001", "10:00", "x".repeat(201)).error()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
    }

    @Test
    void theBranchListHasFieldsPurposesSlotsWithCapacityAndOpeningHours() throws IOException {
        Answer a = call("GET", "/v1/branches", null);
        assertThat(a.code()).isEqualTo(200);
        JsonNode branch = a.body().path("branches").get(0);
        assertThat(branch.path("id").asText()).isEqualTo(DemoBranch.ID);
        assertThat(branch.path("fields").get(0).path("name_vi").asText()).isEqualTo("Hộ tịch");
        assertThat(branch.path("purposes")).hasSize(3);
        assertThat(branch.path("slots")).hasSize(16);
        assertThat(branch.path("slots").get(0).path("capacity_per_field").asInt()).isEqualTo(40);
        assertThat(branch.path("opening_hours").toString()).isEqualTo("[\"08:00-12:00\",\"13:00-17:00\"]");
    }

    @Test
    void aBookingGetsTheNextNumberOfItsFieldAndDayAQrAndPriorityForTheElderly() throws IOException {
        Answer first = book("001099000001", "2026-11-24", "09:00", "HT", "SUBMIT");
        assertThat(first.code()).isEqualTo(201);
        assertThat(first.body().path("label").asText()).isEqualTo("HT-001");
        assertThat(first.body().path("status").asText()).isEqualTo("BOOKED");
        assertThat(first.body().path("qr").asText()).isNotBlank();
        assertThat(first.body().path("priority").asBoolean()).isFalse();
        Answer elderly = book("001099000002", "1950-01-10", "2026-11-24", "09:00", "HT", "COLLECT");
        assertThat(elderly.body().path("label").asText()).isEqualTo("HT-002");
        assertThat(elderly.body().path("priority").asBoolean()).isTrue();
        assertThat(elderly.body().toString()).doesNotContain("Trần").doesNotContain("001099000002");
    }

    @Test
    void onlyTodayAndTheNextSixDaysCanBeBooked() throws IOException {
        assertThat(book("001099000001", "2026-11-29", "09:00", "HT", "SUBMIT").code()).isEqualTo(201);
        Answer tooFar = book("001099000001", "2026-11-30", "09:00", "HT", "SUBMIT");
        assertThat(tooFar.code()).isEqualTo(422);
        assertThat(tooFar.error()).isEqualTo("DATE_OUT_OF_RANGE");
        assertThat(tooFar.body().path("message_vi").asText()).contains("6 ngày");
        assertThat(book("001099000001", "2026-11-22", "09:00", "HT", "SUBMIT").error()).isEqualTo("DATE_OUT_OF_RANGE");
    }

    @Test
    void atMostTwoBookingsPerPersonPerDay() throws IOException {
        assertThat(book("001099000001", "2026-11-24", "08:00", "HT", "SUBMIT").code()).isEqualTo(201);
        assertThat(book("001099000001", "2026-11-24", "09:00", "CT", "SUBMIT").code()).isEqualTo(201);
        Answer third = book("001099000001", "2026-11-24", "10:00", "DD", "SUBMIT");
        assertThat(third.code()).isEqualTo(409);
        assertThat(third.error()).isEqualTo("DAILY_LIMIT");
        assertThat(book("001099000001", "2026-11-25", "10:00", "DD", "SUBMIT").code()).isEqualTo(201);
    }

    @Test
    void atMostOnePerFieldAndPurposePerDay() throws IOException {
        assertThat(book("001099000001", "2026-11-24", "08:00", "HT", "SUBMIT").code()).isEqualTo(201);
        assertThat(book("001099000001", "2026-11-24", "09:00", "HT", "SUBMIT").error()).isEqualTo("FIELD_PURPOSE_LIMIT");
        assertThat(book("001099000001", "2026-11-24", "09:00", "HT", "COLLECT").code()).isEqualTo(201);
    }

    @Test
    void atMostOnePerTimeSlot() throws IOException {
        assertThat(book("001099000001", "2026-11-24", "08:00", "HT", "SUBMIT").code()).isEqualTo(201);
        assertThat(book("001099000001", "2026-11-24", "08:00", "CT", "SUBMIT").error()).isEqualTo("SLOT_LIMIT");
    }

    @Test
    void aFullSlotIsRefused(@TempDir Path other) throws IOException {
        server.close();
        String small = new String(ServerConfig.class.getResourceAsStream("/demo-server.toml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("capacity_per_field = 40", "capacity_per_field = 2");
        server = TestServer.start(other, clock, ConfigFile.parse(Path.of("small.toml"), small, ServerConfig.class),
                TestServer.PLAIN_CODES);
        assertThat(book("001099000001", "2026-11-24", "08:00", "HT", "SUBMIT").code()).isEqualTo(201);
        assertThat(book("001099000002", "2026-11-24", "08:00", "HT", "SUBMIT").code()).isEqualTo(201);
        assertThat(book("001099000003", "2026-11-24", "08:00", "HT", "SUBMIT").error()).isEqualTo("SLOT_FULL");
        assertThat(book("001099000003", "2026-11-24", "08:00", "CT", "SUBMIT").code()).isEqualTo(201);
    }

    @Test
    void unknownBranchFieldAndInvalidRequestsAreRefusedWithBothLanguages() throws IOException {
        Answer branch = call("POST", "/v1/bookings", """
                {"branchId":"hn-nowhere","date":"2026-11-24","slot":"09:00","field":"HT","purpose":"SUBMIT"}""",
                as("001099000001"));
        assertThat(branch.code()).isEqualTo(422);
        assertThat(branch.error()).isEqualTo("UNKNOWN_BRANCH");
        assertThat(book("001099000001", "2026-11-24", "09:00", "ZZ", "SUBMIT").error()).isEqualTo("UNKNOWN_FIELD");
        Answer badId = call("POST", "/v1/demo/credentials", """
                {"citizenId":"12345","fullName":"A","birthDate":"1980-01-01"}""");
        assertThat(badId.error()).isEqualTo("INVALID_REQUEST");
        assertThat(badId.body().path("message_vi").asText()).isNotBlank();
        assertThat(badId.body().path("message_en").asText()).isNotBlank();
        assertThat(book("001099000001", "2026-11-24", "09:00", "HT", "SHOPPING").error()).isEqualTo("INVALID_REQUEST");
        assertThat(call("POST", "/v1/bookings", "{\"branchId\": 5}", as("001099000001")).error())
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void malformedAndOversizeBodiesToEveryEndpointGet4xxNever500() throws IOException {
        String big = "{\"x\":\"" + "a".repeat(2 << 20) + "\"}";
        for (String[] c : new String[][] {
                {"POST", "/v1/bookings", "{oops"}, {"POST", "/v1/bookings", "[]"}, {"POST", "/v1/bookings", "null"},
                {"POST", "/v1/bookings", big}, {"GET", "/v1/bookings/abc", null}, {"GET", "/v1/bookings/999", null},
                {"DELETE", "/v1/bookings/-1", null}, {"GET", "/v1/bookings/1/notifications", null},
                {"PUT", "/v1/branches", "{}"}, {"POST", "/v1/keys", "{}"}, {"GET", "/nowhere", null},
                {"POST", "/v1/branches/" + DemoBranch.ID + "/events", "{oops"}}) {
            Answer a = call(c[0], c[1], c[2], as("001099000001"));
            assertThat(a.code()).as(c[0] + " " + c[1]).isBetween(400, 499);
            assertThat(a.body().path("error").asText()).as(c[0] + " " + c[1]).isNotBlank();
        }
    }

    @Test
    void cancellingAtLeastOneHourAheadCancelsLaterForfeitsAndAForfeitStillCounts() throws IOException {
        clock.set("2026-11-23T07:00");
        String early = book("001099000001", "2026-11-23", "08:00", "HT", "SUBMIT").body().path("id").asText();
        String late = book("001099000001", "2026-11-23", "09:00", "CT", "SUBMIT").body().path("id").asText();
        Answer cancelled = call("DELETE", "/v1/bookings/" + early, null, as("001099000001"));
        assertThat(cancelled.code()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");

        clock.set("2026-11-23T08:10");
        Answer forfeited = call("DELETE", "/v1/bookings/" + late, null, as("001099000001"));
        assertThat(forfeited.body().path("status").asText()).isEqualTo("FORFEITED");
        assertThat(forfeited.body().path("message_vi").asText()).contains("Đã bỏ lượt");
        assertThat(call("GET", "/v1/bookings/" + late, null, as("001099000001")).body().path("status").asText())
                .isEqualTo("FORFEITED");
        assertThat(call("DELETE", "/v1/bookings/" + late, null, as("001099000001")).error()).isEqualTo("ALREADY_CANCELLED");

        // The cancelled one freed its place; the forfeited one still counts: one more is allowed.
        assertThat(book("001099000001", "2026-11-23", "10:00", "DD", "SUBMIT").code()).isEqualTo(201);
        assertThat(book("001099000001", "2026-11-23", "11:00", "XD", "SUBMIT").error()).isEqualTo("DAILY_LIMIT");
    }

    @Test
    void theBookingShowsItsStatusAsTheBranchReportsIt() throws IOException {
        JsonNode b = book("001099000001", "2026-11-23", "09:00", "HT", "SUBMIT").body();
        TicketId id = new TicketId(java.time.LocalDate.parse("2026-11-23"), "HT", b.path("number").asInt());
        clock.set("2026-11-23T08:50");
        server.queue(DemoBranch.ID).receive(List.of(branchEvent(1, new QueueEvent.CheckedIn(id, b.path("id").asText(),
                vn.luot.core.domain.Purpose.SUBMIT, vn.luot.core.domain.TimeSlot.parse("09:00-09:30"), false))));
        assertThat(call("GET", "/v1/bookings/" + b.path("id").asText(), null, as("001099000001")).body().path("status")
                .asText()).isEqualTo("CHECKED_IN");
        assertThat(call("DELETE", "/v1/bookings/" + b.path("id").asText(), null, as("001099000001")).error())
                .isEqualTo("ALREADY_CHECKED_IN");
    }

    @Test
    void notificationsAreGeneratedInOrderAtTheRightMoments() throws IOException {
        JsonNode b = book("001099000001", "2026-11-23", "09:00", "HT", "SUBMIT").body();
        String id = b.path("id").asText();
        TicketId ticket = new TicketId(java.time.LocalDate.parse("2026-11-23"), "HT", b.path("number").asInt());
        clock.set("2026-11-23T08:29");
        server.housekeeping();
        assertThat(types(id)).isEmpty();
        clock.set("2026-11-23T08:30");
        server.housekeeping();
        server.housekeeping();
        assertThat(types(id)).containsExactly("REMINDER_30M");

        clock.set("2026-11-23T08:45");
        server.queue(DemoBranch.ID).receive(List.of(
                branchEvent(1, new QueueEvent.CheckedIn(ticket, id, vn.luot.core.domain.Purpose.SUBMIT,
                        vn.luot.core.domain.TimeSlot.parse("09:00-09:30"), false)),
                branchEvent(2, new QueueEvent.Approaching(ticket)),
                branchEvent(3, new QueueEvent.Called(ticket, 5)),
                branchEvent(4, new QueueEvent.Recalled(ticket, 5))));
        server.housekeeping();
        assertThat(types(id)).containsExactly("REMINDER_30M", "ONE_AWAY", "CALLED");
        JsonNode called = call("GET", "/v1/bookings/" + id + "/notifications", null, as("001099000001")).body()
                .path("notifications").get(2);
        assertThat(called.path("counter").asInt()).isEqualTo(5);
        assertThat(called.path("text_vi").asText()).isEqualTo("Mời công dân có số thứ tự HT-001 đến quầy số 5.");

        JsonNode other = book("001099000009", "2026-11-23", "10:00", "CT", "SUBMIT").body();
        TicketId otherTicket = new TicketId(java.time.LocalDate.parse("2026-11-23"), "CT", other.path("number").asInt());
        JsonNode third = book("001099000010", "2026-11-23", "11:00", "DD", "SUBMIT").body();
        TicketId thirdTicket = new TicketId(java.time.LocalDate.parse("2026-11-23"), "DD", third.path("number").asInt());
        server.queue(DemoBranch.ID).receive(List.of(
                branchEvent(5, new QueueEvent.BookingMoved(otherTicket, vn.luot.core.domain.TimeSlot.parse("10:00-10:30"),
                        vn.luot.core.domain.TimeSlot.parse("14:00-14:30"))),
                branchEvent(6, new QueueEvent.MissedCheckIn(thirdTicket))));
        server.housekeeping();
        assertThat(types(other.path("id").asText(), "001099000009")).containsExactly("MOVED_TO_AFTERNOON");
        assertThat(types(third.path("id").asText(), "001099000010")).containsExactly("NO_SHOW_CANCELLED");
    }

    private vn.luot.core.event.Event branchEvent(long seq, QueueEvent body) {
        return new vn.luot.core.event.Event("hub", seq, new vn.luot.core.domain.Hlc(clock.millis(), (int) seq),
                clock.instant(), body);
    }

    private List<String> types(String bookingId) throws IOException {
        return types(bookingId, "001099000001");
    }

    private List<String> types(String bookingId, String citizen) throws IOException {
        JsonNode list = call("GET", "/v1/bookings/" + bookingId + "/notifications", null, as(citizen)).body()
                .path("notifications");
        java.util.List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.path("type").asText()));
        return out;
    }

}
