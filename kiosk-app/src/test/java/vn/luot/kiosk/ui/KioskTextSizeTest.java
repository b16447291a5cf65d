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
 * Issue 18 §5: on every screen of the catalogue, in both orientations, languages and text sizes, every text a
 * citizen reads is at least 28 px and drawn whole, large text is larger, no staff-only message is drawn, and the
 * language toggle is a small corner button.
 */
class KioskTextSizeTest {

    private static final double SMALLEST = 28;

    @BeforeAll
    static void toolkit() throws Exception {
        Headless.startToolkit();
    }

    @Test
    void everyCitizenTextIsAtLeast28PxWholeInBothTextSizesAndNoStaffMessageShows() throws Exception {
        List<String> tooSmall = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Orientation orientation : Orientation.values()) {
            for (KioskState.Language language : KioskState.Language.values()) {
                for (boolean large : new boolean[] {false, true}) {
                    for (Map.Entry<String, Screen> e : ScreenCatalog.screens().entrySet()) {
                        // offline, paper low and the clock unconfirmed: all the staff matters at once
                        KioskState state = new KioskState(e.getValue(), language, false, java.time.LocalTime.of(9, 12),
                                true, false, large, KioskState.Help.COMING);
                        String where = orientation + " " + language + (large ? " large " : " ") + e.getKey();
                        onFx(() -> visit(laidOut(orientation, state), labeled -> {
                            texts.add(labeled.getText());
                            if (labeled.getFont().getSize() < SMALLEST) {
                                tooSmall.add(where + ": '" + labeled.getText() + "' " + labeled.getFont().getSize() + " px");
                            }
                            if (!shown(labeled).equals(labeled.getText())) {
                                cut.add(where + ": '" + labeled.getText() + "' drawn as '" + shown(labeled) + "'");
                            }
                            javafx.geometry.Bounds b = labeled.localToScene(labeled.getBoundsInLocal());
                            if (b.getMinX() < 0 || b.getMinY() < 0 || b.getMaxX() > orientation.width()
                                    || b.getMaxY() > orientation.height()) {
                                cut.add(where + ": '" + labeled.getText() + "' off the screen at " + b);
                            }
                        }));
                    }
                }
            }
        }
        assertThat(tooSmall).isEmpty();
        assertThat(cut).as("no text is shortened to '…' or off the screen").isEmpty();
        assertThat(texts).noneMatch(text -> text.contains("giấy") && text.contains("nhân viên thay"))
                .noneMatch(text -> text.contains("Chưa xác nhận giờ")).isNotEmpty();
    }

    @Test
    void largeTextMakesEveryReadingTextOfEveryScreenAtLeastAFifthLarger() throws Exception {
        List<String> notLarger = new ArrayList<>();
        for (Orientation orientation : Orientation.values()) {
            for (Map.Entry<String, Screen> e : ScreenCatalog.screens().entrySet()) {
                KioskState normal = ScreenCatalog.state(e.getValue(), KioskState.Language.VI, false);
                Map<String, Double> before = new java.util.LinkedHashMap<>();
                Map<String, Double> after = new java.util.LinkedHashMap<>();
                onFx(() -> {
                    // the ticket number is huge already; the warning sign and the card's name are pictures
                    visit(laidOut(orientation, normal), l -> {
                        if (l.getFont().getSize() < 100 && !l.getStyleClass().contains("id-card-name")
                                && !l.getStyleClass().contains("refusal-icon")) {
                            before.put(l.getText(), l.getFont().getSize());
                        }
                    });
                    visit(laidOut(orientation, normal.withLargeText(true)), l -> after.put(l.getText(), l.getFont().getSize()));
                });
                before.forEach((text, size) -> {
                    boolean toggle = text.contains("Chữ to");
                    if (!toggle && after.getOrDefault(text, 0.0) < size * 1.2) {
                        notLarger.add(orientation + " " + e.getKey() + ": '" + text + "' " + size + " -> "
                                + after.get(text) + " px");
                    }
                });
            }
        }
        assertThat(notLarger).isEmpty();
    }

    @Test
    void beforeTheIdCardIsScannedOneSentenceSaysWhatIsReadWhatIsKeptAndForHowLong() throws Exception {
        String[] said = new String[2];
        Screen card = ScreenCatalog.screens().get("walkin-cccd");
        onFx(() -> {
            said[0] = ((Labeled) laidOut(Orientation.PORTRAIT, ScreenCatalog.state(card, KioskState.Language.VI, false))
                    .lookup("#cccd-privacy")).getText();
            said[1] = ((Labeled) laidOut(Orientation.LANDSCAPE, ScreenCatalog.state(card, KioskState.Language.EN, false))
                    .lookup("#cccd-privacy")).getText();
        });
        // Kiosk purges the citizen hashes of earlier days at the first trusted second of a new day
        assertThat(said[0]).contains("ngày sinh").contains("số ưu tiên").contains("mã băm có khóa")
                .contains("đầu ngày hôm sau").contains("không lưu họ tên").doesNotContain(". ");
        assertThat(said[1]).contains("date of birth").contains("priority").contains("keyed hash")
                .contains("start of the next day");
    }

    /** The text the skin draws: the label's own, or a shortened one ending in an ellipsis when it does not fit. */
    private static String shown(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof javafx.scene.text.Text text) {
                return text.getText();
            }
        }
        return labeled.getText();
    }

    private static Parent laidOut(Orientation orientation, KioskState state) {
        KioskView view = new KioskView(KioskActions.NONE, orientation, false);
        view.render(state);
        new Scene(view.root(), orientation.width(), orientation.height());
        view.root().applyCss();
        view.root().layout();
        return view.root();
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
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
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
