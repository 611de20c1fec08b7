#!/usr/bin/env bash
# Packs the native binary that publish-aot.sh left for RID into DIR as the release names it:
# sec08-<version>-<rid>.tar.gz (sec08-<version>-win-x64.zip on Windows), the executable at its root.
#
#   scripts/release/archive.sh RID DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RID="$1"
DIR="$2"
VERSION="$(release_version)"
SOURCE="$OUT/sec08-$RID"
[ -f "$SOURCE/$(exe_name "$RID")" ] || { echo "no binary for $RID in $SOURCE (run publish-aot.sh $RID)" >&2; exit 1; }
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
case "$RID" in
    win-*)
        archive="$DIR/sec08-$VERSION-$RID.zip"
        rm -f "$archive"
        (cd "$SOURCE" && powershell -NoProfile -Command "Compress-Archive -Path '$(exe_name "$RID")' -DestinationPath '$(cygpath -w "$archive" 2>/dev/null || echo "$archive")'")
        ;;
    *)
        archive="$DIR/sec08-$VERSION-$RID.tar.gz"
        tar -czf "$archive" -C "$SOURCE" "$(exe_name "$RID")"
        ;;
esac
echo "$archive"
