package vn.luot.display.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.audit.AuditLog;
import vn.luot.core.domain.Purpose;
import vn.luot.core.staff.StaffRole;
import vn.luot.display.web.StaffBrowser.Staff;

/**
 * Personal staff accounts on a real hub over loopback HTTP: the supervisor makes them, a temporary PIN must be
 * replaced before anything else, disabling or resetting signs a person out at once, the shared PINs of older
 * configs retire when the first personal account of their role exists, and the audit log names the person.
 */
class StaffAccountsTest {

    private static final Pattern TEMPORARY_PIN = Pattern.compile("(?:Mã PIN tạm thời|mới của \\S+): (\\d{6})");

    @TempDir
    Path dir;

    private StaffRig rig;
    private StaffBrowser browser;

    @BeforeEach
    void start() throws Exception {
        rig = new StaffRig(dir);
        browser = new StaffBrowser(rig.url(""));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void theSupervisorMakesAnAccountWhoseTemporaryPinMustBeChangedBeforeAnyCall() throws Exception {
        rig.queue.issueWalkIn("HT", Purpose.SUBMIT, false, null);
        String pin = create(supervisorByConfig(), "lan", "Nguyễn Thị Lan", "CLERK");

        Staff lan = browser.signInAs("lan", "1", pin);
        HttpResponse<String> desk = browser.get("/staff/desk", lan.cookie());
        assertThat(desk.statusCode()).isEqualTo(303);
        assertThat(desk.headers().firstValue("Location")).hasValue("/staff/pin");
        HttpResponse<String> call = browser.post("/staff/action", "action=next&csrf=" + lan.csrf(), lan.cookie());
        assertThat(call.headers().firstValue("Location")).hasValue("/staff/pin");
        assertThat(rig.queue.currentAt(1)).as("no call before the PIN is changed").isEmpty();

        assertThat(changePin(lan, pin, "123456", "123456").body()).contains("quá dễ đoán");
        assertThat(changePin(lan, pin, "583920", "583921").body()).contains("không giống nhau");
        assertThat(changePin(lan, "000000", "583920", "583920").body()).contains("hiện tại không đúng");
        HttpResponse<String> changed = changePin(lan, pin, "583920", "583920");
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(browser.get("/staff/desk", lan.cookie()).body()).contains("Đã đổi mã PIN").contains("Quầy 1");

        browser.post("/staff/action", "action=next&csrf=" + lan.csrf(), lan.cookie());
        assertThat(rig.queue.currentAt(1)).isPresent();
        assertThat(rig.audit.latest(10)).extracting(AuditLog.Entry::actor, AuditLog.Entry::action, AuditLog.Entry::detail)
                .contains(org.assertj.core.groups.Tuple.tuple("lan", "counter.next", "counter 1"),
                        org.assertj.core.groups.Tuple.tuple("lan", "staff.pin-change", ""),
                        org.assertj.core.groups.Tuple.tuple("lan", "staff.sign-in", "counter 1"),
                        org.assertj.core.groups.Tuple.tuple("supervisor", "staff.account-create", "lan CLERK"));
        assertThat(rig.audit.latest(20)).extracting(AuditLog.Entry::detail).noneMatch(d -> d.contains(pin));
        assertThat(browser.signInAs("lan", "5", "583920")).as("the new PIN signs in at any counter").isNotNull();
    }

    @Test
    void theSharedCounterPinsRetireWhenTheFirstClerkAccountExists() throws Exception {
        assertThat(browser.login("counter=1&pin=" + StaffRig.PIN_1).statusCode()).isEqualTo(303);
        create(supervisorByConfig(), "lan", "Nguyễn Thị Lan", "CLERK");

        HttpResponse<String> shared = browser.login("counter=1&pin=" + StaffRig.PIN_1);
        assertThat(shared.statusCode()).isEqualTo(403);
        assertThat(shared.body()).contains("Mã PIN chung đã ngừng sử dụng");
        assertThat(browser.login("counter=supervisor&pin=" + StaffRig.SUPERVISOR_PIN).statusCode())
                .as("the shared supervisor PIN still works: no supervisor account yet").isEqualTo(303);
    }

    @Test
    void aClerkCannotSuperviseNorManageAccounts() throws Exception {
        String pin = create(supervisorByConfig(), "lan", "Nguyễn Thị Lan", "CLERK");
        HttpResponse<String> asSupervisor = browser.login("login=lan&counter=supervisor&pin=" + pin);
        assertThat(asSupervisor.statusCode()).isEqualTo(403);
        assertThat(asSupervisor.body()).contains("không có quyền giám sát");

        Staff lan = signInAndChoosePin("lan", "1", pin, "583920");
        HttpResponse<String> forged = browser.post("/staff/action", "action=account-create&login=evil&name=Evil&role"
                + "=SUPERVISOR&csrf=" + lan.csrf(), lan.cookie());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(rig.accounts.find("evil")).isEmpty();
        assertThat(rig.audit.latest(1).get(0).action()).isEqualTo("staff.denied");
    }

    @Test
    void disablingAnAccountSignsItOutAtOnceAndRefusesItsPin() throws Exception {
        Staff supervisor = supervisorByConfig();
        String pin = create(supervisor, "lan", "Nguyễn Thị Lan", "CLERK");
        Staff lan = signInAndChoosePin("lan", "1", pin, "583920");

        act(supervisor, "account-disable", "lan");
        HttpResponse<String> after = browser.get("/staff/desk", lan.cookie());
        assertThat(after.headers().firstValue("Location")).as("the open session is gone").hasValue("/staff");
        HttpResponse<String> again = browser.login("login=lan&counter=1&pin=583920");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("đã bị khoá");

        act(supervisor, "account-enable", "lan");
        assertThat(browser.signInAs("lan", "1", "583920")).isNotNull();
    }

    @Test
    void aResetPinSignsThePersonOutAndMustBeChangedAgain() throws Exception {
        Staff supervisor = supervisorByConfig();
        String pin = create(supervisor, "lan", "Nguyễn Thị Lan", "CLERK");
        Staff lan = signInAndChoosePin("lan", "1", pin, "583920");

        String message = act(supervisor, "account-reset", "lan");
        Matcher m = TEMPORARY_PIN.matcher(message);
        assertThat(m.find()).as(message).isTrue();
        assertThat(browser.get("/staff/desk", lan.cookie()).headers().firstValue("Location")).hasValue("/staff");
        assertThat(browser.login("login=lan&counter=1&pin=583920").statusCode()).isEqualTo(401);
        HttpResponse<String> temporary = browser.login("login=lan&counter=1&pin=" + m.group(1));
        assertThat(temporary.headers().firstValue("Location")).hasValue("/staff/pin");
    }

    @Test
    void theBranchCannotLockOutItsLastSupervisorNorASupervisorThemself() throws Exception {
        String pin = create(supervisorByConfig(), "ha", "Phạm Thu Hà", "SUPERVISOR");
        Staff ha = signInAndChoosePin("ha", "supervisor", pin, "583920");
        assertThat(browser.login("counter=supervisor&pin=" + StaffRig.SUPERVISOR_PIN).statusCode())
                .as("the shared supervisor PIN retired").isEqualTo(403);

        assertThat(act(ha, "account-disable", "ha")).contains("không thể tự khoá");
        assertThat(rig.accounts.find("ha").orElseThrow().disabled()).isFalse();
        String second = create(ha, "binh", "Đỗ Văn Bình", "SUPERVISOR");
        Staff binh = signInAndChoosePin("binh", "supervisor", second, "719264");
        act(binh, "account-disable", "ha");
        assertThat(act(binh, "account-disable", "binh")).contains("không thể tự khoá");
        assertThat(rig.accounts.hasActive(StaffRole.SUPERVISOR)).isTrue();
    }

    @Test
    void anUnknownNameAndAWrongPinGetTheSameAnswerAndCountTowardsTheLock() throws Exception {
        create(supervisorByConfig(), "lan", "Nguyễn Thị Lan", "CLERK");
        HttpResponse<String> unknown = browser.login("login=nobody&counter=1&pin=583920");
        HttpResponse<String> wrong = browser.login("login=lan&counter=1&pin=583920");
        assertThat(List.of(unknown.statusCode(), wrong.statusCode())).containsOnly(401);
        assertThat(unknown.body()).contains("Tên đăng nhập hoặc mã PIN không đúng");
        assertThat(wrong.body()).contains("Tên đăng nhập hoặc mã PIN không đúng");
        for (int i = 0; i < SignInThrottle.FREE_PER_CLIENT - 2; i++) {
            browser.login("login=lan&counter=1&pin=111111");
        }
        assertThat(browser.login("login=lan&counter=1&pin=222222").statusCode()).isEqualTo(429);
    }

    @Test
    void aNameIsShownEscapedOnTheSupervisorsPage() throws Exception {
        Staff supervisor = supervisorByConfig();
        create(supervisor, "mallory", "<script>alert(1)</script>", "CLERK");
        String page = browser.get("/staff/desk", supervisor.cookie()).body();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(create(supervisor, "Bad Name!", "X", "CLERK")).isNull();
        assertThat(rig.accounts.list()).extracting(a -> a.login()).containsExactly("mallory");
    }

    // ---- steps ---------------------------------------------------------------------------------------

    private Staff supervisorByConfig() throws Exception {
        return browser.signIn("supervisor", StaffRig.SUPERVISOR_PIN);
    }

    /** Creates an account from the supervisor's page; answers its temporary PIN (null when refused). */
    private String create(Staff supervisor, String login, String name, String role) throws Exception {
        browser.post("/staff/action", "action=account-create&login=" + enc(login) + "&name=" + enc(name) + "&role=" + role
                + "&csrf=" + supervisor.csrf(), supervisor.cookie());
        Matcher m = TEMPORARY_PIN.matcher(browser.get("/staff/desk", supervisor.cookie()).body());
        return m.find() ? m.group(1) : null;
    }

    private String act(Staff supervisor, String action, String login) throws Exception {
        browser.post("/staff/action", "action=" + action + "&login=" + login + "&csrf=" + supervisor.csrf(),
                supervisor.cookie());
        String page = browser.get("/staff/desk", supervisor.cookie()).body();
        Matcher m = Pattern.compile("id=\"message\">([^<]*)<").matcher(page);
        return m.find() ? m.group(1) : "";
    }

    private Staff signInAndChoosePin(String login, String counter, String temporary, String chosen) throws Exception {
        Staff s = browser.signInAs(login, counter, temporary);
        assertThat(changePin(s, temporary, chosen, chosen).statusCode()).isEqualTo(303);
        return s;
    }

    private HttpResponse<String> changePin(Staff s, String current, String next, String repeat) throws Exception {
        return browser.post("/staff/pin", "current=" + current + "&new=" + next + "&repeat=" + repeat + "&csrf=" + s.csrf(),
                s.cookie());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
