# The checks on the installed packages, sourced by arm64-rootfs.sh with the root file system at
# $work/rootfs (bound /proc, /dev, /dev/pts). Every Lượt program runs inside it, on aarch64 under
# qemu-user, from the installed files (/usr/lib/luot/luot-run, /usr/share/luot/*/lib) as the user
# "luot"; this host only plays the outside world: the citizen's phone and the staff's browser (curl),
# the QR scanner's and the RS-485 bus's wires (socat pseudo-terminals) and an independent QR reader
# (zbarimg). The chroot shares the host's network: programs listen on loopback ports chosen here.
# shellcheck shell=bash

root=$work/rootfs
now=2026-11-23T08:40        # a Monday morning at the demo branch, on every program's clock
host_pids=()
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
kill_host_helpers() { local p; for p in "${host_pids[@]}"; do kill "$p" 2>/dev/null || true; done; return 0; }
trap 'rc=$?; kill_host_helpers; cleanup "$rc"' EXIT

# wait_for SECONDS WHAT COMMAND...: polls every second; qemu makes every JVM start slow.
wait_for() {
    local limit=$1 what=$2 t0
    shift 2
    t0=$(date +%s)
    until "$@" >/dev/null 2>&1; do
        if [ $(( $(date +%s) - t0 )) -ge "$limit" ]; then
            say "gave up after ${limit} s waiting for: $what"
            for log in "$root"/tmp/ci-*.log; do
                [ -f "$log" ] && { say "--- $(basename "$log") (last lines)"; tail -n 25 "$log"; }
            done
            die "$what"
        fi
        sleep 1
    done
    say "   ($what after $(( $(date +%s) - t0 )) s)"
}
# as_luot LOG COMMAND...: a program of the packages, started in the background as the service user.
as_luot() {
    local log=$1
    shift
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 ${LUOT_JAVA_OPTS:+LUOT_JAVA_OPTS="$LUOT_JAVA_OPTS"} \
        runuser -u luot -- "$@" >"$root/tmp/$log" 2>&1 &
}
# pty_pair NAME: two linked pseudo-terminals /tmp/NAME-a and /tmp/NAME-b inside the root file system.
pty_pair() {
    socat pty,raw,echo=0,link="$root/tmp/$1-a" pty,raw,echo=0,link="$root/tmp/$1-b" &
    host_pids+=($!)
    wait_for 10 "pty pair $1" test -e "$root/tmp/$1-b"
    chmod 666 "$(readlink -f "$root/tmp/$1-a")" "$(readlink -f "$root/tmp/$1-b")"
}
# toml_set FILE SECTION KEY VALUE: VALUE as written in TOML ("text", 42, true), on the key's own line.
toml_set() {
    python3 - "$@" <<'PY'
import re, sys
path, section, key, value = sys.argv[1:]
lines = open(path, encoding="utf-8").read().split("\n")
inside = section == ""
for i, line in enumerate(lines):
    s = line.strip()
    if s.startswith("["):
        inside = s == "[" + section + "]"
    elif inside and re.match(re.escape(key) + r"\s*=", s):
        lines[i] = key + " = " + value
        break
else:
    sys.exit("no key %s in [%s] of %s" % (key, section, path))
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

# --- install --------------------------------------------------------------------------------------
step "apt install the packages (dependencies from the mirror)"
mkdir -p "$root/tmp/debs"
mapfile -t wanted < <(release_debs)
cp "${wanted[@]}" "$root/tmp/debs/"
in_root apt-get install -y -qq --no-install-recommends $(for f in "${wanted[@]}"; do echo "/tmp/debs/$(basename "$f")"; done) \
    >"$work/install.log" 2>&1 || { tail -n 40 "$work/install.log"; die "apt install ${wanted[*]##*/}"; }
in_root dpkg-query -W -f '${Package} ${Version} ${Status}\n' 'luot-*' | sed 's/^/    /'
if [ "$release" = bookworm ]; then
    # Debian 12 has no labwc: apt must refuse luot-allinone for that reason and no other.
    cp "$debs"/luot-allinone_*.deb "$root/tmp/debs/"
    if in_root apt-get install -s "/tmp/debs/$(basename "$(ls "$debs"/luot-allinone_*.deb)")" >"$work/allinone.log" 2>&1 \
        || true; grep -q "labwc" "$work/allinone.log"; then
        say "   luot-allinone is not installable on bookworm, as documented: $(grep -m1 labwc "$work/allinone.log" | sed 's/^ *//')"
    else
        cat "$work/allinone.log"; die "luot-allinone on bookworm: expected apt to refuse it for labwc"
    fi
fi

step "the JVM luot-java finds, on aarch64"
java=$(in_root /usr/lib/luot/luot-java)
props=$(in_root "$java" -XshowSettings:properties -version 2>&1)
arch=$(echo "$props" | sed -n 's/^ *os.arch = //p')
jver=$(echo "$props" | sed -n 's/^ *java.specification.version = //p')
say "   $java: Java $jver on $arch"
[ "$arch" = aarch64 ] || die "the JVM runs on $arch, not aarch64"
[ "${jver:-0}" -ge 17 ] || die "Java $jver is older than 17"

# --- luot-doctor on the packaged templates ---------------------------------------------------------
step "luot-doctor on each packaged template"
# One run for the three (one JVM start under qemu instead of three); "== FILE" heads each part.
all=$(in_root luot-doctor --config /etc/luot/kiosk.toml --config /etc/luot/display.toml --config /etc/luot/server.toml 2>&1) \
    && status=0 || status=$?
[ "$status" = 1 ] || { echo "$all"; die "luot-doctor exit status $status, expected 1 (the templates have FAILs)"; }
for kind in kiosk display server; do
    out=$(echo "$all" | awk -v f="== /etc/luot/$kind.toml" '/^== / { inside = ($0 == f) } inside')
    echo "$out" | sed "s/^/    [$kind] /"
    echo "$out" | grep -q "^OK   config .*valid $kind config" || die "$kind.toml: the doctor does not find the template valid"
    if [ "$kind" != server ]; then
        # A production template, untouched: the demo branch, no token. Both must FAIL, and say so.
        echo "$out" | grep -q '^FAIL branch ' || die "$kind.toml: no FAIL for the demo branch in a production template"
        echo "$out" | grep -q '^FAIL token ' || die "$kind.toml: no FAIL for the empty token file"
        echo "$out" | grep -qE '^(OK|WARN) +(screen|output) ' || die "$kind.toml: no screen line"
        echo "$out" | grep -qE '^(OK|WARN|FAIL) +ntp ' || die "$kind.toml: no ntp line"
        echo "$out" | grep -qE '^(OK|WARN|FAIL) +storage ' || die "$kind.toml: no storage line"
    fi
done

# --- the central server, and a booking through its API ------------------------------------------
step "start luot-server from the installed files"
server_port=$(free_port)
as_luot ci-server.log /usr/lib/luot/luot-run server --demo --now "$now" --port "$server_port" --db /var/lib/luot/server/ci.db
wait_for 240 "the server answers /v1/branches" curl -sf "http://127.0.0.1:$server_port/v1/branches"

step "book through the server's API"
curl -sf "http://127.0.0.1:$server_port/v1/branches" >"$work/branches.json"
booking=$(python3 - "$work/branches.json" "$server_port" <<'PY'
import json, sys, urllib.request, urllib.error
branches = json.load(open(sys.argv[1]))["branches"][0]
port = sys.argv[2]
# The citizen signs in first: the demo identity provider of a --demo server hands out the signed credential
# that a city's identity provider (VNeID) would; a booking without one is refused.
ask = urllib.request.Request("http://127.0.0.1:%s/v1/demo/credentials" % port, json.dumps(
    {"citizenId": "001099012345", "fullName": "Công dân thử arm64", "birthDate": "1990-05-17"}).encode(),
    {"Content-Type": "application/json"})
credential = json.load(urllib.request.urlopen(ask, timeout=60))["credential"]
boarded = {1, 2, 3, 4, 5}            # the counters the display's config gives an LED board
for field in [f["code"] for f in branches["fields"]]:
    counters = [c["number"] for c in branches["counters"] if field in c["fields"] and c["number"] in boarded]
    if not counters:
        continue
    for slot in ("09:00", "08:30"):  # check-in opens 30 minutes before the slot; the clock says 08:40
        body = {"citizenId": "001099012345", "fullName": "Công dân thử arm64", "birthDate": "1990-05-17",
                "branchId": branches["id"], "date": "2026-11-23", "slot": slot, "field": field, "purpose": "SUBMIT"}
        req = urllib.request.Request("http://127.0.0.1:%s/v1/bookings" % port, json.dumps(body).encode(),
                                     {"Content-Type": "application/json", "Authorization": "Bearer " + credential})
        try:
            b = json.load(urllib.request.urlopen(req, timeout=60))
        except urllib.error.HTTPError as e:
            continue
        print(b["label"], b["number"], counters[0], b["qr"])
        sys.exit(0)
sys.exit("no booking accepted")
PY
) || die "booking through the API"
read -r label number counter qr <<<"$booking"
say "   booked $label (counter $counter), QR ${qr:0:24}…"

# --- the display device and hub, its LED bus on a pty pair ---------------------------------------
step "start luot-display headless from the installed files, LED boards on a pty"
hub_port=$(free_port)
pty_pair rs485
jar_file() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$@"; }
jar_file "$(ls "$root"/usr/share/luot/display/lib/display-app-*.jar)" demo-display.toml >"$root/etc/luot/ci-display.toml"
toml_set "$root/etc/luot/ci-display.toml" "" data_dir '"/var/lib/luot/display"'
toml_set "$root/etc/luot/ci-display.toml" hub port "$hub_port"
toml_set "$root/etc/luot/ci-display.toml" hub bind '"127.0.0.1"'
toml_set "$root/etc/luot/ci-display.toml" upstream url "\"http://127.0.0.1:$server_port\""
toml_set "$root/etc/luot/ci-display.toml" boards simulated false
toml_set "$root/etc/luot/ci-display.toml" boards port '"/tmp/rs485-a"'
toml_set "$root/etc/luot/ci-display.toml" voice wav_dir '"/var/lib/luot/display/announcements"'
boards=$(python3 - "$root/etc/luot/ci-display.toml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(" ".join("--board %s:%s" % (a, p) for a, p in re.findall(r'address\s*=\s*(\d+),\s*(?:profile|protocol)\s*=\s*"([a-z0-9-]+)"', text)))
PY
)
# The boards: the display package's own simulator on the other end of the bus, as a separate process.
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$java" -Xmx96m -cp '/usr/share/luot/display/lib/*' \
    vn.luot.display.simulator.SimulatedBoardsMain --pty /tmp/rs485-b $boards >"$root/tmp/ci-boards.log" 2>&1 &
LUOT_JAVA_OPTS="-Xmx256m -Djava.awt.headless=true" \
    as_luot ci-display.log /usr/lib/luot/luot-run display --config /etc/luot/ci-display.toml --headless --now "$now"
wait_for 300 "the hub's waiting page" curl -sf "http://127.0.0.1:$hub_port/t/"

# --- the kiosk, headless on Monocle, scanner on a pty, virtual printer -------------------------------
step "start luot-kiosk headless (JavaFX on Monocle) from the installed files"
pty_pair scan
jar_file "$(ls "$root"/usr/share/luot/kiosk/lib/kiosk-app-*.jar)" demo-kiosk.toml >"$root/etc/luot/ci-kiosk.toml"
toml_set "$root/etc/luot/ci-kiosk.toml" "" data_dir '"/var/lib/luot/kiosk"'
toml_set "$root/etc/luot/ci-kiosk.toml" upstream url "\"http://127.0.0.1:$hub_port\""
toml_set "$root/etc/luot/ci-kiosk.toml" printer tickets_dir '"/var/lib/luot/kiosk/tickets"'
toml_set "$root/etc/luot/ci-kiosk.toml" scanner kind '"serial"'
toml_set "$root/etc/luot/ci-kiosk.toml" scanner port '"/tmp/scan-a"'
# Every ticket's QR links to the hub's status page with a token signed by the branch's ticket key, which the
# hub created in its data_dir: the kiosk shares that file.
toml_set "$root/etc/luot/ci-kiosk.toml" "" status_url_base "\"http://127.0.0.1:$hub_port/t/\""
toml_set "$root/etc/luot/ci-kiosk.toml" "" ticket_key_file '"/var/lib/luot/display/ticket.key"'
LUOT_JAVA_OPTS="-Xmx256m -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1920x1920-32" \
    as_luot ci-kiosk.log /usr/lib/luot/luot-run kiosk --config /etc/luot/ci-kiosk.toml --now "$now"
wait_for 300 "the kiosk runs" grep -q "running" "$root/tmp/ci-kiosk.log"

step "check in the booking at the kiosk: scan, print, decode the ticket, read its QR back"
tickets=$root/var/lib/luot/kiosk/tickets
printed() { grep -lq -- "$label" "$tickets"/ticket-*.txt 2>/dev/null; }
scan_until_printed() {
    printed && return 0
    # The kiosk verifies the code with keys it gets from the hub: scan again until it has them.
    printf '%s\r' "$qr" >"$root/tmp/scan-b"
    sleep 4
    printed
}
wait_for 240 "a ticket with $label" scan_until_printed
ticket=$(grep -l -- "$label" "$tickets"/ticket-*.txt | head -n 1)
sed 's/^/    | /' "$ticket"
png=${ticket%.txt}.png
read_back=$(zbarimg --quiet --raw "$png" 2>/dev/null) || die "zbarimg found no QR code on $png"
# The ticket no longer prints the booking's code: its one QR is the ticket's status link on the hub.
case "$read_back" in
    "http://127.0.0.1:$hub_port/t/"?*) ;;
    *) die "the ticket's QR reads '$read_back', not a status link of the hub" ;;
esac
[ "$read_back" != "$qr" ] || die "the ticket still prints the booking's code"
curl -sf "$read_back" | grep -q -- "$label" || die "the ticket's status link $read_back does not show $label"
say "   zbarimg reads the ticket's status link back from $(basename "$png"), and the hub's page shows $label"

# --- a call from the staff page, seen on the TV model and the LED board -----------------------------
step "call $label from the staff page of counter $counter; the TV model and the LED board show it"
jar=$work/staff.cookies
hub=http://127.0.0.1:$hub_port
# The sign-in form carries a CSRF token matched against a cookie set with the form: open the form first.
login_csrf=$(curl -sf -c "$jar" -b "$jar" "$hub/staff" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$login_csrf" ] || die "the staff sign-in form has no CSRF token"
curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -H "Origin: $hub" -H "Referer: $hub/staff" \
    -d "csrf=$login_csrf" -d "counter=$counter" -d "pin=$(printf '10%02d' "$counter")" "$hub/staff/login" | grep -q 30 \
    || die "staff sign-in of counter $counter refused"
called_on_tv() { curl -sf "$hub/t/" | grep -q -- "$label"; }
call_next() {
    called_on_tv && return 0
    csrf=$(curl -sf -b "$jar" "$hub/staff/desk" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    [ -n "$csrf" ] || return 1
    curl -s -b "$jar" -o /dev/null -H "Origin: $hub" -H "Referer: $hub/staff/desk" \
        -d "csrf=$csrf" -d action=next "$hub/staff/action"
    sleep 2
    called_on_tv
}
wait_for 180 "$label on the waiting page (the TV board's model)" call_next
digits=$(printf '%d' "$number")
# The simulator's lines: "[  5 luot      ] 0012     ...", address first (the demo boards' address is their counter).
board_text() { grep -E "^\[ *$counter " "$root/tmp/ci-boards.log" | tail -n 1 | sed -E 's/^\[[^]]*\] *([^ ]*).*/\1/'; }
board_shows() { board_text | grep -qE "^[^0-9]*0*$digits$"; }
wait_for 120 "LED board $counter shows $digits" board_shows
say "   board: $(grep -E "^\[ *$counter " "$root/tmp/ci-boards.log" | tail -n 1)"

# --- the all-in-one session's unit, with the release's real labwc ------------------------------------
if [ "$release" != bookworm ]; then
    step "luot-allinone: labwc from $release, systemd-analyze verify of its units"
    in_root test -x /usr/bin/labwc || die "labwc is not installed"
    in_root systemd-analyze verify --man=no /lib/systemd/system/luot-session.service \
        /lib/systemd/system/luot-kiosk.service /lib/systemd/system/luot-display.service >"$work/verify.log" 2>&1 \
        || { cat "$work/verify.log"; die "systemd-analyze verify"; }
    grep -v -e '^$' "$work/verify.log" | sed 's/^/    /' || true
fi
