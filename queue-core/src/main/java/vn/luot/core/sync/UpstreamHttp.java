package vn.luot.core.sync;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client a device uses towards its upstream (a kiosk to its hub, a hub to the central
 * server): short connect timeouts so a dead WAN is noticed quickly, and, when the config lists pins,
 * OkHttp's certificate pinning on the upstream's host, so a device trusts only the city's server even if
 * a certificate authority is deceived. Pins look like {@code sha256/AAAA...=} (see hardware-docs).
 */
public final class UpstreamHttp {

    private UpstreamHttp() {
    }

    public static OkHttpClient client(String upstreamUrl, List<String> pins) {
        return client(upstreamUrl, pins, systemTrust());
    }

    /**
     * With pins, the pins decide: a chain the platform trusts must contain a pinned key, and a self-signed
     * certificate (the branch hub's, made at its first start) is accepted when its own key is pinned, whatever
     * address it was reached by. {@code platform} is the trust the first case starts from (tests pass their CA).
     */
    static OkHttpClient client(String upstreamUrl, List<String> pins, X509TrustManager platform) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(30));
        if (pins != null && !pins.isEmpty()) {
            checkPins(upstreamUrl, pins);
            PinnedTrust trust = new PinnedTrust(platform, Set.copyOf(pins));
            HostnameVerifier names = builder.build().hostnameVerifier();
            builder.sslSocketFactory(trust.socketFactory(), trust)
                    .hostnameVerifier((host, session) -> trust.leafPinned(session) || names.verify(host, session));
        }
        return builder.build();
    }

    private static X509TrustManager systemTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default trust store cannot be read", e);
        }
    }

    /** The pin of a certificate's public key, as the configs write it: {@code sha256/BASE64}. */
    public static String pin(Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return "sha256/" + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class PinnedTrust implements X509TrustManager {
        private final X509TrustManager platform;
        private final Set<String> pins;

        PinnedTrust(X509TrustManager platform, Set<String> pins) {
            this.platform = platform;
            this.pins = pins;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            if (pins.contains(pin(chain[0]))) {
                return;
            }
            platform.checkServerTrusted(chain, authType);
            // Only a key that signed the way down to this leaf counts: a pinned certificate merely appended
            // to the chain (certificates are public) must not vouch for a leaf it never signed.
            List<X509Certificate> signers = new java.util.ArrayList<>(List.of(chain).subList(1, chain.length));
            signers.addAll(List.of(platform.getAcceptedIssuers()));
            X509Certificate current = chain[0];
            for (int depth = 0; depth < 10; depth++) {
                X509Certificate signer = signerOf(current, signers);
                if (signer == null) {
                    break;
                }
                if (pins.contains(pin(signer))) {
                    return;
                }
                if (signer.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                    break;
                }
                current = signer;
            }
            throw new CertificateException("Certificate pinning failure: the server's key " + pin(chain[0])
                    + " is not one of the configured pins " + pins);
        }

        private static X509Certificate signerOf(X509Certificate cert, List<X509Certificate> candidates) {
            for (X509Certificate c : candidates) {
                if (c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && !c.equals(cert)) {
                    try {
                        cert.verify(c.getPublicKey());
                        return c;
                    } catch (GeneralSecurityException e) {
                        // same name, another key: not this certificate's signer
                    }
                }
            }
            return null;
        }

        boolean leafPinned(SSLSession session) {
            try {
                Certificate[] peer = session.getPeerCertificates();
                return peer.length > 0 && pins.contains(pin(peer[0]));
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a device does not authenticate clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return platform.getAcceptedIssuers();
        }

        SSLSocketFactory socketFactory() {
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {this}, null);
                return tls.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no TLS", e);
            }
        }
    }

    /** What a config validator asks: are these pins usable with this upstream? Throws saying why not. */
    public static void checkPins(String upstreamUrl, List<String> pins) {
        if (pins == null || pins.isEmpty()) {
            return;
        }
        HttpUrl url = HttpUrl.parse(upstreamUrl);
        if (url == null || !url.isHttps()) {
            throw new IllegalArgumentException("certificate pins need an https:// upstream, not " + upstreamUrl);
        }
        for (String pin : pins) {
            if (!pin.matches("sha256/[A-Za-z0-9+/]{43}=")) {
                throw new IllegalArgumentException("'" + pin + "' is not a pin like sha256/<44 base64 characters>");
            }
        }
    }
}
