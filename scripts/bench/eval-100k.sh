#!/usr/bin/env bash
# Whole process: `sec08 eval` of a generated 100,000-resource CloudFormation template (YAML, or another input kind)
# against policies/, JSON report to a file, three runs under /usr/bin/time -v; prints wall time and maximum resident
# set size. Targets (product brief): under 3 s and under 500 MB.
#
#   scripts/bench/eval-100k.sh [RESOURCES] [RUNS] [KIND] (defaults 100000, 3 and cfn; KIND as for --generate:
#                                                         cfn, cfn-json, cfn-catalogue, terraform, terraform-pretty,
#                                                         config, inventory; cfn-catalogue mixes every catalogue type)
#   SEC08_AOT=1 scripts/bench/eval-100k.sh               (try a Native AOT publish first; SEC08_AOT=force: see common.sh)
#   SEC08_BENCH_DIR=/tmp/x scripts/bench/eval-100k.sh    (where builds, the template and reports go; default /tmp/sec08-bench)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RESOURCES="${1:-100000}"
RUNS="${2:-3}"
KIND="${3:-cfn}"
case "$KIND" in cfn|cfn-catalogue) EXT=yaml ;; *) EXT=json ;; esac
TEMPLATE="$WORK/template-$KIND-$RESOURCES.$EXT"
REPORT="$WORK/eval-report.json"

need_time
publish_cli
build_generator
"${GEN[@]}" --generate "$KIND" "$RESOURCES" "$TEMPLATE"

machine
echo "cli: $CLI_KIND"
echo "input: $TEMPLATE ($KIND, $(stat -c %s "$TEMPLATE") bytes, $RESOURCES resources)"
echo "command: /usr/bin/time -v $CLI eval --policy policies --input $TEMPLATE --format json -o $REPORT --fail-on none"
# Bytes of the JSON report per listed finding (fail, unknown, waived and pass; target: at most 100). The counts are in
# the report's summary, which sec08-eval/2 writes last.
per_finding() {
    local findings
    findings=$(tail -c 4096 "$1" 2>/dev/null | awk -F': ' '/^    "(fail|unknown|waived|pass)":/ { gsub(/[ ,]/, "", $2); n += $2 } END { print n + 0 }')
    awk -v b="$(stat -c %s "$1" 2>/dev/null || echo 0)" -v n="$findings" 'BEGIN { if (n > 0) printf "%d findings, %.1f bytes per finding (target <= 100: %s)", n, b / n, (b / n <= 100 ? "met" : "MISSED"); else printf "no findings counted" }'
}

status=0
cd "$ROOT"
for run in $(seq 1 "$RUNS"); do
    rm -f "$REPORT"
    timed "$CLI" eval --policy policies --input "$TEMPLATE" --format json -o "$REPORT" --fail-on none
    verdict="wall $WALL s (target < 3 s: $(awk -v w="$WALL" 'BEGIN { print (w < 3 ? "met" : "MISSED") }')), max RSS $RSS_MB MB (target < 500 MB: $([ "$RSS_MB" -lt 500 ] && echo met || echo MISSED))"
    echo "run $run: exit $EXIT, $verdict, user $USER_S s, sys $SYS_S s, report $(stat -c %s "$REPORT" 2>/dev/null || echo 0) bytes, $(per_finding "$REPORT")"
    [ "$EXIT" -eq 0 ] || status=1
done

rm -f "$TEMPLATE" "$REPORT"
exit $status
