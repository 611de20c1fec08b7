#!/usr/bin/env bash
# The HTML report of a generated 100,000-resource CloudFormation template against policies/: its size (target: under
# 20 MB), the time `eval --format html` takes, and how long headless Chromium takes to load it and run its script up
# to the first page of the table (`--dump-dom` returns once the page's load event has fired; the report's script runs
# before it), next to the same for an empty page, which is the browser's own start-up.
#
#   scripts/bench/html-100k.sh [RESOURCES] [RUNS]     (defaults 100000 and 3; needs /usr/bin/chromium)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RESOURCES="${1:-100000}"
RUNS="${2:-3}"
TEMPLATE="$WORK/template-cfn-$RESOURCES.yaml"
REPORT="$WORK/report-$RESOURCES.html"
BROWSER="${SEC08_CHROMIUM:-/usr/bin/chromium}"
FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync)

need_time
publish_cli
build_generator
"${GEN[@]}" --generate cfn "$RESOURCES" "$TEMPLATE"
machine
echo "cli: $CLI_KIND"
echo "command: $CLI eval --policy policies --input $TEMPLATE --format html -o $REPORT --fail-on none"
cd "$ROOT"
for run in $(seq 1 "$RUNS"); do
    timed "$CLI" eval --policy policies --input "$TEMPLATE" --format html -o "$REPORT" --fail-on none
    echo "eval run $run: exit $EXIT, wall $WALL s, max RSS $RSS_MB MB, report $(stat -c %s "$REPORT") bytes ($(awk -v b="$(stat -c %s "$REPORT")" 'BEGIN { printf "%.1f", b / 1048576 }') MB; target < 20 MB)"
done

empty="$WORK/empty.html"
echo '<!DOCTYPE html><html><body data-ready="true"></body></html>' >"$empty"
for run in $(seq 1 "$RUNS"); do
    timed "$BROWSER" "${FLAGS[@]}" --dump-dom "file://$empty"
    baseline=$WALL
    timed "$BROWSER" "${FLAGS[@]}" --dump-dom "file://$REPORT" >"$WORK/dom.html"
    rows=$(grep -o '<tr>' "$WORK/dom.html" | wc -l)
    ready=$(grep -c 'data-ready="true"' "$WORK/dom.html" || true)
    echo "browser run $run: report loaded and rendered in $WALL s (empty page $baseline s), max RSS $RSS_MB MB, script finished: $([ "$ready" -gt 0 ] && echo yes || echo NO), table rows $rows"
done

rm -f "$TEMPLATE" "$REPORT" "$empty" "$WORK/dom.html"
