package vn.luot.display.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.devices.DeviceRecord;
import vn.luot.core.devices.EnrolledDevices;

/**
 * The hub tells the centre which devices are enrolled at it ({@code POST /v1/devices/roster} with the hub's own
 * token), so the city's operator sees and can revoke a kiosk the supervisor enrolled; the answer names the devices
 * the operator revoked, and the hub revokes them at once and audits it. A dead WAN only delays this: the next
 * report carries the same revocations. Runs on the relay thread.
 */
final class RosterReport {

    private static final Logger LOG = Logger.getLogger(RosterReport.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    static final String REVOKED_BY = "centre";

    private final EnrolledDevices devices;
    private final AuditLog audit;
    private final String branchId;
    private final String url;
    private final String token;
    private final OkHttpClient http;
    private final Clock clock;

    RosterReport(EnrolledDevices devices, AuditLog audit, String branchId, String upstreamUrl, String token,
                 OkHttpClient http, Clock clock) {
        this.devices = devices;
        this.audit = audit;
        this.branchId = branchId;
        this.url = upstreamUrl.replaceAll("/+$", "") + "/v1/devices/roster";
        this.token = token;
        this.http = http;
        this.clock = clock;
    }

    /** Reports once; answers the devices revoked on the centre's word (empty when unreachable or nothing to do). */
    List<String> report() {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("devices");
        for (DeviceRecord r : devices.list(branchId)) {
            ObjectNode row = list.addObject();
            row.put("device", r.device().deviceId());
            row.put("role", r.device().role().name());
            row.put("source", r.source());
            row.put("fingerprint", r.fingerprint());
            row.put("state", r.state(clock.instant()).name());
            if (r.device().walkInBlock() != null) {
                row.put("walk_in", r.device().walkInBlock().first() + "-" + r.device().walkInBlock().last());
            }
        }
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(body.toString(), JSON_TYPE)).build();
        JsonNode answer;
        try (Response r = http.newCall(request).execute()) {
            if (r.code() != 200) {
                LOG.warning(() -> "roster report to " + url + " answered " + r.code());
                return List.of();
            }
            answer = JSON.readTree(r.body().byteStream().readNBytes(MAX_ANSWER_BYTES));
        } catch (IOException e) {
            LOG.fine(() -> "roster report to " + url + " failed: " + e.getMessage());
            return List.of();
        }
        List<String> revoked = new ArrayList<>();
        for (JsonNode id : answer.path("revoke")) {
            String device = id.asText("");
            // Only a device this hub has; the hub's own token is the centre's to revoke, never through this path.
            if (!device.matches("[a-z0-9][a-z0-9-]{0,31}") || devices.device(branchId, device).isEmpty()) {
                continue;
            }
            int n = devices.revoke(branchId, device, REVOKED_BY);
            if (n > 0) {
                revoked.add(device);
                LOG.warning(() -> "revoked " + device + " (" + n + " tokens) on the centre's word");
                if (audit != null) {
                    audit.append(REVOKED_BY, "operator", "device.revoke", device, url);
                }
            }
        }
        return revoked;
    }

    /** For the scheduler: a failed round must not end the schedule. */
    void reportQuietly() {
        try {
            report();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "roster report failed", e);
        }
    }
}
