#!/usr/bin/env bash
# Builds the `dotnet tool` package of sec08 and installs it as a user would, from the package just built, into an
# empty tool path; then runs the installed `sec08` on the README's main command.
#
#   scripts/release/tool.sh        -> out/release/packages/sec08.<version>.nupkg
#
# The install is `dotnet tool install sec08 --add-source out/release/packages --tool-path <empty folder>`, which is
# what `dotnet tool install -g sec08 --add-source <folder>` does for the global tool path, without touching the
# machine's own tools. The tool is the framework-dependent build: it needs the .NET 10 runtime and runs on any
# operating system and processor .NET supports; the native binaries (publish-aot.sh) start faster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

VERSION="$(release_version)"
PACKAGES="$OUT/packages"

echo "packing sec08 $VERSION as a .NET tool ..." >&2
rm -f "$PACKAGES"/sec08.*.nupkg
dotnet pack "$ROOT/cli/Sec08Policy.Cli.csproj" -c Release -p:Version="$VERSION" --artifacts-path "$OUT/build-tool" -o "$PACKAGES" >"$OUT/pack.log" 2>&1 \
    || { tail -40 "$OUT/pack.log" >&2; exit 1; }
PACKAGE="$PACKAGES/sec08.$VERSION.nupkg"
[ -f "$PACKAGE" ] || { echo "dotnet pack did not write $PACKAGE" >&2; ls "$PACKAGES" >&2; exit 1; }

TOOLS="$(mktemp -d)"
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$TOOLS" "$HOME_DIR"' EXIT
echo "installing it into the empty tool path $TOOLS ..." >&2
# A fresh NuGet cache and configuration, so that the install can only come from the package just built.
export NUGET_PACKAGES="$HOME_DIR/nuget-packages"
cat >"$HOME_DIR/nuget.config" <<'CONFIG'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
  </packageSources>
</configuration>
CONFIG
dotnet tool install sec08 --version "$VERSION" --add-source "$PACKAGES" --configfile "$HOME_DIR/nuget.config" --tool-path "$TOOLS"

status=0
installed="$("$TOOLS/sec08" --version)"
echo "installed sec08 --version: $installed"
[[ "$installed" == "$VERSION"* ]] || { echo "FAIL: expected version $VERSION" >&2; status=1; }

set +e
(cd "$ROOT" && "$TOOLS/sec08" eval --policy policies --input examples) >"$TOOLS/eval.txt" 2>&1
exit_code=$?
set -e
summary="$(grep -E '^[0-9]+ resources, [0-9]+ rules:' "$TOOLS/eval.txt" || true)"
echo "installed sec08 eval --policy policies --input examples: exit $exit_code; $summary"
[ "$exit_code" -eq 1 ] && [ -n "$summary" ] || { echo "FAIL: expected exit 1 and the summary line" >&2; cat "$TOOLS/eval.txt" >&2; status=1; }

echo "$PACKAGE"
exit $status
