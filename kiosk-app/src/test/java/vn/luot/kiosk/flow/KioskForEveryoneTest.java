package vn.luot.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.domain.Purpose;
import vn.luot.core.event.EventType;
import vn.luot.kiosk.KioskRig;

/**
 * Issue 18 §5 in the view model, on real parts: the back step, large text one tap away, the "Cần hỗ trợ" button that
 * records one HELP_REQUESTED event for the hub, and the idle timeout paused while a scan is expected.
 */
class KioskForEveryoneTest {

    @TempDir
    Path dir;

    private KioskRig rig;
    private KioskFlow flow;

    @BeforeEach
    void setUp() throws Exception {
        rig = new KioskRig(dir, Runnable::run);
        flow = rig.flow;
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    private Screen screen() {
        return flow.state().screen();
    }

    private long helpEvents() {
        return rig.queue.read(s -> s.loadEvents()).stream().filter(e -> e.type() == EventType.HELP_REQUESTED).count();
    }

    @Test
    void backGoesOneStepAtATimeFromTheIdCardToTheFieldsAndThenHome() {
        flow.walkIn();
        flow.chooseField("CT");
        flow.choosePurpose(Purpose.COLLECT);
        assertThat(screen()).isInstanceOf(Screen.ScanCitizenCard.class);

        flow.back();
        assertThat(screen()).isInstanceOfSatisfying(Screen.ChoosePurpose.class,
                p -> assertThat(p.field().code()).isEqualTo("CT"));
        flow.back();
        assertThat(screen()).isInstanceOfSatisfying(Screen.ChooseField.class,
                f -> assertThat(f.fields()).extracting(Screen.FieldChoice::code).contains("HT", "CT"));
        flow.chooseField("HT");
        assertThat(((Screen.ChoosePurpose) screen()).field().code()).as("a new choice after going back").isEqualTo("HT");
        flow.back();
        flow.back();
        assertThat(screen()).isInstanceOf(Screen.Home.class);
        assertThat(rig.queue.tickets()).isEmpty();
    }

    @Test
    void largeTextIsOneTapOnAnyScreenStaysForTheCitizenAndIsClearedForTheNextOne() {
        flow.walkIn();
        flow.toggleLargeText();
        assertThat(flow.state().largeText()).isTrue();
        flow.chooseField("HT");
        flow.back();
        flow.home();
        assertThat(flow.state().largeText()).as("the same citizen keeps it").isTrue();
        flow.toggleLargeText();
        assertThat(flow.state().largeText()).isFalse();

        flow.toggleLargeText();
        flow.walkIn();
        rig.clock.advance(Duration.ofSeconds(30));
        flow.tick();
        assertThat(screen()).isInstanceOf(Screen.Home.class);
        assertThat(flow.state().largeText()).as("the next citizen starts in normal text").isFalse();
    }

    @Test
    void helpTellsTheCitizenSomeoneIsComingAndRecordsOneEventForTheHub() {
        flow.walkIn();
        flow.askForHelp();
        assertThat(flow.state().help()).isEqualTo(KioskState.Help.COMING);
        assertThat(screen()).as("the citizen stays where they were").isInstanceOf(Screen.ChooseField.class);
        flow.askForHelp();
        flow.home();
        flow.askForHelp();
        assertThat(helpEvents()).as("staff already on their way get no second alert").isEqualTo(1);
        assertThat(rig.queue.helpRequestsSince(rig.clock.instant().minusSeconds(60)))
                .extracting(vn.luot.core.queue.HelpRequest::deviceId).containsExactly("kiosk-1");

        rig.clock.advance(Duration.ofMinutes(4));
        flow.tick();
        assertThat(flow.state().help()).as("waiting for staff is not idle").isEqualTo(KioskState.Help.COMING);
        rig.clock.advance(Duration.ofMinutes(1));
        flow.tick();
        assertThat(flow.state().help()).as("a kiosk left alone is reset for the next citizen")
                .isEqualTo(KioskState.Help.NONE);

        flow.walkIn();
        flow.askForHelp();
        assertThat(helpEvents()).as("a later citizen's request is a new alert").isEqualTo(2);
    }

    @Test
    void helpThatCannotBeRecordedSendsTheCitizenToTheInformationDesk() throws Exception {
        rig.queue.close();
        flow.askForHelp();
        assertThat(flow.state().help()).isEqualTo(KioskState.Help.ASK_AT_DESK);
    }

    @Test
    void theIdleTimeoutIsPausedWhileTheIdCardIsExpected() {
        flow.walkIn();
        flow.chooseField("HT");
        flow.choosePurpose(Purpose.SUBMIT);
        rig.clock.advance(Duration.ofMinutes(4));
        flow.tick();
        assertThat(screen()).as("looking for the card in a bag").isInstanceOf(Screen.ScanCitizenCard.class);
        rig.clock.advance(Duration.ofMinutes(1));
        flow.tick();
        assertThat(screen()).as("abandoned after five minutes").isInstanceOf(Screen.Home.class);

        flow.walkIn();
        flow.chooseField("HT");
        rig.clock.advance(Duration.ofSeconds(30));
        flow.tick();
        assertThat(screen()).as("the purpose step expects no scan: 30 s").isInstanceOf(Screen.Home.class);
    }
}
