package vn.luot.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HeartbeatJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Instant at = Instant.parse("2026-11-23T01:40:00Z");

    @Test
    void aHeartbeatReadsBackAsItWasWritten() {
        Heartbeat display = Heartbeats.display("display-1", "hn-hoankiem", at);
        Heartbeat kiosk = Heartbeats.kiosk("kiosk-1", "hn-hoankiem", at);
        assertThat(HeartbeatJson.parse(HeartbeatJson.toJson(mapper, display))).isEqualTo(display);
        assertThat(HeartbeatJson.parse(HeartbeatJson.toJson(mapper, kiosk))).isEqualTo(kiosk);
    }

    @Test
    void aClockYearsOffIsReportedNotRefused() {
        Heartbeat h = Heartbeats.kiosk("kiosk-1", "b", Instant.parse("2021-01-01T00:00:00Z"));
        assertThat(HeartbeatJson.parse(HeartbeatJson.toJson(mapper, h)).sentAt()).isEqualTo(h.sentAt());
    }

    @Test
    void fieldsOfALaterVersionAreIgnored() {
        ObjectNode o = json(j -> j.put("fan_rpm", 1200));
        assertThat(HeartbeatJson.parse(o).deviceId()).isEqualTo("kiosk-1");
    }

    @Test
    void hostileValuesAreRefusedNamingTheField() {
        refused(j -> j.put("device", "x".repeat(100_000)), "device");
        refused(j -> j.put("device", "<script>alert(1)</script>"), "device");
        refused(j -> j.put("version", "1.0\n<b>"), "version");
        refused(j -> j.put("uptime_s", -5), "uptime_s");
        refused(j -> j.put("outbox_depth", -1), "outbox_depth");
        refused(j -> j.put("outbox_depth", 1e12), "outbox_depth");
        refused(j -> j.put("sent_at", "1970-01-01T00:00:00Z"), "sent_at");
        refused(j -> j.put("sent_at", "+999999999-12-31T23:59:59Z"), "sent_at");
        refused(j -> j.put("sent_at", "yesterday"), "sent_at");
        refused(j -> j.put("cpu_celsius", 9000), "cpu_celsius");
        refused(j -> j.put("cpu_celsius", "hot"), "cpu_celsius");
        refused(j -> j.put("printer", "ON_FIRE"), "printer");
        refused(j -> j.put("sd_wear_percent", 101), "sd_wear_percent");
        refused(j -> j.putObject("disk").put("used_bytes", 10).put("total_bytes", 5), "used_bytes");
        refused(j -> ((ObjectNode) j.get("clock")).put("offset_ms", Long.MAX_VALUE), "offset_ms");
        refused(j -> ((ObjectNode) j.get("clock")).put("state", "FINE"), "state");
        refused(j -> {
            var boards = j.putArray("boards");
            for (int i = 1; i <= 65; i++) {
                boards.addObject().put("counter", i).put("state", "ONLINE");
            }
        }, "boards");
        refused(j -> j.putArray("boards").add(mapper.createObjectNode().put("counter", 1).put("state", "ONLINE"))
                .add(mapper.createObjectNode().put("counter", 1).put("state", "ONLINE")), "boards");
    }

    private ObjectNode json(Consumer<ObjectNode> change) {
        ObjectNode o = HeartbeatJson.toJson(mapper, Heartbeats.kiosk("kiosk-1", "hn-hoankiem", at));
        change.accept(o);
        return o;
    }

    private void refused(Consumer<ObjectNode> change, String field) {
        assertThatThrownBy(() -> HeartbeatJson.parse(json(change))).isInstanceOf(HeartbeatJson.Invalid.class)
                .hasMessageStartingWith(field + ":").hasMessageNotContaining("<script>");
    }
}
