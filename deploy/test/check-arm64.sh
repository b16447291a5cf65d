#!/usr/bin/env bash
# Full tier of ./luot test: the packages installed and run in arm64 Debian root file systems of both
# releases Raspberry Pi OS is based on (bookworm, trixie), after the build made the .debs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for release in bookworm trixie; do
    started=$(date +%s)
    "$here/arm64-rootfs.sh" "$release"
    echo "arm64 $release: passed in $(( $(date +%s) - started )) s" >&2
done
