package vn.luot.display.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.sync.SyncException;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.tv.TvBoardModel;
import vn.luot.display.web.WaitingPage;

/** A kiosk's queue pushing to the hub over real HTTP on loopback; both queues in real SQLite files. */
class BranchHubTest {

    private static final String KIOSK_TOKEN = "kiosk-1-secret";
    private static final DeviceTokens TOKENS = DeviceTokens.none()
            .withToken(KIOSK_TOKEN, new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-23T09:05");
    private LocalQueue hubQueue;
    private LocalQueue kiosk;
    private TvBoardModel board;
    private BranchHub hub;

    private LocalQueue openHubQueue() {
        return LocalQueue.builder().file(dir.resolve("hub.db")).deviceId("hub").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(700, 899)).open();
    }

    private BranchHub startHub(int port, Runnable afterPush) throws Exception {
        board = new TvBoardModel(hubQueue, clock, "");
        return BranchHub.builder(hubQueue, clock).bind("127.0.0.1", port).kioskTokens(TOKENS)
                .waitingPage(new WaitingPage(hubQueue, board, clock)).afterPush(afterPush).build().start();
    }

    private SyncClient kioskSync(String url) {
        return SyncClient.builder().baseUrl(url).branchId(DemoBranch.ID).token(KIOSK_TOKEN).queue(kiosk)
                .clock(clock).build();
    }

    @AfterEach
    void close() {
        if (hub != null) {
            hub.close();
        }
        if (hubQueue != null) {
            hubQueue.close();
        }
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void aKiosksPushReachesTheBoardAndTheWaitingPage() throws Exception {
        hubQueue = openHubQueue();
        kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).open();
        CountDownLatch pushed = new CountDownLatch(1);
        hub = startHub(0, () -> {
            board.refresh();
            pushed.countDown();
        });
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        kiosk.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        kioskSync(hub.url()).push();

        assertThat(pushed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(board.state().fields().get(0).waiting()).isEqualTo(2);
        HttpClient http = HttpClient.newHttpClient();
        String page = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/t/HT-501")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Còn <b id=\"ahead\">1</b> số trước bạn — <span id=\"wait\">dưới 5 phút</span>")
                .contains("1 person ahead of you — under 5 minutes");
        String unknown = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/t/HT-999")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(unknown).contains("Không tìm thấy số này");
        int post = http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/t/HT-501"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(post).as("the public page changes nothing").isEqualTo(405);
    }

    @Test
    void theHubRestartingInTheMiddleOfAPushLosesNothingAndDuplicatesNothing() throws Exception {
        hubQueue = openHubQueue();
        kiosk = LocalQueue.builder().file(dir.resolve("kiosk.db")).deviceId("kiosk-1").branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(500, 699)).open();
        hub = startHub(0, () -> { });
        try (DroppingProxy proxy = new DroppingProxy(hub.port())) {
            for (int i = 0; i < 3; i++) {
                kiosk.issueWalkIn("CT", Purpose.SUBMIT, false, null);
            }
            SyncClient sync = kioskSync(proxy.url());
            int outbox = sync.outboxDepth(); // three tickets and the "1 number away" of the first
            // The hub stores the push, then "dies" before its answer reaches the kiosk.
            proxy.dropAnswers(true);
            assertThatThrownBy(sync::push).isInstanceOf(SyncException.class);
            hub.close();
            hubQueue.close();
            assertThat(sync.outboxDepth()).as("unacknowledged, so still in the kiosk's outbox").isEqualTo(outbox);

            hubQueue = openHubQueue();
            assertThat(hubQueue.waitingCount("CT")).as("stored before the crash").isEqualTo(3);
            hub = startHub(0, () -> { });
            proxy.target(hub.port());
            proxy.dropAnswers(false);
            kiosk.issueWalkIn("CT", Purpose.SUBMIT, false, null);
            SyncClient.PushResult again = sync.push();

            assertThat(again.duplicates()).isEqualTo(outbox);
            assertThat(again.applied()).isEqualTo(1);
            assertThat(sync.outboxDepth()).isZero();
            assertThat(hubQueue.waitingCount("CT")).isEqualTo(4);
            assertThat(hubQueue.eventCount()).isEqualTo(kiosk.eventCount());
        }
    }
}
