package vn.luot.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.luot.display.config.DisplayConfig;
import vn.luot.display.hub.HubCertificate;
import vn.luot.display.web.StaffSessions;

/** A record that holds a secret prints without it: a log line or an exception message carries toString(). */
class SecretsStayOutOfLogsTest {

    @Test
    void theUpstreamTokenIsNotPrinted() {
        var upstream = new DisplayConfig.Upstream("https://central", "s3cret-token", null, List.of(), null);
        assertThat(upstream.toString()).doesNotContain("s3cret-token").contains("https://central", "***");
    }

    @Test
    void aStaffSessionPrintsWhoButNotItsIdOrCsrfToken() {
        var session = new StaffSessions(Clock.systemUTC(), Duration.ofMinutes(5)).open(3, false, "lan", "clerk", false);
        assertThat(session.toString()).doesNotContain(session.id()).doesNotContain(session.csrf()).contains("lan");
    }

    @Test
    void theHubKeyStorePasswordIsNotPrinted() {
        var identity = new HubCertificate.Identity(Path.of("/var/lib/luot/hub-tls.p12"), "k3ystore-pass", "sha256/abc");
        assertThat(identity.toString()).doesNotContain("k3ystore-pass").contains("sha256/abc");
    }
}
