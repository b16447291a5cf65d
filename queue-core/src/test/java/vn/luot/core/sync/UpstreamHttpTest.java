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
    void aPinnedCertificateAppendedToAnotherChainDoesNotVouchForIt() throws Exception {
        HeldCertificate pinnedCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("pinned-ca").build();
        HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other-ca").build();
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(otherCa)
                .build();
        HandshakeCertificates trustsBoth = new HandshakeCertificates.Builder()
                .addTrustedCertificate(otherCa.certificate()).addTrustedCertificate(pinnedCa.certificate()).build();
        javax.net.ssl.X509TrustManager trust = UpstreamHttp.client("https://luot.example.gov.vn",
                List.of(UpstreamHttp.pin(pinnedCa.certificate())), trustsBoth.trustManager()).x509TrustManager();
        // the impostor's chain is valid (the client trusts other-ca) and ends with the pinned CA's public
        // certificate, which signed nothing in it
        java.security.cert.X509Certificate[] forged = {leaf.certificate(), otherCa.certificate(), pinnedCa.certificate()};
        assertThatThrownBy(() -> trust.checkServerTrusted(forged, "ECDHE_ECDSA"))
                .isInstanceOf(java.security.cert.CertificateException.class).hasMessageContaining("pinning failure");
        java.security.cert.X509Certificate[] honest = {leaf.certificate(), otherCa.certificate()};
        javax.net.ssl.X509TrustManager pinsOther = UpstreamHttp.client("https://luot.example.gov.vn",
                List.of(UpstreamHttp.pin(otherCa.certificate())), trustsBoth.trustManager()).x509TrustManager();
        pinsOther.checkServerTrusted(honest, "ECDHE_ECDSA");
    }

    @Test
    void aPinnedAuthorityThatSignedTheServersCertificateIsAccepted() throws Exception {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("city-ca").build();
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
        try (MockWebServer city = new MockWebServer()) {
            city.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, ca.certificate()).build()
                    .sslSocketFactory());
            city.enqueue(new MockResponse.Builder().body("ok").build());
            city.start();
            String url = city.url("/v1/keys").toString();
            OkHttpClient client = UpstreamHttp.client(url, List.of(UpstreamHttp.pin(ca.certificate())),
                    new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build().trustManager());
            try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
                assertThat(r.body().string()).isEqualTo("ok");
            }
        }
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
