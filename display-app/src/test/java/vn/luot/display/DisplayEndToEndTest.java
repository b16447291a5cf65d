package vn.luot.display;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.rules.CheckInDecision;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.testing.RequiresTools;
import vn.luot.core.testing.Tool;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenVerifier;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.protocol.BoardCommand;
import vn.luot.display.simulator.SimulatedBoards;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;
import vn.luot.server.SignedCodes;

/**
 * The branch on real parts: a booking on the real booking server, checked in at a kiosk queue, pushed to the
 * display's hub, called with NEXT on the mock GPIO; the LED frame crosses a socat pty, the TV board changes,
 * the call is spoken, and the central server turns APPROACHING and CALLED into the app's notifications.
 */
@RequiresTools(Tool.SOCAT)
class DisplayEndToEndTest {

    private static final String KIOSK_TOKEN = "demo-kiosk-1"; // the demo hub config accepts its digest
    private static final String HUB_TOKEN = "e2e-hub-token";

    @TempDir
    Path dir;

    @Test
    void aCheckedInBookingIsCalledOnTheButtonAndEveryoneHearsOfIt() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T07:00");
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        try (BookingServer server = BookingServer.builder().config(ServerConfig.demo())
                .database(dir.resolve("server/server.db")).clock(clock)
                .codes(new SignedCodes(3, SigningKeys.generate(), KeySet.empty()))
                .bindAddress("127.0.0.1").port(0).housekeepingEvery(java.time.Duration.ZERO).demoIdentityProvider(true)
                .extraTokens(DeviceTokens.none().withToken(HUB_TOKEN,
                        new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB)))
                .build().start();
             DisplayRig rig = new DisplayRig(DisplayRig.config(dir, server.url(), HUB_TOKEN), clock);
             LocalQueue kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1")
                     .branch(DemoBranch.create()).clock(clock).walkInBlock(new NumberBlock(500, 699)).open()) {

            String citizen = "Bearer " + json.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url()
                            + "/v1/demo/credentials")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"citizenId":"001085000123","fullName":"Nguyễn Văn An","birthDate":"1985-05-01"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).path("credential").asText();
            JsonNode booked = json.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/bookings"))
                    .header("Content-Type", "application/json").header("Authorization", citizen)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"branchId":"hn-hoankiem","date":"2026-11-23","slot":"09:00","field":"HT","purpose":"SUBMIT"}"""))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            KeySet keys = KeySet.fromJson(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/keys")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String label = booked.path("label").asText();

            // The kiosk checks the citizen in offline from the signed QR, and pushes to the hub.
            clock.set("2026-11-23T08:40");
            Booking booking = ((TokenVerifier.Verification.Valid) new TokenVerifier(keys)
                    .verify(booked.path("qr").asText(), clock.instant())).token().toBooking();
            assertThat(kiosk.checkIn(booking).decision()).isInstanceOf(CheckInDecision.Accept.class);
            String hubUrl = rig.display.hub().url();
            SyncClient kioskSync = SyncClient.builder().baseUrl(hubUrl).branchId(DemoBranch.ID).token(KIOSK_TOKEN)
                    .queue(kiosk).clock(clock).build();
            kioskSync.push();
            assertThat(rig.display.board().state().fields().get(0).waiting()).as("HT line on the TV").isEqualTo(1);

            // Counter 1's NEXT button, pressed on the mock GPIO.
            assertThat(rig.display.simulatedButtons().orElseThrow().press(1, ButtonAction.NEXT)).isTrue();

            SimulatedBoards boards = rig.display.simulatedBoards().orElseThrow();
            SimulatedBoards.Frame show = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (show == null && System.nanoTime() < deadline) {
                SimulatedBoards.Frame f = boards.nextFrame(500);
                if (f != null && f.address() == 1 && f.command() instanceof BoardCommand.Show) {
                    show = f;
                }
            }
            assertThat(show).as("a show frame for board 1 on the pty").isNotNull();
            assertThat(((BoardCommand.Show) show.command()).text()).isEqualTo(label);
            assertThat(boards.board(1).orElseThrow().shown()).isEqualTo(label);
            assertThat(rig.display.board().state().latest().label()).isEqualTo(label);
            assertThat(rig.display.board().state().counter(1).serving()).isEqualTo(label);
            assertThat(rig.spoken.poll(10, TimeUnit.SECONDS)).as("the call is spoken").isNotNull();

            // The hub relays upstream on its own; the central server notifies the citizen's app.
            List<String> types = new ArrayList<>();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!types.contains("CALLED") && System.nanoTime() < deadline) {
                server.housekeeping();
                types.clear();
                json.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/bookings/"
                                + booked.path("id").asText() + "/notifications")).header("Authorization", citizen).build(),
                        HttpResponse.BodyHandlers.ofString()).body())
                        .path("notifications").forEach(n -> types.add(n.path("type").asText()));
                if (!types.contains("CALLED")) {
                    Thread.onSpinWait();
                    TimeUnit.MILLISECONDS.sleep(100); // bounded poll of another process's relay loop
                }
            }
            // A 30-minute reminder may come first: the centre may not have heard of the check-in yet.
            assertThat(types).containsSubsequence("ONE_AWAY", "CALLED").doesNotHaveDuplicates();
            assertThat(rig.busLog()).anyMatch(l -> l.startsWith("<- luot"));

            // Its heartbeat (issue 20 §4): made by the display now, and the one it reported at start kept by the centre.
            assertThat(rig.display.hub().heartbeats().get(0).heartbeat()).satisfies(h -> {
                assertThat(h.kind()).isEqualTo(vn.luot.core.health.Heartbeat.Kind.DISPLAY);
                assertThat(h.boards()).contains(new vn.luot.core.health.Heartbeat.Board(1,
                        vn.luot.core.health.Heartbeat.BoardState.ONLINE));
                assertThat(h.disk()).isNotNull();
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(server.fleet().latest()).extracting(f -> f.heartbeat().kind())
                            .contains(vn.luot.core.health.Heartbeat.Kind.DISPLAY));
        }
    }
}
