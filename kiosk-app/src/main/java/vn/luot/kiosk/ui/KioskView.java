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
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
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
        // landscape is 1080 px high: less padding, and the stylesheet's .landscape rules make the tall parts shorter
        root.setPadding(orientation == Orientation.PORTRAIT ? new Insets(48) : new Insets(20, 48, 16, 48));
        if (orientation == Orientation.LANDSCAPE) {
            root.getStyleClass().add("landscape");
        }
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
        root.getStyleClass().removeAll("fault", "large-text");
        if (state.largeText()) {
            root.getStyleClass().add("large-text");
        }
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
            body = chooseField(t, state.language(), choose, state.largeText());
        } else if (s instanceof Screen.ChoosePurpose choose) {
            body = choosePurpose(t, state.language(), choose);
        } else if (s instanceof Screen.ScanCitizenCard card) {
            body = citizenCard(t, card);
        } else {
            Screen.PrinterFault fault = (Screen.PrinterFault) s;
            root.getStyleClass().add("fault");
            body = printerFault(t, fault);
        }
        root.setTop(KioskChrome.top(t, state, flow));
        root.setCenter(body);
        root.setBottom(KioskChrome.status(t, state));
    }

    private Node home(ResourceBundle t) {
        Label title = label(t.getString("home.title"), "title");
        Label hint = label(t.getString("home.hint"), "subtitle");
        Animation[] started = new Animation[1];
        Node animation = ScannerPictures.phoneOverScanner(animate, started);
        running = started[0];
        Button walkIn = button(t.getString("home.walkin"), flow::walkIn);
        walkIn.setId("walk-in");
        walkIn.setMaxWidth(orientation == Orientation.PORTRAIT ? 900 : 760);
        if (orientation == Orientation.PORTRAIT) {
            VBox box = new VBox(48, title, hint, animation, spacer(), walkIn);
            box.setAlignment(Pos.TOP_CENTER);
            return box;
        }
        VBox left = new VBox(36, title, hint, walkIn);
        left.setAlignment(Pos.CENTER_LEFT);
        left.setMaxWidth(900);
        HBox row = new HBox(80, left, animation);
        row.setAlignment(Pos.CENTER);
        return row;
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
        VBox box = new VBox(orientation == Orientation.PORTRAIT ? 28 : 14);
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
        VBox box = new VBox(40, spacer(), title, text);
        if (orientation == Orientation.PORTRAIT) {
            // landscape has no height to spare for the sign: the title says it
            box.getChildren().add(1, label("!", "refusal-icon"));
        }
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
        Button back = button(t.getString("home.back"), flow::home);
        back.getStyleClass().add("secondary");
        if (r.offerWalkIn()) {
            box.getChildren().add(label(t.getString("refusal.walkInOffer"), "body"));
            Button walkIn = button(t.getString("walkin.takeNumber"), flow::walkIn);
            walkIn.setId("walk-in");
            if (orientation == Orientation.LANDSCAPE) {
                // side by side: 1080 px has no room for two rows of buttons under a refusal
                HBox row = new HBox(32, walkIn, back);
                row.setAlignment(Pos.CENTER);
                box.getChildren().add(row);
                return box;
            }
            box.getChildren().add(walkIn);
        }
        box.getChildren().add(back);
        return box;
    }

    /** Equal tiles: the field's name, the everyday words citizens know it by, how many wait. */
    private Node chooseField(ResourceBundle t, KioskState.Language language, Screen.ChooseField choose, boolean large) {
        // large text: tighter gaps, so that seven taller tiles still fit with the back step below them
        int gap = large || orientation == Orientation.LANDSCAPE ? 20 : 32;
        FlowPane grid = new FlowPane(gap, gap);
        grid.setAlignment(Pos.CENTER);
        grid.setPrefWrapLength(orientation == Orientation.PORTRAIT ? 984 : 1824);
        for (Screen.FieldChoice f : choose.fields()) {
            StringBuilder text = new StringBuilder(f.name(language));
            if (!f.everyday(language).isEmpty()) {
                text.append("\n(").append(f.everyday(language)).append(')');
            }
            // how many wait and how long a number taken now would, on one line: "3 người chờ · 20–35 phút"
            text.append('\n').append(f.waiting() == 0 ? t.getString("walkin.field.none") : MessageFormat.format(
                    t.getString("walkin.field.waiting"), f.waiting(), WaitWording.cell(f.estimate(), locale(language))));
            Button tile = new Button(text.toString());
            tile.getStyleClass().add(orientation == Orientation.PORTRAIT ? "field-tile" : "field-tile-compact");
            tile.setId("field-" + f.code());
            tile.setOnAction(e -> flow.chooseField(f.code()));
            grid.getChildren().add(tile);
        }
        VBox box = new VBox(orientation == Orientation.LANDSCAPE ? 12 : large ? 20 : 40, label(t.getString("walkin.field.title"),
                orientation == Orientation.PORTRAIT ? "title" : "subtitle"), grid, spacer(), backButton(t));
        box.setAlignment(Pos.TOP_CENTER);
        return box;
    }

    private Node choosePurpose(ResourceBundle t, KioskState.Language language, Screen.ChoosePurpose choose) {
        VBox box = new VBox(40, label(choose.field().name(language), "subtitle"),
                label(t.getString("walkin.purpose.title"), "title"));
        box.setAlignment(Pos.TOP_CENTER);
        // before the number is taken: the lunch break is on (service resumes at 13:00), closing comes first
        WaitWording.notes(choose.field().estimate(), locale(language))
                .forEach(note -> box.getChildren().add(label(note, "wait-note")));
        for (Purpose p : choose.purposes()) {
            Button b = button(language == KioskState.Language.VI ? p.nameVi() : p.nameEn() + " · " + p.nameVi(),
                    () -> flow.choosePurpose(p));
            b.setId("purpose-" + p.name());
            b.setPrefWidth(orientation == Orientation.PORTRAIT ? 900 : 1400);
            b.setMaxWidth(orientation == Orientation.PORTRAIT ? 900 : 1400);
            box.getChildren().add(b);
        }
        box.getChildren().addAll(spacer(), backAndHome(t));
        return box;
    }

    /**
     * The chip ID card (not a phone) over the scanner; what is read and kept, said before the scan (Decree
     * 13/2023); a rejected scan in large type above the picture, never behind it.
     */
    private Node citizenCard(ResourceBundle t, Screen.ScanCitizenCard card) {
        VBox box = new VBox(orientation == Orientation.PORTRAIT ? 36 : 12, label(t.getString("walkin.cccd.title"), "title"),
                label(t.getString("walkin.cccd.hint"), "body"));
        box.setAlignment(Pos.TOP_CENTER);
        if (card.lastScanRejected()) {
            Label rejected = label(t.getString("walkin.cccd.rejected"), "error");
            rejected.setId("cccd-rejected");
            box.getChildren().add(rejected);
        }
        Label privacy = label(t.getString("walkin.cccd.privacy"), "subtitle");
        privacy.setId("cccd-privacy");
        box.getChildren().addAll(ScannerPictures.idCardOverScanner(orientation == Orientation.PORTRAIT), privacy);
        Button skip = button(t.getString("walkin.cccd.skip"), flow::skipCitizenCard);
        skip.setId("skip-card");
        skip.setMaxWidth(900);
        box.getChildren().addAll(spacer(), skip, backAndHome(t));
        return box;
    }

    /** The walk-in's back step: "← Quay lại" to the step before (from the fields, home). */
    private Button backButton(ResourceBundle t) {
        Button back = button(t.getString("nav.back"), flow::back);
        back.getStyleClass().add("secondary");
        back.setId("back");
        back.setMaxWidth(orientation == Orientation.PORTRAIT ? 900 : 600);
        return back;
    }

    /** One step back, and all the way home, side by side. */
    private Node backAndHome(ResourceBundle t) {
        Button back = backButton(t);
        Button home = button(t.getString("home.short"), flow::home);
        home.getStyleClass().add("secondary");
        home.setId("home");
        back.setMaxWidth(440);
        home.setMaxWidth(440);
        HBox row = new HBox(24, back, home);
        row.setAlignment(Pos.CENTER);
        return row;
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
        // a box short of height overflows (a test measures it), never squeezes a button's words to "…"
        b.setMinHeight(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Region spacer() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }
}
