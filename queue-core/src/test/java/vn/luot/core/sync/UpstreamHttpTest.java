package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Certificate pinning towards the upstream, against a real TLS server on loopback. */
class UpstreamHttpTest {

    private final HeldCertificate serverCert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
            .commonName("luot-central").build();
    private final HandshakeCertificates trustTheTestServer = new HandshakeCertificates.Builder()
            .addTrustedCertificate(serverCert.certificate()).build();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(serverCert).build().sslSocketFactory());
        server.enqueue(new MockResponse.Builder().body("ok").build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRightPinConnects() throws Exception {
        String url = server.url("/v1/keys").toString();
        OkHttpClient client = UpstreamHttp.client(url, List.of(CertificatePinner.pin(serverCert.certificate())),
                trustTheTestServer.trustManager());
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(r.body().string()).isEqualTo("ok");
        }
    }

    @Test
    void aServerWhoseKeyIsNotPinnedIsRefusedEvenWithAValidCertificate() {
        String url = server.url("/v1/keys").toString();
        String otherPin = CertificatePinner.pin(new HeldCertificate.Builder().build().certificate());
        OkHttpClient client = UpstreamHttp.client(url, List.of(otherPin), trustTheTestServer.trustManager());
        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(url).build()).execute())
                .isInstanceOf(javax.net.ssl.SSLException.class).hasStackTraceContaining("Certificate pinning failure");
    }

    @Test
    void aSelfSignedCertificateIsTrustedByItsPinAloneAtAnyAddress() throws Exception {
        String url = server.url("/v1/keys").toString().replace("localhost", "127.0.0.1");
        OkHttpClient client = UpstreamHttp.client(url, List.of(UpstreamHttp.pin(serverCert.certificate())));
        try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(r.body().string()).isEqualTo("ok");
        }
        assertThat(UpstreamHttp.pin(serverCert.certificate())).isEqualTo(CertificatePinner.pin(serverCert.certificate()));
    }

    @Test
    void withoutPinsASelfSignedCertificateIsRefused() {
        String url = server.url("/v1/keys").toString();
        OkHttpClient client = UpstreamHttp.client(url, List.of());
        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(url).build()).execute())
                .isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void pinsNeedHttpsAndTheRightShape() {
        assertThatThrownBy(() -> UpstreamHttp.client("http://hub.local:8090", List.of("sha256/" + "A".repeat(43) + "=")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
        assertThatThrownBy(() -> UpstreamHttp.client("https://luot.example.gov.vn", List.of("md5/abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("md5/abc");
        assertThat(UpstreamHttp.client("http://hub.local:8090", List.of()).certificatePinner().getPins())
                .as("no pins configured: no pinning, a LAN hub on plain http works").isEmpty();
    }
}
