package vn.luot.server;

import java.nio.file.Path;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.testing.MutableClock;
import vn.luot.server.booking.BookingApi;

/** A booking server on a free loopback port, with a test clock and two known device tokens. */
final class TestServer {

    static final String KIOSK_TOKEN = "test-kiosk-token";
    static final String HUB_TOKEN = "test-hub-token";

    private TestServer() {
    }

    static BookingServer start(Path dir, MutableClock clock, ServerConfig config, BookingApi.BookingCodes codes) {
        return BookingServer.builder()
                .config(config)
                .database(dir.resolve("server.db"))
                .clock(clock)
                .codes(codes)
                .bindAddress("127.0.0.1")
                .port(0)
                // Tests move the clock by hand and run housekeeping themselves, at known moments.
                .housekeepingEvery(java.time.Duration.ZERO)
                .demoIdentityProvider(true)
                .extraTokens(DeviceTokens.none()
                        .withToken(KIOSK_TOKEN, new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK))
                        .withToken(HUB_TOKEN, new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB)))
                .build()
                .start();
    }

    /** A citizen credential from the server's demo identity provider, over HTTP as the app gets one. */
    static String credential(BookingServer server, String citizenId, String birthDate) {
        okhttp3.Request r = new okhttp3.Request.Builder().url(server.url() + "/v1/demo/credentials")
                .post(okhttp3.RequestBody.create("""
                        {"citizenId":"%s","fullName":"Trần Thị Bình","birthDate":"%s"}""".formatted(citizenId, birthDate),
                        okhttp3.MediaType.get("application/json"))).build();
        try (okhttp3.Response response = new okhttp3.OkHttpClient().newCall(r).execute()) {
            if (response.code() != 201) {
                throw new IllegalStateException("no demo credential: " + response.code() + " " + response.body().string());
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body().string())
                    .path("credential").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stands in for the signed QR in tests that are not about the QR. */
    static final BookingApi.BookingCodes PLAIN_CODES = new BookingApi.BookingCodes() {
        @Override
        public String qrFor(Booking booking) {
            return "TEST:" + booking.id();
        }

        @Override
        public String keysJson() {
            return "{\"keys\":[]}";
        }
    };
}
