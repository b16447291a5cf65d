package vn.luot.kiosk.ui;

import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import vn.luot.kiosk.flow.KioskActions;
import vn.luot.kiosk.flow.KioskState;

/**
 * What every screen has around its body: at the top, "Cần hỗ trợ" on the left, the large-text and language toggles
 * as small buttons in the right corner (a full-width bar above the title was the easiest button to hit by mistake),
 * and, once help was asked, what happens next; at the bottom, the discreet sync corner.
 */
final class KioskChrome {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private KioskChrome() {
    }

    static Node top(ResourceBundle t, KioskState state, KioskActions flow) {
        Button help = small(t.getString("top.help"), "help", flow::askForHelp);
        help.setId("help");
        Button large = small(t.getString(state.largeText() ? "top.normalText" : "top.largeText"), "toggle",
                flow::toggleLargeText);
        large.setId("large-text");
        Button language = small(t.getString("home.language"), "toggle", flow::toggleLanguage);
        language.getStyleClass().add("language");
        language.setId("language");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(20, help, gap, large, language);
        bar.setAlignment(Pos.TOP_CENTER);
        VBox top = new VBox(16, bar);
        if (state.help() != KioskState.Help.NONE) {
            Label told = new Label(t.getString(state.help() == KioskState.Help.COMING ? "help.coming" : "help.askAtDesk"));
            told.getStyleClass().add("help-banner");
            told.setId("help-banner");
            told.setWrapText(true);
            told.setMinHeight(Region.USE_PREF_SIZE);
            told.setMaxWidth(Double.MAX_VALUE);
            told.setTextAlignment(TextAlignment.CENTER);
            told.setAlignment(Pos.CENTER);
            top.getChildren().add(told);
        }
        top.setPadding(new javafx.geometry.Insets(0, 0, 16, 0));
        return top;
    }

    /** Online or offline since when; staff-only matters (paper running low, the clock not confirmed) go to the hub. */
    static Node status(ResourceBundle t, KioskState state) {
        Label sync = new Label(state.online() ? "● " + t.getString("status.online")
                : "● " + MessageFormat.format(t.getString("status.offline"),
                        state.offlineSince() == null ? "--:--" : TIME.format(state.offlineSince())));
        sync.getStyleClass().add("status");
        sync.setId("sync-status");
        if (!state.online()) {
            sync.getStyleClass().add("status-offline");
        }
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(24, gap, sync);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Button small(String text, String style, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add(style);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }
}
