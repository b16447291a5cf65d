package vn.luot.display.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.luot.core.domain.BranchTime;
import vn.luot.core.queue.HelpRequest;
import vn.luot.core.store.LocalQueue;

/**
 * The "Cần hỗ trợ" block of the staff and supervisor pages: which kiosk a citizen asked for help at, and when, for
 * the requests of the last hour, newest first. Values go through the page templates, which escape them.
 */
final class HelpRequestsView {

    static final Duration SHOWN = Duration.ofHours(1);
    private static final int MOST = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final LocalQueue queue;
    private final Clock clock;

    HelpRequestsView(LocalQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** The block's values, or null when nobody asked in the last hour (the template then shows nothing). */
    Map<String, Object> scope() {
        Instant now = clock.instant();
        List<HelpRequest> recent = queue.helpRequestsSince(now.minus(SHOWN));
        if (recent.isEmpty()) {
            return null;
        }
        List<HelpRequest> newestFirst = new java.util.ArrayList<>(recent);
        java.util.Collections.reverse(newestFirst);
        List<Map<String, Object>> rows = newestFirst.stream().limit(MOST).map(h -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kiosk", h.deviceId());
            row.put("time", TIME.format(h.at().atZone(BranchTime.ZONE)));
            long minutes = Math.max(0, Duration.between(h.at(), now).toMinutes());
            row.put("ago", minutes == 0 ? "vừa xong / just now" : minutes + " phút trước / min ago");
            return row;
        }).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rows", rows);
        return view;
    }
}
