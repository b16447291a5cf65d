package vn.luot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import vn.luot.core.domain.Booking;
import vn.luot.core.domain.Branch;
import vn.luot.core.domain.DemoBranch;
import vn.luot.core.domain.Purpose;
import vn.luot.core.domain.ServiceField;
import vn.luot.core.domain.TimeSlot;
import vn.luot.core.event.QueueEvent;
import vn.luot.core.store.LocalQueue;
import vn.luot.core.store.NumberBlock;
import vn.luot.core.sync.DeviceIdentity;
import vn.luot.core.sync.DeviceTokens;
import vn.luot.core.sync.SyncClient;
import vn.luot.core.testing.MutableClock;
import vn.luot.core.token.KeySet;
import vn.luot.core.token.SigningKeys;
import vn.luot.core.token.TokenVerifier;
import vn.luot.server.BookingServer;
import vn.luot.server.ServerConfig;
import vn.luot.server.SignedCodes;

/**
 * {@code ./luot bench sync}: against a real booking server on loopback — pulling a day of 5,000
 * bookings, draining 15,000 events after a day offline, bytes per event on the wire, QR verification,
 * and requests per second with 100 devices polling. Writes {@code target/bench/sync.json}.
 */
public final class SyncBench {

    private static final int DEVICES = 100;

    private SyncBench() {
    }

    static void run(Path outDir) throws Exception {
        Path dir = Files.createTempDirectory("luot-bench-sync");
        BenchReport report = new BenchReport("sync");
        MutableClock clock = MutableClock.at("2026-11-23T07:30");
        DeviceTokens tokens = DeviceTokens.none()
                .withToken("bench-kiosk", new DeviceIdentity("kiosk-1", DemoBranch.ID, DeviceIdentity.Role.KIOSK))
                .withToken("bench-hub", new DeviceIdentity("hub", DemoBranch.ID, DeviceIdentity.Role.HUB));
        for (int i = 0; i < DEVICES; i++) {
            tokens = tokens.withToken("poller-" + i, new DeviceIdentity("poller-" + i, DemoBranch.ID,
                    DeviceIdentity.Role.DISPLAY));
        }
        SignedCodes codes = new SignedCodes(1, SigningKeys.generate(), KeySet.empty());
        try (BookingServer server = BookingServer.builder().config(ServerConfig.demo()).database(dir.resolve("server.db"))
                .clock(clock).codes(codes).bindAddress("127.0.0.1").port(0).extraTokens(tokens).httpThreads(8)
                .build().start()) {
            Branch branch = server.queue(DemoBranch.ID).branch();
            List<QueueEvent> bookings = new ArrayList<>();
            int[] numbers = new int[branch.fields().size()];
            for (int i = 0; i < 5_000; i++) {
                int f = i % branch.fields().size();
                ServiceField field = branch.fields().get(f);
                TimeSlot slot = branch.slots().get(i % branch.slots().size());
                Booking b = new Booking(Integer.toString(i + 1), DemoBranch.ID, clock.instant()
                        .atZone(vn.luot.core.domain.BranchTime.ZONE).toLocalDate(), slot, field.code(), Purpose.SUBMIT,
                        ++numbers[f], i % 20 == 0);
                bookings.add(new QueueEvent.BookingRecorded(b.ticketId(), b.id(), b.purpose(), b.slot(), b.priority()));
            }
            server.queue(DemoBranch.ID).recordDecided(bookings);

            AtomicLong requestBytes = new AtomicLong();
            OkHttpClient http = new OkHttpClient.Builder().eventListener(new EventListener() {
                @Override
                public void requestBodyEnd(Call call, long byteCount) {
                    requestBytes.addAndGet(byteCount);
                }
            }).build();

            try (LocalQueue display = device(dir, "hub", clock)) {
                SyncClient sync = SyncClient.builder().baseUrl(server.url()).branchId(DemoBranch.ID).token("bench-hub")
                        .queue(display).clock(clock).httpClient(http).build();
                long t0 = System.nanoTime();
                SyncClient.PullResult pulled = sync.pull();
                report.put("snapshot_5000_ms", (System.nanoTime() - t0) / 1e6);
                report.put("snapshot_events", pulled.fresh());
            }

            try (LocalQueue kiosk = device(dir, "kiosk-1", clock)) {
                String[] fields = {"HT", "CT", "DD", "XD", "KD", "CTR", "LD"};
                for (int i = 0; kiosk.eventCount() < 15_000; i++) {
                    kiosk.issueWalkIn(fields[i % fields.length], Purpose.SUBMIT, i % 30 == 0, null);
                }
                SyncClient sync = SyncClient.builder().baseUrl(server.url()).branchId(DemoBranch.ID)
                        .token("bench-kiosk").queue(kiosk).clock(clock).httpClient(http).build();
                requestBytes.set(0);
                long t0 = System.nanoTime();
                SyncClient.PushResult pushed = sync.push();
                report.put("drain_15000_events_ms", (System.nanoTime() - t0) / 1e6);
                report.put("drained_events", pushed.applied());
                report.put("bytes_per_event", (double) requestBytes.get() / pushed.sent());
            }

            Booking sample = new Booking("123456", DemoBranch.ID, clock.instant()
                    .atZone(vn.luot.core.domain.BranchTime.ZONE).toLocalDate(), TimeSlot.parse("09:00-09:30"), "CTR",
                    Purpose.COLLECT, 412, true);
            String qr = codes.qrFor(sample);
            TokenVerifier verifier = new TokenVerifier(codes.keys());
            Instant now = clock.instant();
            for (int i = 0; i < 2_000; i++) {
                verifier.verify(qr, now);
            }
            double[] verify = new double[10_000];
            for (int i = 0; i < verify.length; i++) {
                long t0 = System.nanoTime();
                if (!(verifier.verify(qr, now) instanceof TokenVerifier.Verification.Valid)) {
                    throw new IllegalStateException("the bench token does not verify");
                }
                verify[i] = (System.nanoTime() - t0) / 1e6;
            }
            report.put("qr_verify_p50_ms", BenchReport.percentile(verify, 50));
            report.put("qr_verify_p99_ms", BenchReport.percentile(verify, 99));
            report.put("qr_token_chars", qr.length());

            report.put("server_rps", pollers(server, Duration.ofSeconds(5)));
            report.put("polling_devices", DEVICES);
        }
        report.write(System.out, outDir);
    }

    private static LocalQueue device(Path dir, String id, MutableClock clock) {
        return LocalQueue.builder().file(dir.resolve(id + ".db")).deviceId(id).branch(DemoBranch.create())
                .clock(clock).walkInBlock(new NumberBlock(1000, 9999)).open();
    }

    /** 100 devices polling {@code changes} as fast as the server answers, for {@code duration}. */
    private static double pollers(BookingServer server, Duration duration) throws Exception {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(DEVICES);
        dispatcher.setMaxRequestsPerHost(DEVICES);
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(DEVICES, 1, TimeUnit.MINUTES)).build();
        String cursor;
        try (Response r = http.newCall(new Request.Builder().url(server.url() + "/v1/branches/" + DemoBranch.ID
                + "/snapshot?date=2026-11-23").header("Authorization", "Bearer poller-0").build()).execute()) {
            cursor = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body().string()).path("cursor").asText();
        }
        ExecutorService pool = Executors.newFixedThreadPool(DEVICES);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Request request = new Request.Builder().url(server.url() + "/v1/branches/" + DemoBranch.ID
                    + "/changes?since=" + cursor + "&limit=100").header("Authorization", "Bearer poller-" + i).build();
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try (Response r = http.newCall(request).execute()) {
                        r.body().bytes();
                        if (r.code() == 200) {
                            done.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdownNow();
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
        return done.get() / seconds;
    }

}
