#!/bin/sh
# Debian's per-package documents, made at `package` time into OUT (jdeb only copies files):
#   OUT/PKG/copyright, OUT/PKG/changelog.gz, OUT/luot-doctor.1.gz
# gzip -9n: lintian wants the best compression and no time stamp in the header (reproducible).
#   build-docs.sh OUT DEB_VERSION MAINTAINER
set -eu

out=$1
# jdeb's [[version]]: 0.1.0-SNAPSHOT -> 0.1.0~snapshot (PackagesIT checks that both agree).
version=$(echo "$2" | sed "s/-/~/" | tr "[:upper:]" "[:lower:]")
maintainer=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
for pkg in luot-common luot-kiosk luot-display luot-server luot-allinone; do
    mkdir -p "$out/$pkg"
    cp "$here/copyright" "$out/$pkg/copyright"
    sed -e "s|@VERSION@|$version|" -e "s|@MAINTAINER@|$maintainer|" "$here/changelog.in" | gzip -9n >"$out/$pkg/changelog.gz"
done
gzip -9n <"$here/luot-doctor.1" >"$out/luot-doctor.1.gz"
