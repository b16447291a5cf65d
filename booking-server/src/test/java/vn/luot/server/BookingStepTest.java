package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.testing.MutableClock;
import vn.luot.server.booking.BookingApi;

/** A booking, its QR and its branch event are one step: a failure half way leaves nothing behind. */
class BookingStepTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T07:00");
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private record Answer(int code, JsonNode body) {
    }

    private Answer book(BookingServer server, String credential) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(server.url() + "/v1/bookings")
                .header("Authorization", "Bearer " + credential)
                .post(RequestBody.create("""
                        {"branchId":"%s","date":"2026-11-23","slot":"09:00","field":"HT","purpose":"SUBMIT"}"""
                        .formatted(DemoBranch.ID), MediaType.get("application/json"))).build()).execute()) {
            return new Answer(r.code(), json.readTree(r.body().string()));
        }
    }

    @Test
    void whenTheQrCannotBeSignedTheBookingIsNotKeptAndTheRetrySucceeds() throws IOException {
        AtomicInteger signed = new AtomicInteger();
        BookingApi.BookingCodes failingOnce = new BookingApi.BookingCodes() {
            @Override
            public String qrFor(Booking booking) {
                if (signed.getAndIncrement() == 0) {
                    throw new IllegalStateException("signing service down");
                }
                return "TEST:" + booking.id();
            }

            @Override
            public String keysJson() {
                return "{\"keys\":[]}";
            }
        };
        try (BookingServer server = TestServer.start(dir, clock, ServerConfig.demo(), failingOnce)) {
            String citizen = TestServer.credential(server, "001099000001", "1980-05-01");
            Answer failed = book(server, citizen);
            assertThat(failed.code()).isEqualTo(500);
            assertThat(failed.body().path("message_vi").asText()).contains("thử lại");
            assertThat(server.bookings().from(DemoBranch.ID, DAY)).isEmpty();
            assertThat(server.queue(DemoBranch.ID).tickets()).isEmpty();

            Answer retried = book(server, citizen);
            assertThat(retried.code()).as("not 409: the failed attempt holds no place").isEqualTo(201);
            assertThat(retried.body().path("label").asText()).isEqualTo("HT-001");
            assertThat(retried.body().path("qr").asText()).startsWith("TEST:");
            assertThat(server.bookings().from(DemoBranch.ID, DAY)).hasSize(1);
            assertThat(server.queue(DemoBranch.ID).tickets()).hasSize(1);
        }
    }

    @Test
    void whenTheBranchLogCannotTakeTheEventTheBookingIsNotKept() throws IOException {
        try (BookingServer server = TestServer.start(dir, clock, ServerConfig.demo(), TestServer.PLAIN_CODES)) {
            String citizen = TestServer.credential(server, "001099000001", "1980-05-01");
            server.queue(DemoBranch.ID).close();
            Answer failed = book(server, citizen);
            assertThat(failed.code()).isEqualTo(500);
            assertThat(failed.body().path("error").asText()).isEqualTo("INTERNAL");
            assertThat(server.bookings().from(DemoBranch.ID, DAY)).isEmpty();
        }
        // After a restart (the log reopened), the same citizen books as if nothing had happened.
        try (BookingServer server = TestServer.start(dir, clock, ServerConfig.demo(), TestServer.PLAIN_CODES)) {
            Answer booked = book(server, TestServer.credential(server, "001099000001", "1980-05-01"));
            assertThat(booked.code()).isEqualTo(201);
            assertThat(server.queue(DemoBranch.ID).tickets()).hasSize(1);
        }
    }

    @Test
    void aServerClockTheQrCodesCannotCarryIsRefusedAtStartNamingTheRange() {
        for (String start : new String[] {"2019-12-31T07:00", "2199-06-01T07:00"}) {
            assertThatThrownBy(() -> BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("s.db"))
                    .clock(BranchTime.startingAt(LocalDateTime.parse(start))).codes(TestServer.PLAIN_CODES)
                    .bindAddress("127.0.0.1").port(0).build())
                    .as(start)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2020-01-01")
                    .hasMessageContaining("--now");
        }
        assertThat(dir.resolve("s.db")).as("refused before anything was opened").doesNotExist();
    }
}
