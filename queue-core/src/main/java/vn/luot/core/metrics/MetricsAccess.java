package vn.luot.core.metrics;

import com.sun.net.httpserver.Headers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import vn.luot.core.sync.DeviceRegistry;
import vn.luot.core.sync.DeviceTokens;

/**
 * Who may read {@code /metrics}. Metrics carry no citizen's data but do map a branch's devices (ids, versions,
 * faults), so they are not public: with a scrape token configured ({@code token_sha256}), only a request carrying it
 * ({@code Authorization: Bearer}), from anywhere; without one, only a client on this machine or the local network
 * (loopback, RFC 1918, link-local, IPv6 unique-local), and never a request a proxy forwarded ({@code Forwarded} or
 * {@code X-Forwarded-For} present), since behind a proxy on the same machine every client looks local. Immutable.
 */
public final class MetricsAccess {

    private final byte[] tokenDigest;

    private MetricsAccess(byte[] tokenDigest) {
        this.tokenDigest = tokenDigest;
    }

    public static MetricsAccess localNetwork() {
        return new MetricsAccess(null);
    }

    /** Only requests with the token whose SHA-256 (hex) is given; null or blank: {@link #localNetwork()}. */
    public static MetricsAccess token(String sha256Hex) {
        if (sha256Hex == null || sha256Hex.isBlank()) {
            return localNetwork();
        }
        return new MetricsAccess(HexFormat.of().parseHex(sha256Hex.toLowerCase(Locale.ROOT)));
    }

    public boolean allows(InetAddress peer, Headers headers) {
        if (tokenDigest != null) {
            String token = DeviceRegistry.bearer(headers.getFirst("Authorization"));
            return token != null && MessageDigest.isEqual(tokenDigest, HexFormat.of().parseHex(DeviceTokens.digest(token)));
        }
        if (headers.containsKey("Forwarded") || headers.containsKey("X-Forwarded-For")) {
            return false;
        }
        return local(peer);
    }

    static boolean local(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        // fc00::/7, IPv6's private addresses (Java's isSiteLocalAddress knows only the deprecated fec0::/10)
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    @Override
    public String toString() {
        return tokenDigest == null ? "MetricsAccess[local network]" : "MetricsAccess[token]";
    }
}
