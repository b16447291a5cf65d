package vn.luot.display.tv;

import java.net.URL;
import java.time.DayOfWeek;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import vn.luot.core.wait.WaitWording;
import java.text.MessageFormat;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.animation.TranslateTransition;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.util.Duration;

/**
 * Draws a {@link TvBoardModel.State} on a 1920×1080 TV, to be read from 10 m across the waiting room: the
 * latest call fills the left half, the counters the right; the lines and recent calls are smaller below.
 * Vietnamese first, English in smaller type. The node tree is built once and its labels updated on each
 * render, so a render costs a few microseconds of layout. Must be used on the JavaFX thread.
 */
public final class TvBoardView {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter CALLED_AT = DateTimeFormatter.ofPattern("HH:mm");
    // The root bundle is Vietnamese; asking for "vi" would fall back to the machine's locale (messages_en) first.
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("vn.luot.display.tv.messages", Locale.ROOT);
    static final double CALL_PANEL_WIDTH = 800;
    static final double CALL_PANEL_PADDING = 24;
    static final double CALL_NUMBER_SIZE = 172;
    static final double MIDDLE_HEIGHT = 620;
    /** The counters panel's content width: the screen less the call panel, the gaps and the paddings. */
    static final double COUNTERS_PANEL_WIDTH = WIDTH - 2 * 32 - 24 - CALL_PANEL_WIDTH - 2 * 24;
    static final double COUNTER_NUMBER_WIDTH = 112;
    static final double COUNTER_COLUMN_GAP = 16;
    static final double COUNTER_ROW_GAP = 8;
    /**
     * Five rows of two at 64 px type fill the panel between the top bar and the lines below; more counters
     * page rather than shrink, because a number smaller than 60 px cannot be read from 10 m.
     */
    public static final int COUNTER_ROWS = 5;
    public static final int COUNTERS_PER_PAGE = 2 * COUNTER_ROWS;
    public static final int PAGE_SECONDS = 8;

    private final boolean animate;
    private final BorderPane root = new BorderPane();
    private final Label branch = label("", "branch");
    private final Label date = label("", "date");
    private final Label clock = label("", "clock");
    private final VBox callPanel = new VBox();
    private final Label callInvite = label("MỜI SỐ", "call-invite");
    private final Label callNumber = label("", "call-number");
    private final Label callCounter = label("", "call-counter");
    private final Label callEnglish = label("", "call-english");
    private final GridPane counters = new GridPane();
    private final List<Label[]> counterCells = new ArrayList<>();
    private final Label pageIndicator = label("", "page-indicator");
    private final VBox countersPanel = new VBox();
    private int shownFirst;
    private int shownCount;
    private final VBox recent = new VBox();
    private final GridPane fields = new GridPane();
    private final List<Label[]> fieldCells = new ArrayList<>();
    private final Label ticker = label("", "ticker");
    private final Pane tickerLane = new Pane(ticker);
    private final Circle syncDot = new Circle(7);
    private final Label syncText = label("", "sync");
    private Timeline blinking;
    private TranslateTransition scrolling;
    private String tickerShown;

    /** @param animate false for screenshots and tests: a still picture (no blinking, no scrolling ticker) */
    public TvBoardView(boolean animate) {
        this.animate = animate;
        loadFonts();
        URL css = TvBoardView.class.getResource("tv.css");
        root.getStylesheets().add(css.toExternalForm());
        root.getStyleClass().add("tv");
        root.setPrefSize(WIDTH, HEIGHT);
        root.setMinSize(WIDTH, HEIGHT);
        root.setMaxSize(WIDTH, HEIGHT);
        root.setTop(topBar());
        root.setCenter(middle());
        root.setBottom(bottom());
    }

    /** DejaVu Sans ships in the printer driver's jar with every Vietnamese glyph; the TV may have no fonts. */
    private static void loadFonts() {
        for (String name : List.of("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")) {
            URL font = TvBoardView.class.getResource("/vn/luot/printer/fonts/" + name);
            if (font == null || Font.loadFont(font.toExternalForm(), 20) == null) {
                throw new IllegalStateException("bundled font " + name + " is missing or unreadable");
            }
        }
    }

    public Parent root() {
        return root;
    }

    private HBox topBar() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        VBox when = new VBox(date);
        when.setAlignment(Pos.CENTER_RIGHT);
        // The branch name gives way (ellipsis) before the date and the clock do.
        date.setMinWidth(Region.USE_PREF_SIZE);
        clock.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(24, branch, gap, when, clock);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    private HBox middle() {
        callPanel.getChildren().addAll(callInvite, callNumber, callCounter, callEnglish);
        callPanel.setAlignment(Pos.CENTER);
        callPanel.getStyleClass().add("call-panel");
        callPanel.setPrefWidth(CALL_PANEL_WIDTH);
        callPanel.setMinWidth(CALL_PANEL_WIDTH);
        callPanel.setMaxWidth(CALL_PANEL_WIDTH);

        Label head = label("QUẦY  ·  ĐANG PHỤC VỤ", "panel-title");
        Label headEn = label("Counter · now serving", "panel-title-en");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        pageIndicator.setMinWidth(Region.USE_PREF_SIZE);
        HBox heading = new HBox(16, head, headEn, gap, pageIndicator);
        heading.setAlignment(Pos.BASELINE_LEFT);
        counters.setHgap(COUNTER_COLUMN_GAP);
        counters.setVgap(COUNTER_ROW_GAP);
        VBox right = countersPanel;
        right.setSpacing(8);
        right.getChildren().setAll(heading, counters);
        right.getStyleClass().add("counters-panel");
        right.setMinHeight(0);
        HBox.setHgrow(right, Priority.ALWAYS);

        HBox middle = new HBox(24, callPanel, right);
        middle.setPadding(new Insets(16, 32, 8, 32));
        // The middle never pushes the top bar (the clock) or the bottom off the screen: counters page instead.
        middle.setMinHeight(0);
        middle.setMaxHeight(MIDDLE_HEIGHT);
        middle.setPrefHeight(MIDDLE_HEIGHT);
        return middle;
    }

    private VBox bottom() {
        Label recentTitle = label("SỐ VỪA GỌI", "panel-title");
        Label recentTitleEn = label("Recent calls", "panel-title-en");
        HBox recentHead = new HBox(16, recentTitle, recentTitleEn);
        recentHead.setAlignment(Pos.BASELINE_LEFT);
        recent.setSpacing(2);
        VBox recentPanel = new VBox(6, recentHead, recent);
        recentPanel.getStyleClass().add("small-panel");
        recentPanel.setPrefWidth(560);
        recentPanel.setMinWidth(560);

        Label waitTitle = label("ĐANG CHỜ  ·  THỜI GIAN CHỜ DỰ KIẾN", "panel-title");
        Label waitTitleEn = label("Waiting · estimated wait", "panel-title-en");
        HBox waitHead = new HBox(16, waitTitle, waitTitleEn);
        waitHead.setAlignment(Pos.BASELINE_LEFT);
        fields.setHgap(24);
        fields.setVgap(0);
        VBox fieldPanel = new VBox(6, waitHead, fields);
        fieldPanel.getStyleClass().add("small-panel");
        HBox.setHgrow(fieldPanel, Priority.ALWAYS);

        HBox panels = new HBox(24, recentPanel, fieldPanel);
        panels.setPadding(new Insets(0, 32, 12, 32));

        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(tickerLane.widthProperty());
        clip.heightProperty().bind(tickerLane.heightProperty());
        tickerLane.setClip(clip);
        tickerLane.setPrefHeight(56);
        HBox.setHgrow(tickerLane, Priority.ALWAYS);
        ticker.setLayoutY(6);
        syncDot.getStyleClass().add("sync-dot");
        HBox sync = new HBox(8, syncDot, syncText);
        sync.setAlignment(Pos.CENTER_RIGHT);
        sync.setMinWidth(Region.USE_PREF_SIZE);
        HBox tickerBar = new HBox(24, tickerLane, sync);
        tickerBar.setAlignment(Pos.CENTER_LEFT);
        tickerBar.getStyleClass().add("ticker-bar");
        return new VBox(panels, tickerBar);
    }

    public void render(TvBoardModel.State s) {
        branch.setText(s.branchName());
        date.setText(dayName(s.now().getDayOfWeek()) + ", " + DATE.format(s.now()));
        clock.setText(CLOCK.format(s.now()));
        renderCall(s);
        renderCounters(s);
        renderRecent(s);
        renderFields(s);
        renderTicker(s.ticker());
        renderSync(s.online());
    }

    private void renderCall(TvBoardModel.State s) {
        TvBoardModel.LatestCall latest = s.latest();
        callNumber.setVisible(latest != null);
        callNumber.setManaged(latest != null);
        if (latest == null) {
            callInvite.setText("XIN CHÀO");
            callNumber.setText("");
            callCounter.setText("Mời quý khách lấy số tại ki-ốt");
            callCounter.getStyleClass().setAll("label", "call-idle");
            callEnglish.setText("Welcome — please take a number at the kiosk");
        } else {
            callInvite.setText("MỜI SỐ");
            callNumber.setText(latest.label());
            // inline style, as the style sheet's size would win over setFont
            callNumber.setStyle("-fx-font-size: " + fitting(latest.label(), CALL_NUMBER_SIZE,
                    CALL_PANEL_WIDTH - 2 * CALL_PANEL_PADDING - 8) + "px;");
            callCounter.setText("ĐẾN QUẦY " + latest.counter());
            callCounter.getStyleClass().setAll("label", "call-counter");
            callEnglish.setText("Number " + latest.label() + ", please go to counter " + latest.counter());
        }
        boolean flash = s.blinking();
        if (flash && animate) {
            if (blinking == null) {
                blinking = new Timeline(new KeyFrame(Duration.millis(450), e -> toggle(callPanel, "flash")));
                blinking.setCycleCount(Animation.INDEFINITE);
                blinking.play();
            }
        } else {
            if (blinking != null) {
                blinking.stop();
                blinking = null;
            }
            callPanel.getStyleClass().remove("flash");
            if (flash) {
                callPanel.getStyleClass().add("flash"); // a still picture shows the highlighted phase
            }
        }
    }

    private static void toggle(Parent node, String styleClass) {
        if (!node.getStyleClass().remove(styleClass)) {
            node.getStyleClass().add(styleClass);
        }
    }

    private void renderCounters(TvBoardModel.State s) {
        List<TvBoardModel.CounterRow> all = s.counters();
        int pages = pages(all.size());
        int page = pageAt(s, pages);
        List<TvBoardModel.CounterRow> shown = all.subList(page * COUNTERS_PER_PAGE,
                Math.min(all.size(), (page + 1) * COUNTERS_PER_PAGE));
        if (counterCells.isEmpty()) {
            counters.getChildren().clear();
            double cell = (COUNTERS_PANEL_WIDTH - COUNTER_COLUMN_GAP) / 2.0;
            counters.getColumnConstraints().setAll(column(cell, HPos.LEFT), column(cell, HPos.LEFT));
            for (int i = 0; i < COUNTERS_PER_PAGE; i++) {
                Label name = label("", "counter-name");
                name.setMinWidth(COUNTER_NUMBER_WIDTH);
                name.setPrefWidth(COUNTER_NUMBER_WIDTH);
                name.setAlignment(Pos.CENTER);
                Label serving = label("", "counter-serving");
                serving.setMinWidth(Region.USE_PREF_SIZE);
                HBox tile = new HBox(14, name, serving);
                tile.setAlignment(Pos.CENTER_LEFT);
                tile.getStyleClass().add("counter-tile");
                counters.add(tile, i / COUNTER_ROWS, i % COUNTER_ROWS);
                counterCells.add(new Label[] {name, serving});
            }
        }
        for (int i = 0; i < COUNTERS_PER_PAGE; i++) {
            Label[] cells = counterCells.get(i);
            cells[0].getParent().setVisible(i < shown.size());
            if (i >= shown.size()) {
                continue;
            }
            TvBoardModel.CounterRow row = shown.get(i);
            cells[0].setText(Integer.toString(row.counter()));
            if (row.paused()) {
                cells[1].setText(TEXT.getString("tv.counter.paused"));
                cells[1].getStyleClass().setAll("label", "counter-paused");
            } else if (row.serving().isEmpty()) {
                cells[1].setText("—");
                cells[1].getStyleClass().setAll("label", "counter-idle");
            } else {
                cells[1].setText(row.serving());
                cells[1].getStyleClass().setAll("label", "counter-serving");
            }
        }
        pageIndicator.setVisible(pages > 1);
        pageIndicator.setText(pages > 1 ? MessageFormat.format(TEXT.getString("tv.counters.page"), page + 1, pages) : "");
        shownFirst = page * COUNTERS_PER_PAGE;
        shownCount = shown.size();
    }

    /** How many pages {@code counters} counters take. */
    public static int pages(int counters) {
        return Math.max(1, (counters + COUNTERS_PER_PAGE - 1) / COUNTERS_PER_PAGE);
    }

    /** The page shown at the state's time: pages advance every {@link #PAGE_SECONDS} on the model's clock. */
    static int pageAt(TvBoardModel.State s, int pages) {
        long seconds = s.now().toLocalTime().toSecondOfDay();
        return (int) (seconds / PAGE_SECONDS % pages);
    }

    /** The largest size up to {@code size} at which {@code text} in the bold face fits {@code width}. */
    static double fitting(String text, double size, double width) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, size));
        double w = t.getLayoutBounds().getWidth();
        return w <= width ? size : Math.floor(size * width / w);
    }

    private static ColumnConstraints column(double width, HPos align) {
        ColumnConstraints c = new ColumnConstraints(width);
        c.setHalignment(align);
        return c;
    }

    private void renderRecent(TvBoardModel.State s) {
        List<javafx.scene.Node> lines = new ArrayList<>();
        for (TvBoardModel.RecentCall call : s.recent()) {
            Label number = label(call.label(), "recent-number");
            Label where = label("→ Quầy " + call.counter(), "recent-counter");
            Label at = label(CALLED_AT.format(call.at()), "recent-time");
            HBox line = new HBox(16, number, where, at);
            line.setAlignment(Pos.BASELINE_LEFT);
            lines.add(line);
        }
        if (lines.isEmpty()) {
            lines.add(label("Chưa có số nào được gọi hôm nay", "recent-empty"));
        }
        recent.getChildren().setAll(lines);
    }

    private void renderFields(TvBoardModel.State s) {
        if (fieldCells.size() != s.fields().size()) {
            fields.getChildren().clear();
            fields.getColumnConstraints().setAll(column(110, HPos.LEFT), column(560, HPos.LEFT),
                    column(110, HPos.RIGHT), column(200, HPos.RIGHT));
            fieldCells.clear();
            for (int i = 0; i < s.fields().size(); i++) {
                Label[] cells = {label("", "field-code"), label("", "field-name"), label("", "field-waiting"),
                        label("", "field-wait")};
                for (int c = 0; c < cells.length; c++) {
                    fields.add(cells[c], c, i);
                }
                fieldCells.add(cells);
            }
        }
        for (int i = 0; i < s.fields().size(); i++) {
            TvBoardModel.FieldRow f = s.fields().get(i);
            Label[] cells = fieldCells.get(i);
            cells[0].setText(f.code());
            cells[1].setText(f.nameVi());
            cells[2].setText(Integer.toString(f.waiting()));
            cells[3].setText(WaitWording.cell(f.estimate(), WaitWording.VI));
        }
    }

    private void renderTicker(String text) {
        if (text.equals(tickerShown)) {
            return;
        }
        tickerShown = text;
        ticker.setText(text);
        if (scrolling != null) {
            scrolling.stop();
            scrolling = null;
        }
        ticker.setTranslateX(0);
        ticker.setLayoutX(16);
        if (animate && !text.isEmpty()) {
            ticker.applyCss();
            double width = ticker.prefWidth(-1);
            double lane = WIDTH - 300;
            scrolling = new TranslateTransition(Duration.seconds((width + lane) / 120), ticker);
            scrolling.setFromX(lane);
            scrolling.setToX(-width);
            scrolling.setCycleCount(Animation.INDEFINITE);
            scrolling.setInterpolator(javafx.animation.Interpolator.LINEAR);
            scrolling.play();
        }
    }

    private void renderSync(Boolean online) {
        syncDot.getStyleClass().setAll("sync-dot", online == null ? "sync-none" : online ? "sync-on" : "sync-off");
        syncText.setText(online == null ? "" : online ? "Đã đồng bộ" : "Ngoại tuyến — vẫn phục vụ bình thường");
    }

    static String dayName(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> "Thứ Hai";
            case TUESDAY -> "Thứ Ba";
            case WEDNESDAY -> "Thứ Tư";
            case THURSDAY -> "Thứ Năm";
            case FRIDAY -> "Thứ Sáu";
            case SATURDAY -> "Thứ Bảy";
            case SUNDAY -> "Chủ Nhật";
        };
    }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        return l;
    }

    /** The labels a test reads, by role. */
    public String shownCallNumber() {
        return callNumber.getText();
    }

    /** What the counters panel shows for the counter at {@code index} of the state, if it is on this page. */
    public String shownCounter(int index) {
        if (index < shownFirst || index >= shownFirst + shownCount) {
            throw new IllegalArgumentException("counter " + index + " is not on the page shown");
        }
        return counterCells.get(index - shownFirst)[1].getText();
    }

    /** The counters panel's labels on this page, number and serving, for measuring. */
    List<Label> shownCounterLabels() {
        List<Label> shown = new ArrayList<>();
        for (int i = 0; i < shownCount; i++) {
            shown.add(counterCells.get(i)[0]);
            shown.add(counterCells.get(i)[1]);
        }
        return shown;
    }

    Label callNumberLabel() {
        return callNumber;
    }

    Label clockLabel() {
        return clock;
    }

    VBox countersPanel() {
        return countersPanel;
    }

    Label pageIndicatorLabel() {
        return pageIndicator;
    }

    public boolean isFlashing() {
        return blinking != null || callPanel.getStyleClass().contains("flash");
    }
}
