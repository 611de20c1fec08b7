#!/usr/bin/env bash
# Whole process: `sec08 eval` of a generated 100,000-resource CloudFormation template (YAML, or another input kind)
# against policies/, JSON report to a file, three runs under /usr/bin/time -v; prints wall time, CPU time and maximum
# resident set size. Side by side, the parse floor of the same file: one bare Utf8JsonReader pass (JSON) or one line
# scan (YAML, no YamlDotNet), timed in process (--parse-floor of the benchmark project), three runs.
# Targets: product brief, under 3 s and under 500 MB; issue 15 (Native AOT), at most 1.3 s, 300 MB, and 3x the floor.
#
#   scripts/bench/eval-100k.sh [RESOURCES] [RUNS] [KIND] (defaults 100000, 3 and cfn; KIND as for --generate:
#                                                         cfn, cfn-json, cfn-catalogue, terraform, terraform-pretty,
#                                                         config, inventory; cfn-catalogue mixes every catalogue type)
#   SEC08_AOT=1 scripts/bench/eval-100k.sh               (try a Native AOT publish first; SEC08_AOT=force: see common.sh)
#   SEC08_CLI=out/release/sec08-linux-x64/sec08 scripts/bench/eval-100k.sh   (an executable already built: no publish)
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

# The floor: CPU of reading the file and scanning it once, in process (start-up and JIT not counted).
FLOOR_CPU=""
for run in $(seq 1 "$RUNS"); do
    floor=$("${GEN[@]}" --parse-floor "$TEMPLATE")
    echo "floor run $run: $floor"
    cpu=$(echo "$floor" | sed -n 's/.*read + scan \([0-9.]*\) s CPU.*/\1/p')
    FLOOR_CPU=$(awk -v a="$FLOOR_CPU" -v b="$cpu" 'BEGIN { if (a == "" || b < a) print b; else print a }')
done
echo "parse floor: $FLOOR_CPU s CPU (best of $RUNS)"

status=0
cd "$ROOT"
for run in $(seq 1 "$RUNS"); do
    rm -f "$REPORT"
    timed "$CLI" eval --policy policies --input "$TEMPLATE" --format json -o "$REPORT" --fail-on none
    verdict="wall $WALL s (target <= 1.3 s: $(awk -v w="$WALL" 'BEGIN { print (w <= 1.3 ? "met" : "MISSED") }')), max RSS $RSS_MB MB (target <= 300 MB: $([ "$RSS_MB" -le 300 ] && echo met || echo MISSED))"
    cpu=$(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN { printf "%.2f", u + s }')
    floor=$(awk -v c="$cpu" -v f="$FLOOR_CPU" 'BEGIN { if (f > 0) printf "%.1fx the parse floor (target <= 3x: %s)", c / f, (c / f <= 3 ? "met" : "MISSED") }')
    echo "run $run: exit $EXIT, $verdict, user $USER_S s, sys $SYS_S s, CPU $cpu s, $floor, report $(stat -c %s "$REPORT" 2>/dev/null || echo 0) bytes, $(per_finding "$REPORT")"
    [ "$EXIT" -eq 0 ] || status=1
done

rm -f "$TEMPLATE" "$REPORT"
exit $status
