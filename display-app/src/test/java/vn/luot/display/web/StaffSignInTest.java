package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN guessing against the staff page over real HTTP, from several client addresses on loopback (127.0.0.N):
 * parallel guessers get exactly the attempts the limits allow, and nobody's guessing locks staff out.
 */
class StaffSignInTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;

    private StaffRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new StaffRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A browser at one address: opens the sign-in form, then posts it with the form's token. */
    private final class Client {
        private final OkHttpClient http;

        Client(int lastOctet) throws IOException {
            InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
            http = new OkHttpClient.Builder().followRedirects(false).socketFactory(new SocketFactory() {
                @Override
                public Socket createSocket() throws IOException {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress(from, 0));
                    return s;
                }

                @Override
                public Socket createSocket(String host, int port) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Socket createSocket(InetAddress host, int port) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                    throw new UnsupportedOperationException();
                }
            }).build();
        }

        int signIn(String counter, String pin) throws IOException {
            String cookie;
            String token;
            try (Response form = http.newCall(new Request.Builder().url(rig.url("/staff")).build()).execute()) {
                Matcher m = TOKEN.matcher(form.body().string());
                assertThat(m.find()).isTrue();
                token = m.group(1);
                String setCookie = form.header("Set-Cookie");
                cookie = setCookie.substring(0, setCookie.indexOf(';'));
            }
            return post(counter, pin, token, cookie);
        }

        int post(String counter, String pin, String token, String cookie) throws IOException {
            FormBody.Builder body = new FormBody.Builder().add("counter", counter).add("pin", pin);
            if (token != null) {
                body.add("csrf", token);
            }
            Request.Builder post = new Request.Builder().url(rig.url("/staff/login")).post(body.build());
            if (cookie != null) {
                post.header("Cookie", cookie);
            }
            try (Response r = http.newCall(post.build()).execute()) {
                return r.code();
            }
        }
    }

    @Test
    void sixteenParallelGuessersFromOneAddressGetExactlyFiveTries() throws Exception {
        Client attacker = new Client(66);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String pin = String.format("%04d", 1000 + i);
                answers.add(pool.submit(() -> attacker.signIn("1", pin)));
            }
            int tried = 0;
            int refused = 0;
            for (Future<Integer> a : answers) {
                int code = a.get();
                tried += code == 401 ? 1 : 0;
                refused += code == 429 ? 1 : 0;
            }
            assertThat(tried).as("PINs actually checked").isEqualTo(SignInThrottle.FREE_PER_CLIENT);
            assertThat(refused).isEqualTo(48 - SignInThrottle.FREE_PER_CLIENT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(attacker.signIn("1", StaffRig.PIN_1)).as("the attacker's address stays locked").isEqualTo(429);
        assertThat(new Client(10).signIn("1", StaffRig.PIN_1)).as("the counter's staff at their own PC")
                .isEqualTo(303);
    }

    @Test
    void guessersFromManyAddressesLockTheCounterOnlyForThemselves() throws Exception {
        List<Client> attackers = new ArrayList<>();
        int tried = 0;
        for (int a = 0; a < 8; a++) {
            Client c = new Client(100 + a);
            attackers.add(c);
            for (int i = 0; i < 3; i++) {
                tried += c.signIn("5", "000" + i) == 401 ? 1 : 0;
            }
        }
        // each address's third guess is taken only while the counter's own limit still allows it
        assertThat(tried).isLessThanOrEqualTo(SignInThrottle.FREE_PER_TARGET + attackers.size());
        assertThat(attackers.get(0).signIn("5", StaffRig.PIN_5)).as("an address that guessed wrong").isEqualTo(429);
        assertThat(new Client(20).signIn("5", StaffRig.PIN_5)).as("staff from an address that never guessed")
                .isEqualTo(303);
    }

    @Test
    void eachLockoutAfterTheFirstLastsTwiceAsLong() throws Exception {
        Client guesser = new Client(77);
        for (int i = 0; i < SignInThrottle.FREE_PER_CLIENT; i++) {
            assertThat(guesser.signIn("1", "111" + i)).isEqualTo(401);
        }
        assertThat(guesser.signIn("1", "1119")).isEqualTo(429);
        rig.clock.advance(Duration.ofSeconds(61));
        assertThat(guesser.signIn("1", "1118")).as("one more try after the first minute").isEqualTo(401);
        rig.clock.advance(Duration.ofSeconds(61));
        assertThat(guesser.signIn("1", StaffRig.PIN_1)).as("now locked for two minutes").isEqualTo(429);
        rig.clock.advance(Duration.ofSeconds(60));
        assertThat(guesser.signIn("1", StaffRig.PIN_1)).isEqualTo(303);
    }

    @Test
    void aSignInPostedWithoutTheFormsTokenIsRefused() throws Exception {
        Client browser = new Client(30);
        assertThat(browser.post("1", StaffRig.PIN_1, null, null)).as("no token, no cookie").isEqualTo(403);
        assertThat(browser.post("1", StaffRig.PIN_1, "forged", "luot_signin=other")).isEqualTo(403);
        assertThat(browser.signIn("1", StaffRig.PIN_1)).isEqualTo(303);
    }
}
