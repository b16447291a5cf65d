package vn.luot.core.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The public keys that verify booking codes: pulled from the upstream's {@code /v1/keys} while online
 * and kept in a file, so a kiosk that restarts offline still verifies codes. A branch hub keeps one too
 * and serves it to its kiosks ({@link #json()}), so kiosks behind a hub get keys with the WAN down.
 * With a pinned root key ({@code upstream.key_set_root}), a key set is taken only when that root signed it:
 * an impostor upstream on the LAN cannot slip in a key of its own. Safe for concurrent use.
 */
public final class VerificationKeys {

    private static final Logger LOG = Logger.getLogger(VerificationKeys.class.getName());

    private final Path file;
    private final String url;
    private final OkHttpClient http;
    private final PublicKey root;
    private volatile TokenVerifier verifier;
    private volatile String json;
    private volatile boolean warnedUnpinned;

    /** Without a pinned root: every key set the upstream serves is taken (logged as a warning). */
    public VerificationKeys(Path file, String upstreamUrl, OkHttpClient http) {
        this(file, upstreamUrl, http, null);
    }

    /** @param root the pinned root key that must have signed the key set, or null to take any (not for production) */
    public VerificationKeys(Path file, String upstreamUrl, OkHttpClient http, PublicKey root) {
        this.file = file;
        this.url = upstreamUrl.replaceAll("/+$", "") + "/v1/keys";
        this.http = http;
        this.root = root;
        String cachedJson = null;
        KeySet cached = KeySet.empty();
        try {
            if (Files.exists(file)) {
                cachedJson = Files.readString(file, StandardCharsets.UTF_8);
                cached = read(cachedJson);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning("cached key set " + file + " unreadable (" + e.getMessage() + "); waiting for the upstream");
            cachedJson = null;
            cached = KeySet.empty();
        }
        this.verifier = new TokenVerifier(cached);
        // Served to the devices below as the upstream published it, signature included.
        this.json = cached.size() == 0 ? null : cachedJson;
    }

    private KeySet read(String text) {
        return root == null ? KeySet.fromJson(text) : KeySet.fromSignedJson(text, root);
    }

    /** The key set as the upstream published it, to serve to devices below; null before the first keys. */
    public String json() {
        return json;
    }

    public TokenVerifier verifier() {
        return verifier;
    }

    /** Pulls the current key set; keeps the cached one when the upstream cannot be reached. */
    public boolean refresh() {
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (r.code() != 200) {
                return false;
            }
            String json = r.body().string();
            KeySet keys;
            try {
                keys = read(json);
            } catch (IllegalArgumentException e) {
                LOG.warning("key set from " + url + " REFUSED: " + e.getMessage() + " (upstream.key_set_root);"
                        + " keeping the " + verifier.keys().size() + " keys already held. An impostor upstream?");
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            verifier = new TokenVerifier(keys);
            this.json = json;
            if (root == null && !warnedUnpinned) {
                warnedUnpinned = true;
                LOG.warning("upstream.key_set_root is not set: the key set from " + url + " is taken unverified;"
                        + " pin the central server's key set root in the config");
            }
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
