package vn.luot.display.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import vn.luot.display.buttons.ButtonAction;
import vn.luot.display.buttons.SimulatedButtons;

/**
 * The simulated LED boards drawn as they would glow over the counters, with the frames the bus carried
 * below; the keyboard presses the simulated call buttons (digit: NEXT of that counter, 0 = 10; Shift+digit:
 * RECALL; Ctrl+digit: NO-SHOW). Reads the boards five times a second. Must be used on the JavaFX thread.
 */
public final class VirtualBoardsWindow {

    private final SimulatedBoards boards;
    private final List<Integer> addresses;
    private final Supplier<List<String>> log;
    private final Clock clock;
    private final VBox root = new VBox(12);
    private final FlowPane faces = new FlowPane(12, 12);
    private final Label frames = new Label();
    private final List<Label> shown = new ArrayList<>();
    private boolean blinkPhase;

    public VirtualBoardsWindow(SimulatedBoards boards, List<Integer> addresses, Supplier<List<String>> log,
                               SimulatedButtons buttons, Clock clock) {
        this.boards = boards;
        this.addresses = List.copyOf(addresses);
        this.log = log;
        this.clock = clock;
        root.setPadding(new Insets(12));
        root.setStyle("-fx-background-color: #202020; -fx-font-family: 'DejaVu Sans';");
        for (int address : addresses) {
            Label name = new Label("địa chỉ " + address + " · " + boards.board(address).map(SimulatedBoards.BoardView::protocol)
                    .orElse("?"));
            name.setStyle("-fx-text-fill: #bbbbbb; -fx-font-size: 13px;");
            Label face = new Label();
            face.setMinWidth(230);
            face.setAlignment(Pos.CENTER);
            face.setStyle(faceStyle(true));
            shown.add(face);
            faces.getChildren().add(new VBox(4, name, face));
        }
        frames.setStyle("-fx-text-fill: #9fdc9f; -fx-font-family: 'DejaVu Sans Mono', monospace; -fx-font-size: 12px;");
        Label help = new Label("Phím số: NEXT quầy đó (0 = 10) · Shift+số: RECALL · Ctrl+số: NO-SHOW");
        help.setStyle("-fx-text-fill: #bbbbbb; -fx-font-size: 13px;");
        root.getChildren().addAll(faces, help, frames);
        if (buttons != null) {
            // On the scene, not the root: with no focused node in the window (labels take no focus) a key
            // event targets the scene itself and never passes through the root.
            javafx.event.EventHandler<KeyEvent> keys = e -> press(buttons, e);
            root.sceneProperty().addListener((o, old, scene) -> {
                if (old != null) {
                    old.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
                }
                if (scene != null) {
                    scene.addEventFilter(KeyEvent.KEY_PRESSED, keys);
                }
            });
        }
        Timeline refresh = new Timeline(new KeyFrame(Duration.millis(200), e -> refresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
        refresh.play();
        refresh();
    }

    public Parent root() {
        return root;
    }

    private static String faceStyle(boolean lit) {
        return "-fx-background-color: black; -fx-padding: 8 16 8 16; -fx-font-size: 44px; -fx-font-weight: bold; "
                + "-fx-text-fill: " + (lit ? "#ff3b1f" : "#3a0d06") + ";";
    }

    private void press(SimulatedButtons buttons, KeyEvent e) {
        KeyCode code = e.getCode();
        if (!code.isDigitKey()) {
            return;
        }
        int digit = code.getChar().charAt(code.getChar().length() - 1) - '0';
        int counter = digit == 0 ? 10 : digit;
        ButtonAction action = e.isShiftDown() ? ButtonAction.RECALL : e.isControlDown() ? ButtonAction.NO_SHOW
                : ButtonAction.NEXT;
        // Through Pi4J's mock GPIO or a simulated expander; the listener runs on the buttons' own thread.
        buttons.press(counter, action);
        e.consume();
    }

    private void refresh() {
        blinkPhase = !blinkPhase;
        Instant now = clock.instant();
        for (int i = 0; i < addresses.size(); i++) {
            Label face = shown.get(i);
            boards.board(addresses.get(i)).ifPresent(v -> {
                face.setText(v.shown().isEmpty() ? "— — —" : v.shown());
                face.setStyle(faceStyle(!v.blinkingAt(now) || blinkPhase));
            });
        }
        List<String> lines = log.get();
        frames.setText(String.join("\n", lines.subList(Math.max(0, lines.size() - 14), lines.size())));
    }
}
