#!/usr/bin/env bash
# Builds the Native AOT single-file binary of sec08 for this machine, from a clean clone.
#
#   scripts/release/publish-aot.sh            -> out/release/sec08-<rid>/sec08 (sec08.exe on Windows)
#   SEC08_VERSION=1.2.3 scripts/release/publish-aot.sh
#
# Native AOT compiles for the operating system it runs on (no cross-OS builds): run it on each target's machine.
# On Linux it needs a C toolchain and zlib's headers; on Debian and Ubuntu they are installed here when missing
# (clang, zlib1g-dev). macOS needs the Xcode command line tools, Windows the Visual Studio C++ build tools (both are
# on GitHub's hosted runners). Trim and AOT warnings are errors (Directory.Build.props), so a binary that could
# behave differently from the framework-dependent build is never produced.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RID="${1:-$(host_rid)}"
VERSION="$(release_version)"
DEST="$OUT/sec08-$RID"

if [[ "$RID" == linux-* ]]; then
    missing=()
    command -v clang >/dev/null || missing+=(clang)
    [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
fi

command -v dotnet >/dev/null || { echo "the .NET SDK named in global.json is needed: https://dot.net" >&2; exit 1; }

EXE="$(exe_name "$RID")"
# The binary replaces only an earlier binary: a link, a file or a folder of another kind where it goes is refused
# before anything is built.
refuse() { echo "$1 exists and is not $2: not replaced" >&2; exit 1; }
if [ -L "$DEST" ] || { [ -e "$DEST" ] && [ ! -d "$DEST" ]; }; then refuse "$DEST" "a folder"; fi
if [ -L "$DEST/$EXE" ] || { [ -e "$DEST/$EXE" ] && [ ! -f "$DEST/$EXE" ]; }; then refuse "$DEST/$EXE" "a regular file"; fi

echo "publishing sec08 $VERSION for $RID (Native AOT) ..." >&2
log="$OUT/publish-aot-$RID.log"
if ! dotnet publish "$ROOT/cli/Sec08Policy.Cli.csproj" -c Release -r "$RID" -p:PublishAot=true -p:Version="$VERSION" \
    --artifacts-path "$OUT/build-aot-$RID" -o "$OUT/publish-aot-$RID" >"$log" 2>&1; then
    grep -E "error|warning" "$log" >&2 || tail -40 "$log" >&2
    echo "Native AOT publish for $RID failed (full log: $log)" >&2
    exit 1
fi

# Only the executable ships: the symbols (.dbg, .pdb) and XML documentation stay in the publish folder. It replaces
# the earlier binary in one rename, so a failed publish leaves the folder as it was and nothing half-written.
mkdir -p "$DEST"
cp "$OUT/publish-aot-$RID/$EXE" "$DEST/.$EXE.new"
mv -f "$DEST/.$EXE.new" "$DEST/$EXE"
echo "$DEST/$EXE"
