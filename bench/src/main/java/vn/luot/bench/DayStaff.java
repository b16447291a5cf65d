package vn.luot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Staff at the hub's staff page ({@code /staff}) in the simulated day, as a browser would be: sign in with
 * the counter's PIN, read the page's CSRF token, post a form, follow the redirect and read the message the
 * page shows. A session lost with a hub restart is signed in again, once, as a person would.
 */
final class DayStaff {

    /** Who signs in: counter N (1..99) with PIN "10NN", the supervisor (counter 0) with 9999, as in the demo. */
    static String pin(int counter) {
        return counter == 0 ? "9999" : String.format("10%02d", counter);
    }

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern MESSAGE = Pattern.compile("id=\"message\">([^<]*)</div>");

    private record Session(String cookie, String csrf) {
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();

    DayStaff(int hubPort) {
        this.base = "http://127.0.0.1:" + hubPort;
    }

    /** Counter {@code counter} (0: the supervisor) clicks {@code action}; answers the message the page shows. */
    String act(int counter, String action, Map<String, String> extra) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Session s = sessions.get(counter);
            if (s == null) {
                s = signIn(counter);
            }
            Map<String, String> form = new LinkedHashMap<>(extra);
            form.put("action", action);
            form.put("csrf", s.csrf());
            HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(base + "/staff/action"))
                    .header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
            if (posted.statusCode() == 401 && attempt == 0) {
                sessions.remove(counter); // the hub restarted and forgot the session: sign in again
                continue;
            }
            if (posted.statusCode() != 303) {
                throw new IOException("staff page answered " + posted.statusCode() + " to " + action);
            }
            HttpResponse<String> desk = send(HttpRequest.newBuilder(URI.create(base + "/staff/desk"))
                    .header("Cookie", s.cookie()).GET());
            Matcher m = MESSAGE.matcher(desk.body());
            return m.find() ? unescape(m.group(1)) : "";
        }
    }

    private Session signIn(int counter) throws IOException, InterruptedException {
        // the sign-in form's own token and cookie, as a browser gets them by opening the form
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/staff")).GET());
        Matcher token = CSRF.matcher(page.body());
        String signInCookie = page.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElse("");
        if (!token.find()) {
            throw new IOException("the staff sign-in form has no token");
        }
        Map<String, String> form = Map.of("counter", counter == 0 ? "supervisor" : Integer.toString(counter),
                "pin", pin(counter), "csrf", token.group(1));
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", signInCookie)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
        String cookie = login.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElse(null);
        if (login.statusCode() != 303 || cookie == null) {
            throw new IOException("counter " + counter + " could not sign in to the staff page: " + login.statusCode());
        }
        HttpResponse<String> desk = send(HttpRequest.newBuilder(URI.create(base + "/staff/desk"))
                .header("Cookie", cookie).GET());
        Matcher m = CSRF.matcher(desk.body());
        if (!m.find()) {
            throw new IOException("the staff desk page of counter " + counter + " has no CSRF token");
        }
        Session s = new Session(cookie, m.group(1));
        sessions.put(counter, s);
        return s;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#61;", "=").replace("&#96;", "`").replace("&amp;", "&");
    }
}
