package vn.luot.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.sync.UpstreamBranches.Listed;

/** The city's branch list a kiosk names other branches from: kept across restarts, never replaced by nonsense. */
class UpstreamBranchesTest {

    private static final String CITY = """
            {"branches": [
              {"id": "hn-caugiay", "name": "Cầu Giấy", "address": "36 Cầu Giấy, Hà Nội", "fields": []},
              {"id": "hn-hoankiem", "name": "Hoàn Kiếm"}
            ]}""";

    @TempDir
    Path dir;

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(3)).build();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UpstreamBranches branches() {
        return new UpstreamBranches(dir.resolve("branches.json"), server.url("/").toString(), http);
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    @Test
    void aListingIsKeptAndStillThereAfterARestartWithTheUpstreamGone() throws Exception {
        UpstreamBranches first = branches();
        assertThat(first.branches()).isEmpty();
        assertThat(first.json()).isNull();
        answer(200, CITY);

        assertThat(first.refresh()).isTrue();
        assertThat(first.branches()).containsExactly(new Listed("hn-caugiay", "Cầu Giấy", "36 Cầu Giấy, Hà Nội"),
                new Listed("hn-hoankiem", "Hoàn Kiếm", ""));
        assertThat(server.takeRequest().getTarget()).isEqualTo("/v1/branches");

        server.close();
        UpstreamBranches afterRestart = branches();
        assertThat(afterRestart.refresh()).isFalse();
        assertThat(afterRestart.branches()).isEqualTo(first.branches());
        assertThat(afterRestart.json()).isEqualTo(CITY);
    }

    @Test
    void anErrorOrNonsenseFromTheUpstreamNeverReplacesTheListHeld() throws Exception {
        UpstreamBranches branches = branches();
        answer(200, CITY);
        branches.refresh();

        answer(500, "{}");
        answer(200, "<html>captive portal</html>");
        answer(200, "{\"branches\": []}");
        answer(200, "{\"branches\": [{\"name\": \"no id\"}]}");
        answer(200, "{\"branches\": [{\"id\": \"x\", \"name\": \"Cầu\\u001b[2J Giấy\"}]}");
        answer(200, "{\"branches\": [{\"id\": \"x\", \"address\": \"" + "a".repeat(201) + "\"}]}");
        for (int i = 0; i < 6; i++) {
            assertThat(branches.refresh()).as("answer %d", i).isFalse();
        }

        assertThat(branches.branches()).extracting(Listed::id).containsExactly("hn-caugiay", "hn-hoankiem");
        assertThat(Files.readString(dir.resolve("branches.json"))).isEqualTo(CITY);
    }

    @Test
    void aDamagedCacheFileIsIgnoredUntilTheUpstreamAnswers() throws Exception {
        Files.writeString(dir.resolve("branches.json"), "");
        UpstreamBranches branches = branches();
        assertThat(branches.branches()).isEmpty();
        assertThat(branches.json()).isNull();

        answer(200, CITY);
        assertThat(branches.refresh()).isTrue();
        assertThat(branches.branches()).hasSize(2);
    }
}
