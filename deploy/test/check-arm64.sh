#!/usr/bin/env bash
# Full tier of ./luot test: the packages installed and run in arm64 Debian root file systems of both
# releases Raspberry Pi OS is based on (bookworm, trixie).
#
#   deploy/test/check-arm64.sh [DEBS_DIR]     DEBS_DIR defaults to deploy/target/debs
#
# The two releases run at once, each in its own root file system and log (qemu runs one release's
# maintainer scripts on one core); their logs follow, one after the other.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
debs=${1:-$here/../target/debs}
logs=$(mktemp -d)
trap 'for p in $(jobs -p); do kill -TERM "$p" 2>/dev/null || true; done; wait || true; rm -rf "$logs"' EXIT
pids=()
for release in bookworm trixie; do
    ( started=$(date +%s)
      "$here/arm64-rootfs.sh" "$release" "$debs"
      echo "arm64 $release: passed in $(( $(date +%s) - started )) s" ) >"$logs/$release.log" 2>&1 &
    pids+=("$!")
done
failed=""
i=0
for release in bookworm trixie; do
    if ! wait "${pids[$i]}"; then
        failed="$failed $release"
    fi
    cat "$logs/$release.log"
    i=$((i + 1))
done
pids=()
[ -z "$failed" ] || { echo "arm64: FAILED on$failed" >&2; exit 1; }
