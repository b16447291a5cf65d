package vn.luot.kiosk.ui;

import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import javafx.animation.Animation;
import javafx.animation.TranslateTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import vn.luot.core.domain.Purpose;
import vn.luot.core.wait.WaitWording;
import vn.luot.kiosk.flow.KioskActions;
import vn.luot.kiosk.flow.KioskState;
import vn.luot.kiosk.flow.Screen;
import vn.luot.kiosk.flow.TicketView;

/**
 * Draws a {@link KioskState}: one node tree per state, rebuilt on every change (a handful of nodes, a
 * few times a minute). Buttons call the flow and nothing else. Must be used on the JavaFX thread.
 */
public final class KioskView {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final KioskActions flow;
    private final Orientation orientation;
    private final boolean animate;
    private final BorderPane root = new BorderPane();
    private Animation running;

    /** @param animate false for screenshots and tests: a still picture of each screen */
    public KioskView(KioskActions flow, Orientation orientation, boolean animate) {
        this.flow = flow;
        this.orientation = orientation;
        this.animate = animate;
        loadFonts();
        // styled by its own class, not ".root": the view looks the same wherever it is embedded (the demo scales it)
        root.getStyleClass().add("kiosk");
        root.getStylesheets().add(KioskView.class.getResource("kiosk.css").toExternalForm());
        root.setPrefSize(orientation.width(), orientation.height());
        root.setPadding(new Insets(48));
    }

    /** The fonts that carry every Vietnamese glyph ship in the printer driver's jar; load them once. */
    private static void loadFonts() {
        for (String name : List.of("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")) {
            try (InputStream in = KioskView.class.getResourceAsStream("/vn/luot/printer/fonts/" + name)) {
                if (in != null) {
                    Font.loadFont(in, 20);
                }
            } catch (IOException e) {
                throw new IllegalStateException("bundled font " + name + " unreadable", e);
            }
        }
    }

    public Parent root() {
        return root;
    }

    public Orientation orientation() {
        return orientation;
    }

    public void render(KioskState state) {
        if (running != null) {
            running.stop();
            running = null;
        }
        ResourceBundle t = ResourceBundle.getBundle("vn.luot.kiosk.ui.kiosk",
                state.language() == KioskState.Language.VI ? Locale.forLanguageTag("vi") : Locale.ENGLISH);
        root.getStyleClass().remove("fault");
        Screen s = state.screen();
        Node body;
        if (s instanceof Screen.Home) {
            body = home(t);
        } else if (s instanceof Screen.Working) {
            body = working(t);
        } else if (s instanceof Screen.TicketIssued issued) {
            body = ticket(t, state.language(), issued.ticket(), issued.reprint());
        } else if (s instanceof Screen.Refused refused) {
            body = refused(t, refused);
        } else if (s instanceof Screen.ChooseField choose) {
            body = chooseField(t, state.language(), choose);
        } else if (s instanceof Screen.ChoosePurpose choose) {
            body = choosePurpose(t, state.language(), choose);
        } else if (s instanceof Screen.ScanCitizenCard card) {
            body = citizenCard(t, card);
        } else {
            Screen.PrinterFault fault = (Screen.PrinterFault) s;
            root.getStyleClass().add("fault");
            body = printerFault(t, fault);
        }
        root.setCenter(body);
        root.setBottom(statusBar(t, state));
    }

    private Node home(ResourceBundle t) {
        Label title = label(t.getString("home.title"), "title");
        Label hint = label(t.getString("home.hint"), "subtitle");
        Node animation = scanAnimation();
        Button walkIn = button(t.getString("home.walkin"), flow::walkIn);
        walkIn.setId("walk-in");
        walkIn.setMaxWidth(orientation == Orientation.PORTRAIT ? 900 : 760);
        // a small corner toggle: a full-width bar above the title was the easiest button to hit by mistake
        Button language = new Button(t.getString("home.language"));
        language.setOnAction(e -> flow.toggleLanguage());
        language.getStyleClass().add("language");
        language.setId("language");
        HBox top = new HBox(language);
        top.setAlignment(Pos.TOP_RIGHT);
        if (orientation == Orientation.PORTRAIT) {
            VBox box = new VBox(48, top, title, hint, animation, spacer(), walkIn);
            box.setAlignment(Pos.TOP_CENTER);
            return box;
        }
        VBox left = new VBox(36, title, hint, walkIn);
        left.setAlignment(Pos.CENTER_LEFT);
        left.setMaxWidth(900);
        HBox row = new HBox(80, left, animation);
        row.setAlignment(Pos.CENTER);
        return new VBox(24, top, row);
    }

    /** A phone moving down onto the scanner window: where to hold the code, without reading. */
    private Node scanAnimation() {
        StackPane phoneWithCode = new StackPane(box("phone", 220, 380), box("phone-qr", 140, 140));
        phoneWithCode.setMaxSize(220, 380);
        Node stage = overScanner(phoneWithCode, 200, 620);
        TranslateTransition move = new TranslateTransition(Duration.seconds(1.6), phoneWithCode);
        move.setFromY(0);
        move.setToY(200);
        move.setAutoReverse(true);
        move.setCycleCount(Animation.INDEFINITE);
        if (animate) {
            move.play();
            running = move;
        } else {
            phoneWithCode.setTranslateY(140);
        }
        return stage;
    }

    private Node working(ResourceBundle t) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(200, 200);
        VBox box = new VBox(48, spinner, label(t.getString("working"), "title"));
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** "Wait to be called" first and largest, the number, then which counters will call it: never read as a call. */
    private Node ticket(ResourceBundle t, KioskState.Language language, TicketView ticket, boolean reprint) {
        VBox box = new VBox(28);
        box.setAlignment(Pos.CENTER);
        box.getChildren().add(spacer());
        Label take = label(t.getString("ticket.take"), "title");
        take.setId("ticket-wait");
        box.getChildren().add(take);
        box.getChildren().add(label(t.getString(reprint ? "ticket.reprint" : "ticket.title"), "subtitle"));
        Label number = label(ticket.label(), "number");
        number.setId("ticket-number");
        box.getChildren().add(number);
        if (ticket.priority()) {
            box.getChildren().add(label(t.getString("ticket.priority"), "priority"));
        }
        box.getChildren().add(label(language == KioskState.Language.EN
                ? ticket.fieldNameEn() + " · " + ticket.purpose().nameEn()
                : ticket.fieldNameVi() + " · " + ticket.purpose().nameVi(), "body"));
        box.getChildren().add(label(WaitWording.line(ticket.estimate(), locale(language)), "body"));
        WaitWording.notes(ticket.estimate(), locale(language))
                .forEach(note -> box.getChildren().add(label(note, "wait-note")));
        String counters = ticket.counters().stream().map(String::valueOf).collect(Collectors.joining(", "));
        Label where = label(MessageFormat.format(t.getString("ticket.counters"), counters), "body");
        where.setId("ticket-counters");
        box.getChildren().add(where);
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        box.getChildren().addAll(spacer(), back);
        return box;
    }

    private Node refused(ResourceBundle t, Screen.Refused r) {
        String key = "refusal." + r.refusal().name();
        String body = MessageFormat.format(t.getString(key + ".body"),
                r.branchName() == null ? "" : r.branchName(),
                r.day() == null ? "" : DAY.format(r.day()),
                r.comeBackAt() == null ? "" : TIME.format(r.comeBackAt()));
        Label title = label(t.getString(key + ".title"), "title");
        title.setId("refusal-title");
        Label text = label(body, "body");
        text.setId("refusal-body");
        VBox box = new VBox(40, spacer(), label("!", "refusal-icon"), title, text);
        box.setAlignment(Pos.CENTER);
        if (r.branchAddress() != null && !r.branchAddress().isEmpty()) {
            Label address = label(MessageFormat.format(t.getString("refusal.address"), r.branchAddress()), "subtitle");
            address.setId("refusal-address");
            box.getChildren().add(address);
        }
        if (r.ticketLabel() != null) {
            Label number = label(r.ticketLabel(), "number");
            number.setId("refusal-number");
            box.getChildren().addAll(label(t.getString("refusal.yourNumber"), "subtitle"), number);
        }
        box.getChildren().add(spacer());
        if (r.offerWalkIn()) {
            box.getChildren().add(label(t.getString("refusal.walkInOffer"), "body"));
            Button walkIn = button(t.getString("walkin.takeNumber"), flow::walkIn);
            walkIn.setId("walk-in");
            box.getChildren().add(walkIn);
        }
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        box.getChildren().add(back);
        return box;
    }

    /** Equal tiles: the field's name, the everyday words citizens know it by, how many wait. */
    private Node chooseField(ResourceBundle t, KioskState.Language language, Screen.ChooseField choose) {
        FlowPane grid = new FlowPane(32, 32);
        grid.setAlignment(Pos.CENTER);
        grid.setPrefWrapLength(orientation == Orientation.PORTRAIT ? 960 : 1790);
        for (Screen.FieldChoice f : choose.fields()) {
            Label icon = new Label(f.code());
            icon.getStyleClass().add("field-icon");
            StringBuilder text = new StringBuilder(f.name(language));
            if (!f.everyday(language).isEmpty()) {
                text.append("\n(").append(f.everyday(language)).append(')');
            }
            // how many wait and how long a number taken now would, on one line: "3 người chờ · 20–35 phút"
            text.append('\n').append(MessageFormat.format(t.getString("walkin.field.waiting"), f.waiting(),
                    WaitWording.cell(f.estimate(), locale(language))));
            Button tile = new Button(text.toString());
            tile.setGraphic(icon);
            tile.getStyleClass().add(orientation == Orientation.PORTRAIT ? "field-tile" : "field-tile-compact");
            tile.setId("field-" + f.code());
            tile.setOnAction(e -> flow.chooseField(f.code()));
            grid.getChildren().add(tile);
        }
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        VBox box = new VBox(orientation == Orientation.PORTRAIT ? 40 : 20, label(t.getString("walkin.field.title"),
                orientation == Orientation.PORTRAIT ? "title" : "subtitle"));
        // before a number is taken: the lunch break is on, service resumes at 13:00
        choose.fields().stream().findFirst().flatMap(f -> WaitWording.serviceNow(f.estimate().now(), locale(language)))
                .ifPresent(now -> box.getChildren().add(label(now, "wait-note")));
        box.getChildren().addAll(grid, spacer(), back);
        box.setAlignment(Pos.TOP_CENTER);
        return box;
    }

    private Node choosePurpose(ResourceBundle t, KioskState.Language language, Screen.ChoosePurpose choose) {
        VBox box = new VBox(40, label(choose.field().name(language), "subtitle"),
                label(t.getString("walkin.purpose.title"), "title"));
        box.setAlignment(Pos.TOP_CENTER);
        for (Purpose p : choose.purposes()) {
            Button b = button(language == KioskState.Language.VI ? p.nameVi() : p.nameEn() + " · " + p.nameVi(),
                    () -> flow.choosePurpose(p));
            b.setId("purpose-" + p.name());
            b.setMaxWidth(900);
            box.getChildren().add(b);
        }
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        box.getChildren().addAll(spacer(), back);
        return box;
    }

    /**
     * The chip ID card (not a phone) over the scanner; what is read and kept, said before the scan (Decree
     * 13/2023); a rejected scan in large type above the picture, never behind it.
     */
    private Node citizenCard(ResourceBundle t, Screen.ScanCitizenCard card) {
        VBox box = new VBox(orientation == Orientation.PORTRAIT ? 36 : 20, label(t.getString("walkin.cccd.title"), "title"),
                label(t.getString("walkin.cccd.hint"), "body"));
        box.setAlignment(Pos.TOP_CENTER);
        if (card.lastScanRejected()) {
            Label rejected = label(t.getString("walkin.cccd.rejected"), "error");
            rejected.setId("cccd-rejected");
            box.getChildren().add(rejected);
        }
        Label privacy = label(t.getString("walkin.cccd.privacy"), "subtitle");
        privacy.setId("cccd-privacy");
        box.getChildren().addAll(idCardOverScanner(), privacy);
        Button skip = button(t.getString("walkin.cccd.skip"), flow::skipCitizenCard);
        skip.setId("skip-card");
        skip.setMaxWidth(900);
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        box.getChildren().addAll(spacer(), skip, back);
        return box;
    }

    /** A chip ID card (landscape, chip, QR in its corner) held over the scanner window, still. */
    private Node idCardOverScanner() {
        Region chip = box("id-card-chip", 64, 48);
        Region qr = box("phone-qr", 96, 96);
        StackPane idCard = new StackPane(box("id-card", 400, 252), chip, qr);
        StackPane.setAlignment(chip, Pos.CENTER_LEFT);
        StackPane.setMargin(chip, new Insets(0, 0, 0, 40));
        StackPane.setAlignment(qr, Pos.TOP_RIGHT);
        StackPane.setMargin(qr, new Insets(24, 24, 0, 0));
        idCard.setMaxSize(400, 252);
        return overScanner(idCard, 140, orientation == Orientation.PORTRAIT ? 360 : 300);
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

    private Node printerFault(ResourceBundle t, Screen.PrinterFault fault) {
        Label title = label(t.getString("fault." + fault.status().name()), "title");
        title.setId("fault-title");
        VBox box = new VBox(32, spacer(), label("!", "refusal-icon"), title, label(t.getString("fault.body"), "body"),
                label(fault.ticket().label(), "number"), spacer());
        box.setAlignment(Pos.CENTER);
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        box.getChildren().add(back);
        return box;
    }

    private Node statusBar(ResourceBundle t, KioskState state) {
        Label sync = label(state.online() ? "● " + t.getString("status.online")
                : "● " + MessageFormat.format(t.getString("status.offline"),
                        state.offlineSince() == null ? "--:--" : TIME.format(state.offlineSince())), "status");
        sync.setId("sync-status");
        if (!state.online()) {
            sync.getStyleClass().add("status-offline");
        }
        // staff-only matters (paper running low, the clock not confirmed) go to the hub, not to the citizen
        HBox bar = new HBox(24);
        bar.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        bar.getChildren().add(gap);
        bar.getChildren().add(sync);
        return bar;
    }

    private static Locale locale(KioskState.Language language) {
        return language == KioskState.Language.EN ? WaitWording.EN : WaitWording.VI;
    }

    private static Label label(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        // wrap, never shorten to "…": a box short of height squeezes its spacers, not the words
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setTextAlignment(TextAlignment.CENTER);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setPrefWidth(900);
        b.setWrapText(true);
        b.setTextAlignment(TextAlignment.CENTER);
        b.setMaxWidth(900);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Region spacer() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }
}
