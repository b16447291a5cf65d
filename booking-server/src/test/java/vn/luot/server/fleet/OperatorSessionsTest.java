package vn.luot.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorSessionsTest {

    @Test
    void aSessionPrintsTheOperatorButNotItsIdOrCsrfToken() {
        OperatorSessions.Session s = new OperatorSessions(Clock.systemUTC(), Duration.ofMinutes(5)).open("ops-hanoi");
        assertThat(s.toString()).contains("ops-hanoi").doesNotContain(s.id()).doesNotContain(s.csrf());
    }
}
