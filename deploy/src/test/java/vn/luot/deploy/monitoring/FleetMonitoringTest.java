package vn.luot.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.luot.core.health.HealthAlert;
import vn.luot.core.metrics.HeartbeatMetrics;

/**
 * The Prometheus alert rules and the Grafana dashboard that {@code deploy/} ships: well-formed, one rule per
 * {@link HealthAlert} (the fleet page's conditions), and every expression over the gauges {@code /metrics} serves.
 * {@code promtool} is not installed here; where it is, the rules also go through {@code promtool check rules}.
 */
class FleetMonitoringTest {

    private static final Path RULES = Path.of("prometheus/luot-alerts.yml");
    private static final Path DASHBOARD = Path.of("grafana/luot-fleet.json");
    private static final Pattern METRIC = Pattern.compile("\\b(luot_[a-z_]+|up)\\b");
    private static final Set<String> SERVED = new HashSet<>(new HeartbeatMetrics(List::of, java.time.Clock.systemUTC())
            .getPrometheusNames());

    static {
        SERVED.add("up");
    }

    @Test
    void everyFleetPageAlertHasARuleOverTheServedGauges() throws Exception {
        JsonNode rules = new YAMLMapper().readTree(RULES.toFile());
        List<String> covered = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode group : rules.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).matches("Luot[A-Za-z]+");
                assertThat(names.add(alert)).as("alert names are unique: %s", alert).isTrue();
                assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
                assertThat(metrics(rule.path("expr").asText())).as("metrics of %s", alert).isNotEmpty()
                        .allSatisfy(m -> assertThat(SERVED).as("served by /metrics").contains(m));
                assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert).contains(" / ");
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).matches("\\d+[smh]");
                }
                if (rule.path("labels").has("health_alert")) {
                    covered.add(rule.path("labels").path("health_alert").asText());
                }
            }
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(HealthAlert.values())
                .map(a -> a.name().toLowerCase(Locale.ROOT)).toList());
        assertThat(Files.readString(RULES)).contains("luot_device_last_seen_age_seconds > 120",
                "luot_device_disk_used_ratio > 0.9");
    }

    @Test
    void theRulesPassPromtoolWhereItIsInstalled() throws Exception {
        Path promtool = Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (promtool == null) {
            // not installed on this machine (and not apt-installed for this): the parse above is the check
            return;
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString()).redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void theDashboardImportsAndQueriesOnlyServedGauges() throws Exception {
        JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(d.path("uid").asText()).isEqualTo("luot-fleet");
        assertThat(d.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
        assertThat(d.path("panels").size()).isGreaterThanOrEqualTo(8);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : d.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).isTrue();
            assertThat(panel.path("title").asText()).contains(" / ");
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            for (JsonNode target : panel.path("targets")) {
                assertThat(metrics(target.path("expr").asText())).as(panel.path("title").asText()).isNotEmpty()
                        .allSatisfy(m -> assertThat(SERVED).contains(m));
            }
        }
    }

    private static Set<String> metrics(String expr) {
        Set<String> out = new HashSet<>();
        Matcher m = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
