package vn.luot.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.luot.kiosk.flow.KioskActions;
import vn.luot.kiosk.flow.KioskState;

/**
 * Issue 18 §4, drawn: the ticket screen says the range and, in bold yellow, that the lunch break is on; the field
 * tiles say how long a number taken now waits, the purpose step the lunch break or closing before the number is taken; Vietnamese first,
 * English when chosen.
 */
class KioskWaitTextsTest {

    @BeforeAll
    static void toolkit() throws Exception {
        Headless.startToolkit();
    }

    @Test
    void theTicketScreenInTheLunchBreakSaysTheRangeAndWhenServiceResumes() throws Exception {
        assertThat(texts("ticket-lunch-break", KioskState.Language.VI)).contains(
                "Còn 3 người trước bạn — khoảng 65–80 phút", "Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
        assertThat(texts("ticket-lunch-break", KioskState.Language.EN)).contains(
                "3 people ahead of you — about 65–80 minutes", "Lunch break. The counters open again at 13:00.");
        assertThat(styleOf("ticket-lunch-break", "Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00."))
                .contains("wait-note");
    }

    @Test
    void theFieldTilesSayTheWaitAndTheLunchBreakBeforeANumberIsTaken() throws Exception {
        assertThat(texts("walkin-purpose-lunch-break", KioskState.Language.VI))
                .contains("Đang nghỉ trưa. Các quầy làm việc lại lúc 13:00.");
        assertThat(texts("walkin-purpose-late", KioskState.Language.VI))
                .contains("Có thể không kịp phục vụ trong hôm nay: các quầy làm việc đến 17:00.");
        List<String> lunch = texts("walkin-field-lunch-break", KioskState.Language.VI);
        assertThat(lunch).anyMatch(t -> t.startsWith("Hộ tịch") && t.endsWith("5 người chờ · 55–65 phút"));
        List<String> morning = texts("walkin-field", KioskState.Language.EN);
        assertThat(morning).noneMatch(t -> t.contains("Lunch break"));
        assertThat(morning).anyMatch(t -> t.startsWith("Civil status") && t.endsWith("5 waiting · 15–25 min"));
        assertThat(texts("walkin-field-late", KioskState.Language.VI)).anyMatch(t -> t.endsWith("8 người chờ · đã hết số"));
        assertThat(morning).anyMatch(t -> t.startsWith("Labour") && t.endsWith("No wait"));
    }

    private static List<String> texts(String screen, KioskState.Language language) throws Exception {
        List<String> texts = new ArrayList<>();
        draw(screen, language, labeled -> texts.add(labeled.getText()));
        return texts;
    }

    private static List<String> styleOf(String screen, String text) throws Exception {
        List<String> styles = new ArrayList<>();
        draw(screen, KioskState.Language.VI, labeled -> {
            if (text.equals(labeled.getText())) {
                styles.addAll(labeled.getStyleClass());
            }
        });
        return styles;
    }

    private static void draw(String screen, KioskState.Language language, java.util.function.Consumer<Labeled> each)
            throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                KioskView view = new KioskView(KioskActions.NONE, Orientation.PORTRAIT, false);
                view.render(ScreenCatalog.state(ScreenCatalog.screens().get(screen), language, false));
                new Scene(view.root(), Orientation.PORTRAIT.width(), Orientation.PORTRAIT.height());
                view.root().applyCss();
                visit(view.root(), each);
                done.complete(null);
            } catch (RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    private static void visit(Node node, java.util.function.Consumer<Labeled> each) {
        if (node instanceof Labeled labeled && labeled.getText() != null) {
            each.accept(labeled);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, each);
            }
        }
    }
}
