#!/usr/bin/env bash
# The Lượt packages on arm64, proven in an emulated Debian root file system (qemu-user), not assumed.
#
#   sudo deploy/test/arm64-rootfs.sh RELEASE [DEBS_DIR]      RELEASE: bookworm | trixie
#   sudo deploy/test/arm64-rootfs.sh --prepare RELEASE        only build/cache the root file system
#
# DEBS_DIR defaults to deploy/target/debs (./mvnw -B -DskipTests -pl deploy -am package builds them).
# Needs root and the Debian packages debootstrap, qemu-user-static, binfmt-support (and zbar-tools on
# the host for the QR read-back). These are plain Debian root file systems (Raspberry Pi OS's base),
# NOT Raspberry Pi OS: its own archive is not reachable from CI. What this proves and what it does not:
# hardware-docs/installation.md, "Tested on arm64".
#
# Cache (LUOT_CI_CACHE, default /var/cache/luot-ci): one tar per release and ISO week of the bare
# debootstrap (minbase) root file system, and one per release, week and dependency list with the
# packages' Debian dependencies already unpacked (apt still resolves the .debs against the mirror).
# Older tars of the same release are deleted when a new one is made.
set -euo pipefail

prepare_only=""
if [ "${1:-}" = --prepare ]; then
    prepare_only=1
    shift
fi
release=${1:?usage: arm64-rootfs.sh [--prepare] bookworm|trixie [DEBS_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
debs=${2:-$repo/deploy/target/debs}
cache=${LUOT_CI_CACHE:-/var/cache/luot-ci}
week=$(date -u +%G-W%V)
work=""
t_all=$(date +%s)

say() { printf '[arm64 %s] %s\n' "$release" "$*"; }
die() { say "FAILED: $*"; exit 1; }

# --- timing: every step prints how long it took ----------------------------------------------------
step_name=""
step_t0=0
step() {
    step_end
    step_name=$1
    step_t0=$(date +%s)
    say "-> $step_name"
}
step_end() {
    if [ -n "$step_name" ]; then
        say "   $step_name: $(( $(date +%s) - step_t0 )) s"
    fi
    step_name=""
}

# --- mounts: never delete a root file system while /dev or /proc is bound into it -----------------
mounts_below() { awk -v d="$1" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r; }
unmount_all() {
    local dir=$1 m
    for m in $(mounts_below "$dir"); do
        umount "$m" 2>/dev/null || umount -l "$m" || true
    done
}
remove_rootfs() {
    local dir=$1
    [ -n "$dir" ] && [ -d "$dir" ] || return 0
    unmount_all "$dir"
    if [ -n "$(mounts_below "$dir")" ]; then
        say "NOT deleting $dir: still mounted: $(mounts_below "$dir" | tr '\n' ' ')"
        return 1
    fi
    rm -rf --one-file-system "$dir"
}
# cleanup [STATUS]: the exit status to keep (a trap that ran other commands first passes it on).
cleanup() {
    local rc=${1:-$?}
    set +e
    step_end
    # Programs started inside the root file system (server, display, kiosk, socat) end with it.
    if [ -n "$work" ] && [ -d "$work" ]; then
        for p in /proc/[0-9]*; do
            if [ "$(readlink "$p/root" 2>/dev/null)" = "$work/rootfs" ]; then
                kill "${p#/proc/}" 2>/dev/null || true
            fi
        done
        sleep 1
        remove_rootfs "$work/rootfs" || rc=1
        rm -rf --one-file-system "$work"
    fi
    say "total: $(( $(date +%s) - t_all )) s (exit $rc)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bind_host() {
    local root=$1
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    mkdir -p "$root/dev/shm"
    mount -t tmpfs -o size=256m tmpfs "$root/dev/shm" 2>/dev/null || true
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
}
in_root() { chroot "$work/rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root DEBIAN_FRONTEND=noninteractive "$@"; }

# --- the emulator ------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "run as root (debootstrap, chroot and mounts need it)"
for tool in debootstrap qemu-aarch64-static update-binfmts; do
    command -v "$tool" >/dev/null || die "$tool is missing: apt-get install debootstrap qemu-user-static binfmt-support"
done
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null || die "qemu-aarch64 is not registered with binfmt_misc"

# --- the mirror apt already uses (deb822 .sources first, then sources.list) -----------------------
mirror() {
    local uri
    uri=$(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -v -e security -e '^cdrom' | grep '/debian/\?$' | head -n 1 || true)
    if [ -z "$uri" ]; then
        uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; break } }' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | grep '/debian/\?$' | head -n 1 || true)
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}
MIRROR=$(mirror)

# --- the root file systems, cached -----------------------------------------------------------------
mkdir -p "$cache"
work=$(mktemp -d /var/tmp/luot-arm64-"$release".XXXXXX)
chmod 755 "$work"
base_tar=$cache/rootfs-$release-arm64-minbase-$week.tar
# An older week's root file system still serves (apt-get update below brings the package lists up to date):
# a CI run that found only last week's cache must not pay for a cold debootstrap inside its time limit.
# A new one is made with --prepare, or when there is none at all.
if [ ! -s "$base_tar" ] && [ -z "$prepare_only" ]; then
    older=$(ls -t "$cache"/rootfs-"$release"-arm64-minbase-*.tar 2>/dev/null | head -n 1 || true)
    [ -n "$older" ] && base_tar=$older
fi

if [ ! -s "$base_tar" ]; then
    step "debootstrap $release arm64 minbase from $MIRROR (cold cache)"
    debootstrap --arch=arm64 --variant=minbase --include=ca-certificates "$release" "$work/rootfs" "$MIRROR" \
        >"$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log"; die "debootstrap"; }
    rm -f "$work/rootfs/var/cache/apt/archives/"*.deb
    tar -C "$work/rootfs" -cf "$base_tar.part" . && mv "$base_tar.part" "$base_tar"
    find "$cache" -name "rootfs-$release-arm64-minbase-*.tar" ! -name "$(basename "$base_tar")" -delete
    remove_rootfs "$work/rootfs"
fi

# The packages this release can take: luot-allinone needs labwc, which Debian has from trixie on
# (bookworm: see hardware-docs/installation.md, "Releases").
release_debs() {
    ls "$debs"/luot-common_*.deb "$debs"/luot-server_*.deb "$debs"/luot-kiosk_*.deb "$debs"/luot-display_*.deb
    if [ "$release" != bookworm ]; then
        ls "$debs"/luot-allinone_*.deb
    fi
}
# Their Debian dependencies (everything but luot-*), for the second cache layer. A package whose
# Depends change gets a fresh layer; apt still checks every dependency against the mirror.
deps_of_debs() {
    local f
    for f in $(release_debs); do
        dpkg-deb -f "$f" Depends
    done | tr ',' '\n' | sed 's/([^)]*)//g; s/^ *//; s/ *$//' | grep -v '^luot-' | sort -u
}
if ! ls "$debs"/luot-common_*.deb >/dev/null 2>&1; then
    [ -n "$prepare_only" ] && { say "prepared $base_tar (no packages in $debs yet)"; exit 0; }
    die "no packages in $debs: build them first (./mvnw -B -DskipTests -pl deploy -am package)"
fi
deps_key=$( { echo "$release"; deps_of_debs; } | sha256sum | cut -c1-12)
deps_tar=$cache/rootfs-$release-arm64-deps-$week-$deps_key.tar

# A layer made for other .debs (or an older week, outside --prepare) still saves most of the work: apt adds
# what changed.
if [ ! -s "$deps_tar" ]; then
    if [ -n "$prepare_only" ]; then
        newest=$(ls -t "$cache"/rootfs-"$release"-arm64-deps-"$week"-*.tar 2>/dev/null | head -n 1 || true)
    else
        newest=$(ls -t "$cache"/rootfs-"$release"-arm64-deps-*.tar 2>/dev/null | head -n 1 || true)
    fi
    [ -n "$newest" ] && deps_tar=$newest
fi
step "unpack the cached root file system"
mkdir -p "$work/rootfs"
if [ -s "$deps_tar" ]; then
    say "   layer $(basename "$deps_tar")"
    tar -C "$work/rootfs" -xf "$deps_tar"
else
    tar -C "$work/rootfs" -xf "$base_tar"
fi
chmod 755 "$work/rootfs"
bind_host "$work/rootfs"
# Nothing may start services inside the root file system (there is no systemd running in it).
printf '#!/bin/sh\nexit 101\n' >"$work/rootfs/usr/sbin/policy-rc.d"
chmod 755 "$work/rootfs/usr/sbin/policy-rc.d"

step "apt-get update (mirror $MIRROR)"
in_root apt-get update -qq >"$work/apt-update.log" 2>&1 || { tail "$work/apt-update.log"; die "apt-get update"; }

if [ ! -s "$deps_tar" ]; then
    step "install the packages' dependencies from the mirror (cold cache layer)"
    # apt-get satisfy picks among "a | b" and virtual packages (java17-runtime-headless) as it would
    # for the .debs themselves. socat: the kiosk's serial scanner and the LED bus on pseudo-terminals
    # in the checks below; curl: their HTTP calls.
    in_root apt-get satisfy -y -qq --no-install-recommends "$(deps_of_debs | paste -sd, -), socat, curl" >"$work/deps.log" 2>&1 \
        || { tail -n 40 "$work/deps.log"; die "installing the dependencies"; }
    # The package lists stay in the layer: the next apt-get update only checks they are current.
    in_root apt-get clean
    step "cache the dependency layer"
    unmount_all "$work/rootfs"
    tar -C "$work/rootfs" --exclude=./proc/* --exclude=./dev/* -cf "$deps_tar.part" . && mv "$deps_tar.part" "$deps_tar"
    find "$cache" -name "rootfs-$release-arm64-deps-*.tar" ! -name "$(basename "$deps_tar")" -delete
    bind_host "$work/rootfs"
fi
[ -n "$prepare_only" ] && { step_end; say "prepared $deps_tar"; exit 0; }

# The checks on the installed packages: deploy/test/arm64-checks.sh, run with this root file system.
export release work debs MIRROR repo
. "$here/arm64-checks.sh"
step_end
say "PASSED"
