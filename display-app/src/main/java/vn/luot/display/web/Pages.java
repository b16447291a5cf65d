package vn.luot.display.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's pages as Mustache templates (in resources, {@code pages/*.mustache}): every value is HTML-escaped
 * unless a template says otherwise, and none does, so text that came from a device (a field's name, a label)
 * can never become markup. Templates compile once, on first use, and are safe for concurrent rendering.
 */
final class Pages {

    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("vn/luot/display/web/pages");

    private Pages() {
    }

    /** A scope for a template: the page title, and a refresh period in seconds (0 for none). */
    static Map<String, Object> scope(String title, int refreshSeconds) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("title", title);
        scope.put("refreshSeconds", refreshSeconds > 0 ? refreshSeconds : null);
        return scope;
    }

    static String render(String template, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        TEMPLATES.compile(template + ".mustache").execute(out, scope);
        return out.toString();
    }

    /** A short page that only tells something: an error, a refusal, a page not found. */
    static String notice(String title, String heading, String error, String text, String note, String href,
                         String linkLabel) {
        Map<String, Object> s = scope(title, 0);
        s.put("heading", heading);
        s.put("error", error);
        s.put("text", text);
        s.put("note", note);
        s.put("link", href == null ? null : Map.of("href", href, "label", linkLabel));
        return render("notice", s);
    }
}
