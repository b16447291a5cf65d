package vn.luot.kiosk.ui;

import javafx.animation.Animation;
import javafx.animation.TranslateTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polygon;
import javafx.util.Duration;

/**
 * What to hold over the scanner, drawn so that it needs no reading: a phone with its QR for a booking, the front of
 * the chip ID card (căn cước) with its QR in the top corner for a priority number. Shapes and CSS only, no images.
 */
final class ScannerPictures {

    private ScannerPictures() {
    }

    /** A phone moving down onto the scanner window; when animated, the running animation is put in {@code started[0]}. */
    static Node phoneOverScanner(boolean animate, Animation[] started) {
        StackPane phoneWithCode = new StackPane(box("phone", 220, 380), box("phone-qr", 140, 140));
        phoneWithCode.setMaxSize(220, 380);
        Node stage = overScanner(phoneWithCode, 200, 620);
        if (animate) {
            TranslateTransition move = new TranslateTransition(Duration.seconds(1.6), phoneWithCode);
            move.setFromY(0);
            move.setToY(200);
            move.setAutoReverse(true);
            move.setCycleCount(Animation.INDEFINITE);
            move.play();
            started[0] = move;
        } else {
            phoneWithCode.setTranslateY(140);
        }
        return stage;
    }

    /**
     * The front of the chip ID card, still, over the scanner window: the national emblem (a red disc with a yellow
     * star), the photo, lines of text, the card's name, and the QR code in the top right corner, where the scanner
     * reads it. Sized so that the step's sentences fit above and below it in landscape.
     */
    static Node idCardOverScanner(boolean portrait) {
        Region photo = box("id-card-photo", 96, 120);
        Region qr = box("id-card-qr", 92, 92);
        StackPane emblem = emblem();
        Label name = new Label("CĂN CƯỚC");
        name.getStyleClass().add("id-card-name");
        VBox lines = new VBox(12, box("id-card-line", 190, 12), box("id-card-line", 160, 12), box("id-card-line", 200, 12),
                box("id-card-line", 120, 12));
        lines.setMaxSize(200, 84);
        StackPane card = new StackPane(box("id-card", 420, 264), emblem, name, qr, photo, lines);
        place(emblem, Pos.TOP_LEFT, new Insets(18, 0, 0, 20));
        place(name, Pos.TOP_CENTER, new Insets(16, 0, 0, 0));
        place(qr, Pos.TOP_RIGHT, new Insets(18, 18, 0, 0));
        place(photo, Pos.BOTTOM_LEFT, new Insets(0, 0, 22, 22));
        place(lines, Pos.BOTTOM_LEFT, new Insets(0, 0, 30, 140));
        card.setMaxSize(420, 264);
        return overScanner(card, 140, portrait ? 360 : 284);
    }

    private static StackPane emblem() {
        Region disc = box("id-card-emblem", 56, 56);
        Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            double angle = Math.PI / 2 + i * Math.PI / 5;
            double r = i % 2 == 0 ? 20 : 8;
            star.getPoints().addAll(r * Math.cos(angle), -r * Math.sin(angle));
        }
        star.getStyleClass().add("id-card-star");
        StackPane emblem = new StackPane(disc, star);
        emblem.setMaxSize(56, 56);
        return emblem;
    }

    private static void place(Node node, Pos where, Insets margin) {
        StackPane.setAlignment(node, where);
        StackPane.setMargin(node, margin);
    }

    /** {@code held} at the top, the scanner window ({@code windowHeight} high) at the bottom of a 560 px wide stage. */
    private static StackPane overScanner(Node held, double windowHeight, double height) {
        Region window = box("scanner-window", 520, windowHeight);
        StackPane stage = new StackPane(window, held);
        StackPane.setAlignment(window, Pos.BOTTOM_CENTER);
        StackPane.setAlignment(held, Pos.TOP_CENTER);
        stage.setPrefSize(560, height);
        stage.setMaxSize(560, height);
        return stage;
    }

    private static Region box(String style, double width, double height) {
        Region r = new Region();
        r.getStyleClass().add(style);
        r.setPrefSize(width, height);
        r.setMaxSize(width, height);
        return r;
    }
}
