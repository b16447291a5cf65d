package vn.luot.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The city's branches as the upstream lists them at {@code /v1/branches} (id, name, address), kept in a file like
 * {@link vn.luot.core.token.VerificationKeys}: a kiosk tells a citizen with another branch's booking where to go, also
 * after a restart with the WAN down, and a hub serves the list to its kiosks. Only what a citizen is told is kept;
 * a listing that does not parse, or parses to no branch, never replaces the one held. Safe for concurrent use.
 */
public final class UpstreamBranches {

    private static final Logger LOG = Logger.getLogger(UpstreamBranches.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    // Names and addresses are shown on the kiosk: a listing may not fill the screen or the heap.
    private static final int MAX_BYTES = 1 << 20;
    private static final int MAX_TEXT = 200;

    /** One branch as a citizen is told of it; {@code address} is empty when the upstream has none. */
    public record Listed(String id, String name, String address) {
    }

    private final Path file;
    private final String url;
    private final OkHttpClient http;
    private volatile List<Listed> branches;
    private volatile String json;

    public UpstreamBranches(Path file, String upstreamUrl, OkHttpClient http) {
        this.file = file;
        this.url = upstreamUrl.replaceAll("/+$", "") + "/v1/branches";
        this.http = http;
        List<Listed> cached = List.of();
        String cachedJson = null;
        try {
            if (Files.exists(file)) {
                cachedJson = Files.readString(file, StandardCharsets.UTF_8);
                cached = parse(cachedJson);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning("cached branch list " + file + " unreadable (" + e.getMessage() + "); waiting for the upstream");
            cachedJson = null;
            cached = List.of();
        }
        this.branches = cached;
        this.json = cached.isEmpty() ? null : cachedJson;
    }

    /** The branches held, possibly none (before the first listing reached this device). */
    public List<Listed> branches() {
        return branches;
    }

    /** The listing as the upstream served it, to serve to the devices below; null before the first one. */
    public String json() {
        return json;
    }

    /** Pulls the current listing; keeps the one held when the upstream cannot be reached or sends nonsense. */
    public boolean refresh() {
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (r.code() != 200) {
                return false;
            }
            byte[] body = r.body().byteStream().readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                LOG.warning("branch list from " + url + " is over " + MAX_BYTES + " bytes; keeping the one held");
                return false;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            List<Listed> listed = parse(text);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            branches = listed;
            json = text;
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warning("branch list from " + url + " refused: " + e.getMessage() + "; keeping the one held");
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    static List<Listed> parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("branches");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("no \"branches\" listed");
        }
        List<Listed> out = new ArrayList<>();
        for (JsonNode b : list) {
            String id = text(b, "id");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("a branch without an id");
            }
            out.add(new Listed(id, text(b, "name").isEmpty() ? id : text(b, "name"), text(b, "address")));
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            return "";
        }
        String s = v.asText().strip();
        if (s.length() > MAX_TEXT || s.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("branch field \"" + key + "\" is too long or holds control characters");
        }
        return s;
    }
}
