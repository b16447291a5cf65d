package vn.luot.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.testing.MutableClock;

/** The centre's record of the devices below its hubs, on a real SQLite file: reports, pending revocations, restarts. */
class DeviceRostersTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T08:00");

    private static DeviceRosters.Entry kiosk(String id, String state) {
        return new DeviceRosters.Entry(id, "KIOSK", "enrolled", "0123abcd", state, "900-999");
    }

    @Test
    void aReportReplacesTheBranchsLastAndARevocationWaitsUntilTheHubShowsItDoneAcrossARestart() {
        Path file = dir.resolve("rosters.db");
        try (DeviceRosters rosters = DeviceRosters.open(file, clock)) {
            assertThat(rosters.report("b1", "hub", List.of(kiosk("kiosk-3", "ACTIVE"), kiosk("kiosk-4", "ACTIVE"))))
                    .isEmpty();
            assertThat(rosters.report("b2", "hub", List.of(kiosk("kiosk-3", "ACTIVE")))).isEmpty();
            assertThat(rosters.report("b1", "hub", List.of(kiosk("kiosk-3", "ACTIVE")))).isEmpty();
            assertThat(rosters.list("b1")).extracting(DeviceRosters.Reported::device).containsExactly("kiosk-3");
            assertThat(rosters.requestRevocation("b1", "kiosk-4", "op")).as("no longer reported").isFalse();
            assertThat(rosters.requestRevocation("b1", "kiosk-3", "op")).isTrue();
            assertThat(rosters.revocationPending("b1", "kiosk-3")).isTrue();
            assertThat(rosters.revocationPending("b2", "kiosk-3")).as("the other branch's kiosk-3").isFalse();
        }
        try (DeviceRosters rosters = DeviceRosters.open(file, clock)) {
            assertThat(rosters.report("b1", "hub", List.of(kiosk("kiosk-3", "ACTIVE")))).containsExactly("kiosk-3");
            assertThat(rosters.report("b1", "hub", List.of(kiosk("kiosk-3", "REVOKED")))).isEmpty();
            assertThat(rosters.revocationPending("b1", "kiosk-3")).isFalse();
            assertThat(rosters.list(null)).extracting(DeviceRosters.Reported::branch).containsExactly("b1", "b2");
            assertThat(rosters.list("b1").get(0).walkIn()).isEqualTo("900-999");
        }
    }
}
