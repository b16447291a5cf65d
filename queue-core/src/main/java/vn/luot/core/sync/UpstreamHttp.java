package vn.luot.core.sync;

import java.time.Duration;
import java.util.List;
import okhttp3.CertificatePinner;
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
        OkHttpClient.Builder builder = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(30));
        if (pins != null && !pins.isEmpty()) {
            checkPins(upstreamUrl, pins);
            CertificatePinner.Builder pinner = new CertificatePinner.Builder();
            String host = HttpUrl.get(upstreamUrl).host();
            for (String pin : pins) {
                pinner.add(host, pin);
            }
            builder.certificatePinner(pinner.build());
        }
        return builder.build();
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
