package vn.luot.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import vn.luot.kiosk.flow.Screen;

/**
 * Issue 18 §5: on every screen of the catalogue, in both orientations and languages, every text a citizen
 * reads is at least 28 px, no staff-only message is drawn, and the language toggle is a small corner button.
 */
class KioskTextSizeTest {

    private static final double SMALLEST = 28;

    @BeforeAll
    static void toolkit() throws Exception {
        Headless.startToolkit();
    }

    @Test
    void everyCitizenTextIsAtLeast28PxAndNoStaffMessageShows() throws Exception {
        List<String> tooSmall = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Orientation orientation : Orientation.values()) {
            for (KioskState.Language language : KioskState.Language.values()) {
                for (Map.Entry<String, Screen> e : ScreenCatalog.screens().entrySet()) {
                    // offline, paper low and the clock unconfirmed: all the staff matters at once
                    KioskState state = new KioskState(e.getValue(), language, false, java.time.LocalTime.of(9, 12),
                            true, false);
                    onFx(() -> {
                        KioskView view = new KioskView(KioskActions.NONE, orientation, false);
                        view.render(state);
                        new Scene(view.root(), orientation.width(), orientation.height());
                        view.root().applyCss();
                        view.root().layout();
                        visit(view.root(), labeled -> {
                            if (labeled.getText() != null && !labeled.getText().isBlank()) {
                                texts.add(labeled.getText());
                                if (labeled.getFont().getSize() < SMALLEST) {
                                    tooSmall.add(orientation + " " + language + " " + e.getKey() + ": '"
                                            + labeled.getText() + "' " + labeled.getFont().getSize() + " px");
                                }
                            }
                        });
                    });
                }
            }
        }
        assertThat(tooSmall).isEmpty();
        assertThat(texts).noneMatch(text -> text.contains("giấy") && text.contains("nhân viên thay"))
                .noneMatch(text -> text.contains("Chưa xác nhận giờ")).isNotEmpty();
    }

    @Test
    void theLanguageToggleIsASmallCornerButtonNotABarAboveTheTitle() throws Exception {
        double[] width = new double[1];
        onFx(() -> {
            KioskView view = new KioskView(KioskActions.NONE, Orientation.PORTRAIT, false);
            view.render(ScreenCatalog.state(new Screen.Home(), KioskState.Language.VI, false));
            new Scene(view.root(), Orientation.PORTRAIT.width(), Orientation.PORTRAIT.height());
            view.root().applyCss();
            view.root().layout();
            width[0] = view.root().lookup("#language").getLayoutBounds().getWidth();
        });
        assertThat(width[0]).isPositive().isLessThan(Orientation.PORTRAIT.width() / 3.0);
    }

    private static void visit(Node node, java.util.function.Consumer<Labeled> each) {
        if (node instanceof Labeled labeled) {
            each.accept(labeled);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, each);
            }
        }
    }

    private static void onFx(Runnable work) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }
}
