package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Ticket;
import vn.luot.core.domain.TicketStatus;
import vn.luot.core.rules.CheckInDecision;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenVerifier;

/**
 * A booking's whole life across real parts: booked over HTTP, pulled by the kiosk, its QR verified
 * offline with the published keys, checked in, pushed, called at the hub, and the app notified.
 */
class BranchEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aBookedCitizenIsCheckedInCalledAndNotified() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T07:00");
        OkHttpClient http = new OkHttpClient();
        ObjectMapper json = new ObjectMapper();
        SignedCodes codes = new SignedCodes(3, SigningKeys.generate(), KeySet.empty());
        try (BookingServer server = TestServer.start(dir, clock, ServerConfig.demo(), codes);
             LocalQueue kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1")
                     .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(500, 699)).open();
             LocalQueue hub = LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub")
                     .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(700, 899)).open()) {

            JsonNode booked;
            String citizen = "Bearer " + TestServer.credential(server, "001045000777", "1946-03-08");
            try (Response r = http.newCall(new Request.Builder().url(server.url() + "/v1/bookings")
                    .header("Authorization", citizen)
                    .post(RequestBody.create("""
                            {"branchId":"hn-hoankiem","date":"2026-11-23","slot":"09:00","field":"CT","purpose":"SUBMIT"}""",
                            MediaType.get("application/json"))).build()).execute()) {
                assertThat(r.code()).isEqualTo(201);
                booked = json.readTree(r.body().string());
            }
            KeySet keys;
            try (Response r = http.newCall(new Request.Builder().url(server.url() + "/v1/keys").build()).execute()) {
                keys = KeySet.fromJson(r.body().string());
            }

            SyncClient kioskSync = SyncClient.builder().baseUrl(server.url()).branchId(DemoBranch.ID)
                    .token(TestServer.KIOSK_TOKEN).queue(kiosk).clock(clock).build();
            SyncClient hubSync = SyncClient.builder().baseUrl(server.url()).branchId(DemoBranch.ID)
                    .token(TestServer.HUB_TOKEN).queue(hub).clock(clock).relay(true).build();
            kioskSync.pull();
            hubSync.pull();

            clock.set("2026-11-23T08:40");
            TokenVerifier.Verification scanned = new TokenVerifier(keys).verify(booked.path("qr").asText() + "\n",
                    clock.instant());
            assertThat(scanned).isInstanceOf(TokenVerifier.Verification.Valid.class);
            var booking = ((TokenVerifier.Verification.Valid) scanned).token().toBooking();
            assertThat(booking.priority()).as("aged 80 on the day").isTrue();
            LocalQueue.CheckInResult checkIn = kiosk.checkIn(booking);
            assertThat(checkIn.decision()).isInstanceOf(CheckInDecision.Accept.class);
            kioskSync.push();

            hubSync.pull();
            LocalQueue.CounterResult called = hub.next(3);
            assertThat(called.called()).map(Ticket::label).contains(booked.path("label").asText());
            hubSync.push();
            server.housekeeping();

            try (Response r = http.newCall(new Request.Builder()
                    .url(server.url() + "/v1/bookings/" + booked.path("id").asText()).header("Authorization", citizen)
                    .build()).execute()) {
                JsonNode status = json.readTree(r.body().string());
                assertThat(status.path("status").asText()).isEqualTo(TicketStatus.CALLED.name());
                assertThat(status.path("counter").asInt()).isEqualTo(3);
            }
            List<String> types = new ArrayList<>();
            try (Response r = http.newCall(new Request.Builder()
                    .url(server.url() + "/v1/bookings/" + booked.path("id").asText() + "/notifications")
                    .header("Authorization", citizen).build())
                    .execute()) {
                json.readTree(r.body().string()).path("notifications").forEach(n -> types.add(n.path("type").asText()));
            }
            assertThat(types).containsExactly("ONE_AWAY", "CALLED");

            // Absent when called, back later the same day: reactivated once, called again at the same counter,
            // and told again (each call is its own notification, not one per counter).
            hub.noShow(3);
            hubSync.push();
            kioskSync.pull();
            clock.set("2026-11-23T10:05");
            assertThat(kiosk.checkIn(booking).decision()).isInstanceOf(CheckInDecision.Reactivate.class);
            kioskSync.push();
            hubSync.pull();
            assertThat(hub.next(3).called()).map(Ticket::label).contains(booked.path("label").asText());
            hubSync.push();
            server.housekeeping();
            List<String> again = new ArrayList<>();
            try (Response r = http.newCall(new Request.Builder()
                    .url(server.url() + "/v1/bookings/" + booked.path("id").asText() + "/notifications")
                    .header("Authorization", citizen).build())
                    .execute()) {
                json.readTree(r.body().string()).path("notifications").forEach(n -> again.add(n.path("type").asText()));
            }
            assertThat(again).filteredOn("CALLED"::equals).hasSize(2);
            server.housekeeping();
            long rowId = Long.parseLong(server.bookings().from(DemoBranch.ID, clock.instant().atZone(
                    vn.luot.core.domain.BranchTime.ZONE).toLocalDate()).get(0).booking().id());
            assertThat(server.bookings().notifications(rowId)).as("housekeeping twice adds nothing")
                    .hasSize(again.size());
        }
    }
}
