package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staff page as a browser uses it, over real HTTP: it opens the sign-in form for its CSRF token and
 * cookie, posts it, and keeps the session's cookie and token. Redirects are not followed, so a test sees the
 * 303 of a sign-in. Shared by the page's tests and those that look at the supervisor's page from outside.
 */
public final class StaffBrowser {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    /** @param base the hub's URL, e.g. {@code http://127.0.0.1:8090} */
    public StaffBrowser(String base) {
        this.base = base;
    }

    /** A signed-in session: its cookie ({@code name=value}) and the token its forms carry. */
    public record Staff(String cookie, String csrf) {
    }

    /** Signs in (asserting the 303 and the cookie's flags) and reads the session's token from the desk page. */
    public Staff signIn(String counter, String pin) throws Exception {
        HttpResponse<String> r = login("counter=" + counter + "&pin=" + pin);
        assertThat(r.statusCode()).as("sign-in of " + counter).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher m = TOKEN.matcher(get("/staff/desk", cookie).body());
        assertThat(m.find()).isTrue();
        return new Staff(cookie, m.group(1));
    }

    /** Signs a personal account in at {@code counter} ({@code supervisor} for the supervisor's view). */
    public Staff signInAs(String login, String counter, String pin) throws Exception {
        HttpResponse<String> r = login("login=" + login + "&counter=" + counter + "&pin=" + pin);
        assertThat(r.statusCode()).as("sign-in of " + login).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String page = get(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""), cookie)
                .body();
        Matcher m = TOKEN.matcher(page);
        assertThat(m.find()).isTrue();
        return new Staff(cookie, m.group(1));
    }

    /** Opens the sign-in form (its token and cookie), then posts {@code form} with them as a browser would. */
    public HttpResponse<String> login(String form) throws Exception {
        HttpResponse<String> page = get("/staff", null);
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as("the sign-in form carries a token").isTrue();
        String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        return post("/staff/login", form + "&csrf=" + m.group(1), setCookie.substring(0, setCookie.indexOf(';')));
    }

    public HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
