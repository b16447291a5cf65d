package vn.luot.server.fleet;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.health.HealthAlert;
import vn.luot.core.health.Heartbeat;
import vn.luot.core.health.SeenHeartbeat;

/**
 * What the fleet page shows, as the values its template reads: every branch with every device that reported or is
 * enrolled at the centre, and before them every device with an alert, most urgent first. Texts are Vietnamese from
 * {@code fleet.properties} (English beside the headings). Pure: the page's time is given.
 */
final class FleetView {

    static final ResourceBundle.Control BUNDLES =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    static final ResourceBundle VI = ResourceBundle.getBundle("vn.luot.server.fleet.fleet", Locale.ROOT, BUNDLES);
    static final ResourceBundle EN = ResourceBundle.getBundle("vn.luot.server.fleet.fleet", Locale.ENGLISH, BUNDLES);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy");
    private static final ZoneId ZONE = BranchTime.ZONE;

    /** A device the centre knows of (enrolled there) that may never have reported. */
    record Known(String branchId, String deviceId, String role) {
    }

    private FleetView() {
    }

    static Map<String, String> texts(ResourceBundle bundle) {
        Map<String, String> out = new TreeMap<>();
        bundle.keySet().forEach(k -> out.put(k, bundle.getString(k)));
        return out;
    }

    static Map<String, Object> page(List<Branch> branches, List<SeenHeartbeat> latest, List<Known> known, Instant now) {
        Map<String, SeenHeartbeat> byKey = new LinkedHashMap<>();
        latest.forEach(s -> byKey.put(s.key(), s));
        Map<String, String> names = new LinkedHashMap<>();
        branches.forEach(b -> names.put(b.id(), b.name()));
        List<Map<String, Object>> alerting = new ArrayList<>();
        List<Map<String, Object>> branchViews = new ArrayList<>();
        int deviceCount = 0;
        for (Branch b : branches) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SeenHeartbeat s : latest) {
                if (s.heartbeat().branchId().equals(b.id())) {
                    rows.add(row(s, b.name(), now));
                }
            }
            for (Known k : known) {
                if (k.branchId().equals(b.id()) && !byKey.containsKey(k.branchId() + "/" + k.deviceId())) {
                    rows.add(neverReported(k, b.name()));
                }
            }
            rows.sort(Comparator.comparing((Map<String, Object> r) -> (Integer) r.get("urgency"))
                    .thenComparing(r -> (String) r.get("device")));
            rows.stream().filter(r -> !((List<?>) r.get("alerts")).isEmpty()).forEach(alerting::add);
            deviceCount += rows.size();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", b.id());
            view.put("name", b.name());
            view.put("devices", rows);
            branchViews.add(view);
        }
        alerting.sort(Comparator.comparing((Map<String, Object> r) -> (Integer) r.get("urgency"))
                .thenComparing(r -> (Long) r.get("silentSeconds"), Comparator.reverseOrder()));
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("vi", texts(VI));
        scope.put("en", texts(EN));
        scope.put("refreshSeconds", 30);
        scope.put("updated", TIME.format(now.atZone(ZONE)));
        scope.put("summary", MessageFormat.format(VI.getString("summary"), branches.size(), deviceCount, alerting.size()));
        scope.put("summaryEn", MessageFormat.format(EN.getString("summary"), branches.size(), deviceCount, alerting.size()));
        scope.put("alerting", alerting);
        scope.put("branches", branchViews);
        return scope;
    }

    static Map<String, Object> history(String branchName, String device, List<SeenHeartbeat> rows) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("vi", texts(VI));
        scope.put("en", texts(EN));
        scope.put("branchName", branchName);
        scope.put("device", device);
        List<Map<String, Object>> out = new ArrayList<>();
        for (SeenHeartbeat s : rows) {
            Map<String, Object> r = row(s, branchName, s.seenAt());
            r.put("seenAt", TIME.format(s.seenAt().atZone(ZONE)));
            r.put("via", s.via());
            out.add(r);
        }
        scope.put("rows", out);
        return scope;
    }

    private static Map<String, Object> row(SeenHeartbeat s, String branchName, Instant now) {
        Heartbeat h = s.heartbeat();
        List<HealthAlert> alerts = HealthAlert.of(s, now);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("device", h.deviceId());
        r.put("branchName", branchName);
        r.put("kind", VI.getString("kind." + h.kind().name()));
        r.put("alerts", alerts.stream().map(a -> VI.getString("alert." + a.name())).toList());
        r.put("urgency", alerts.isEmpty() ? HealthAlert.values().length : alerts.get(0).ordinal());
        long silent = Math.max(0, Duration.between(s.seenAt(), now).toSeconds());
        r.put("silentSeconds", silent);
        r.put("lastSeen", ago(silent) + " · " + TIME.format(s.seenAt().atZone(ZONE)));
        r.put("printer", h.printer() == null ? "—" : VI.getString("printer." + h.printer().name()));
        List<Map<String, String>> boards = new ArrayList<>();
        for (Heartbeat.Board b : h.boards()) {
            boards.add(Map.of("text", VI.getString("counter") + " " + b.counter() + ": "
                    + VI.getString("board." + b.state().name()),
                    "css", b.state() == Heartbeat.BoardState.NOT_ANSWERING ? "bad" : ""));
        }
        r.put("boards", boards);
        r.put("voice", h.voice() == null ? "—" : VI.getString("voice." + h.voice().name()));
        boolean clockBad = alerts.contains(HealthAlert.CLOCK_UNTRUSTED);
        long offset = s.observedOffset().toSeconds();
        r.put("clock", VI.getString("clock." + h.clock().state().name())
                + (Math.abs(offset) >= 2 ? " (" + (offset > 0 ? "chậm " : "nhanh ") + duration(Math.abs(offset)) + ")" : ""));
        r.put("clockCss", clockBad ? "bad" : "");
        r.put("disk", h.disk() == null ? "—" : String.format(Locale.ROOT, "%d %% / %.1f GB", Math.round(h.disk().usedRatio() * 100),
                h.disk().totalBytes() / 1e9) + (h.sdWearPercent() == null ? "" : " · thẻ nhớ đã dùng " + h.sdWearPercent() + " %"));
        r.put("diskCss", alerts.contains(HealthAlert.DISK_FULL) ? "bad" : "");
        r.put("cpu", h.cpuCelsius() == null ? "—" : String.format(Locale.ROOT, "%.0f °C", h.cpuCelsius()));
        r.put("outbox", Integer.toString(h.outboxDepth()));
        r.put("lastSync", h.lastSync() == null ? VI.getString("never")
                : ago(Math.max(0, Duration.between(h.lastSync(), h.sentAt()).toSeconds())));
        r.put("version", h.version());
        r.put("uptime", VI.getString("uptime") + " " + duration(h.uptime().toSeconds()));
        r.put("historyHref", "/fleet/device?branch=" + URLEncoder.encode(h.branchId(), StandardCharsets.UTF_8)
                + "&device=" + URLEncoder.encode(h.deviceId(), StandardCharsets.UTF_8));
        return r;
    }

    private static Map<String, Object> neverReported(Known k, String branchName) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("device", k.deviceId());
        r.put("branchName", branchName);
        r.put("kind", k.role());
        r.put("alerts", List.of(VI.getString("never")));
        r.put("urgency", HealthAlert.OFFLINE.ordinal());
        r.put("silentSeconds", Long.MAX_VALUE);
        r.put("lastSeen", VI.getString("never"));
        for (String blank : List.of("printer", "voice", "clock", "disk", "cpu", "outbox", "lastSync", "version", "uptime")) {
            r.put(blank, "—");
        }
        r.put("boards", List.of());
        r.put("clockCss", "");
        r.put("diskCss", "");
        r.put("historyHref", "/fleet/device?branch=" + URLEncoder.encode(k.branchId(), StandardCharsets.UTF_8)
                + "&device=" + URLEncoder.encode(k.deviceId(), StandardCharsets.UTF_8));
        return r;
    }

    static String ago(long seconds) {
        if (seconds < 120) {
            return MessageFormat.format(VI.getString("seconds_ago"), seconds);
        }
        if (seconds < 7200) {
            return MessageFormat.format(VI.getString("minutes_ago"), seconds / 60);
        }
        if (seconds < 172_800) {
            return MessageFormat.format(VI.getString("hours_ago"), seconds / 3600);
        }
        return MessageFormat.format(VI.getString("days_ago"), seconds / 86_400);
    }

    private static String duration(long seconds) {
        if (seconds < 120) {
            return seconds + " giây";
        }
        if (seconds < 7200) {
            return seconds / 60 + " phút";
        }
        if (seconds < 172_800) {
            return seconds / 3600 + " giờ";
        }
        return seconds / 86_400 + " ngày";
    }
}
