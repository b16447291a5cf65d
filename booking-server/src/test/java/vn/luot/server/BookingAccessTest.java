package vn.luot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.privacy.CitizenHasher;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.SigningKeys;
import vn.luot.server.identity.CitizenAccess;
import vn.luot.server.identity.DemoIdentityProvider;

/** Who may book, read and cancel, over HTTP against the real server on loopback, as an attacker would try. */
class BookingAccessTest {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final String BODY = """
            {"branchId":"%s","date":"2026-11-24","slot":"%s","field":"%s","purpose":"SUBMIT"}""";

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

    private record Answer(int code, JsonNode body, String retryAfter) {
        String error() {
            return body.path("error").asText();
        }
    }

    private Answer call(String method, String path, String body, String credential) throws IOException {
        Request.Builder r = new Request.Builder().url(server.url() + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON));
        if (credential != null) {
            r.header("Authorization", "Bearer " + credential);
        }
        try (Response response = http.newCall(r.build()).execute()) {
            String text = response.body().string();
            return new Answer(response.code(), text.isEmpty() ? json.createObjectNode() : json.readTree(text),
                    response.header("Retry-After"));
        }
    }

    private Answer book(String credential, String slot) throws IOException {
        return book(credential, slot, "HT");
    }

    private Answer book(String credential, String slot, String field) throws IOException {
        return call("POST", "/v1/bookings", BODY.formatted(DemoBranch.ID, slot, field), credential);
    }

    @Test
    void anAnonymousClientCannotBookAndIsToldToSignInInBothLanguages() throws IOException {
        Answer a = book(null, "09:00");
        assertThat(a.code()).isEqualTo(401);
        assertThat(a.error()).isEqualTo("CREDENTIAL_REQUIRED");
        assertThat(a.body().path("message_vi").asText()).contains("VNeID");
        assertThat(a.body().path("message_en").asText()).isNotBlank();
        assertThat(server.bookings().from(DemoBranch.ID, LocalDate.parse("2026-11-23"))).isEmpty();
    }

    @Test
    void aForgedTamperedExpiredOrForeignCredentialIsRefused() throws Exception {
        String real = TestServer.credential(server, "001099000001", "1980-05-01");
        String[] parts = real.split("\\.");
        // Same signature, claims changed to a 1930 birth date for priority.
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("1980-05-01", "1930-05-01");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(book(tampered, "09:00").error()).isEqualTo("CREDENTIAL_INVALID");
        // A provider of one's own, claiming to be the demo one.
        DemoIdentityProvider impostor = new DemoIdentityProvider(SigningKeys.generate(), CitizenHasher.ephemeral(),
                clock, Duration.ofDays(1));
        assertThat(book(impostor.issue("001099000001", "A", LocalDate.parse("1930-01-01")), "09:00").error())
                .isEqualTo("CREDENTIAL_INVALID");
        for (String junk : new String[] {"x", "LC1.", "LC1.a.b.c", "LC1.%%%.AAAA", "Bearer", "LC1." + "A".repeat(5000)}) {
            assertThat(book(junk, "09:00").code()).as(junk.length() > 20 ? "long" : junk).isEqualTo(401);
        }
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        Answer expired = book(real, "09:00");
        assertThat(expired.error()).isEqualTo("CREDENTIAL_EXPIRED");
        assertThat(server.bookings().from(DemoBranch.ID, LocalDate.parse("2026-11-23"))).isEmpty();
    }

    @Test
    void priorityComesFromTheVerifiedBirthDateNeverFromTheBody() throws IOException {
        String young = TestServer.credential(server, "001099000001", "1990-01-01");
        Answer claimed = call("POST", "/v1/bookings", """
                {"citizenId":"001030000001","fullName":"X","birthDate":"1930-01-01","branchId":"%s",
                 "date":"2026-11-24","slot":"09:00","field":"HT","purpose":"SUBMIT"}""".formatted(DemoBranch.ID), young);
        assertThat(claimed.code()).isEqualTo(201);
        assertThat(claimed.body().path("priority").asBoolean()).isFalse();
        String elder = TestServer.credential(server, "001045000002", "1946-03-08");
        assertThat(book(elder, "09:00").body().path("priority").asBoolean()).isTrue();
    }

    @Test
    void bookingIdsAreUnguessableAndAnotherCitizensBookingIsInvisible() throws IOException {
        String owner = TestServer.credential(server, "001099000001", "1980-05-01");
        String stranger = TestServer.credential(server, "001099000002", "1980-05-01");
        Set<String> ids = new HashSet<>();
        ids.add(book(owner, "08:00").body().path("id").asText());
        ids.add(book(owner, "09:00", "CT").body().path("id").asText());
        String id = ids.iterator().next();
        assertThat(ids).hasSize(2).allMatch(i -> i.matches("[0-9a-f]{32}"));

        for (String path : new String[] {"/v1/bookings/" + id, "/v1/bookings/" + id + "/notifications"}) {
            assertThat(call("GET", path, null, stranger).code()).as(path).isEqualTo(404);
            assertThat(call("GET", path, null, null).code()).as(path).isEqualTo(401);
            assertThat(call("GET", path, null, owner).code()).as(path).isEqualTo(200);
        }
        Answer stolen = call("DELETE", "/v1/bookings/" + id, null, stranger);
        assertThat(stolen.code()).isEqualTo(404);
        assertThat(stolen.error()).isEqualTo("UNKNOWN_BOOKING");
        // Enumerating the sequential row ids of before finds nothing.
        for (int row = 1; row <= 3; row++) {
            assertThat(call("DELETE", "/v1/bookings/" + row, null, stranger).code()).isEqualTo(404);
        }
        assertThat(call("GET", "/v1/bookings/" + id, null, owner).body().path("status").asText()).isEqualTo("BOOKED");
        assertThat(call("DELETE", "/v1/bookings/" + id, null, owner).body().path("status").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void oneCitizenCannotBookOutASlotAndIsRateLimited() throws IOException {
        String c = TestServer.credential(server, "001099000001", "1980-05-01");
        int refusedByRules = 0;
        Answer last = null;
        for (int i = 0; i < CitizenAccess.DEFAULT_CITIZEN_WRITES_PER_MINUTE + 1; i++) {
            last = book(c, "09:00");
            if (last.code() == 409) {
                refusedByRules++;
            }
        }
        assertThat(refusedByRules).isEqualTo(CitizenAccess.DEFAULT_CITIZEN_WRITES_PER_MINUTE - 1);
        assertThat(last.code()).isEqualTo(429);
        assertThat(last.error()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(last.retryAfter())).isPositive();
        clock.advance(Duration.ofMinutes(1));
        assertThat(book(c, "10:00", "CT").code()).as("the bucket refills with time").isEqualTo(201);
    }

    @Test
    void oneClientAddressIsRateLimitedAcrossCitizens() throws IOException {
        int answered = 0;
        Answer last = null;
        for (int i = 0; i < CitizenAccess.DEFAULT_ADDRESS_REQUESTS_PER_MINUTE + 1; i++) {
            last = call("GET", "/v1/bookings/" + "0".repeat(32), null, null);
            if (last.code() != 429) {
                answered++;
            }
        }
        assertThat(answered).isEqualTo(CitizenAccess.DEFAULT_ADDRESS_REQUESTS_PER_MINUTE);
        assertThat(last.code()).isEqualTo(429);
        assertThat(call("POST", "/v1/demo/credentials", "{}", null).code()).as("the demo issuer too").isEqualTo(429);
        assertThat(call("GET", "/v1/branches", null, null).code()).as("the branch list is public").isEqualTo(200);
    }

    @Test
    void withoutAnIdentityProviderNobodyCanBook(@TempDir Path other) throws IOException {
        server.close();
        server = BookingServer.builder().config(ServerConfig.demo()).database(other.resolve("s.db")).clock(clock)
                .codes(TestServer.PLAIN_CODES).bindAddress("127.0.0.1").port(0).housekeepingEvery(Duration.ZERO)
                .build().start();
        assertThat(call("POST", "/v1/demo/credentials", """
                {"citizenId":"001099000001","fullName":"A","birthDate":"1980-01-01"}""", null).code()).isEqualTo(404);
        DemoIdentityProvider elsewhere = DemoIdentityProvider.beside(dir.resolve("server.db"), clock);
        assertThat(book(elsewhere.issue("001099000001", "A", LocalDate.parse("1980-01-01")), "09:00").error())
                .isEqualTo("CREDENTIAL_INVALID");
    }

    @Test
    void theCentreForgetsWhoBookedAfterTheRetentionPeriod() throws IOException {
        String c = TestServer.credential(server, "001099000001", "1980-05-01");
        String id = book(c, "09:00").body().path("id").asText();
        clock.advance(Duration.ofDays(32));
        server.housekeeping();
        assertThat(call("GET", "/v1/bookings/" + id, null, TestServer.credential(server, "001099000001", "1980-05-01"))
                .code()).isEqualTo(404);
    }
}
