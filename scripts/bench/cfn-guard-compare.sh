#!/usr/bin/env bash
# sec08 against cfn-guard in one run (issue 15's "100x cfn-guard"): the same generated CloudFormation template (YAML),
# sec08 `eval` of policies/ with the JSON report, and the pinned cfn-guard (scripts/cfn-guard/install.sh) with the five
# encryption checks of scripts/bench/encryption.guard and `-o json` (its default output is far slower). For each size,
# RUNS runs of each tool, interleaved, under /usr/bin/time -v: median and range of wall time, CPU time (user + system)
# and maximum resident set size, with the load average before and after.
#
#   scripts/bench/cfn-guard-compare.sh [RUNS] [RESOURCES...]   (defaults: 5 runs; 10000 and 100000 resources)
#   SEC08_AOT=1 scripts/bench/cfn-guard-compare.sh              (sec08 as Native AOT, as for eval-100k.sh)
#   SEC08_BENCH_DIR=/tmp/x ...                                  (where builds, templates and reports go)
#   SEC08_CLI=out/release/sec08-linux-x64/sec08 ...             (an sec08 executable already built: no publish)
#
# cfn-guard at 100,000 resources needs about 6 GB of memory and minutes per run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUNS="${1:-5}"
shift || true
SIZES=("${@:-10000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
RULES="$ROOT/scripts/bench/encryption.guard"
REPORT="$WORK/compare-report.json"

need_time
GUARD="$("$ROOT/scripts/cfn-guard/install.sh")"
publish_cli
build_generator

machine
echo "sec08: $CLI_KIND"
echo "cfn-guard: $GUARD ($("$GUARD" --version 2>&1 | head -1))"

# median FILE COLUMN
median() {
    sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# summarize LABEL FILE: FILE holds one "wall cpu rss_mb" line per run.
summarize() {
    local label="$1" file="$2" col
    local out="$label:"
    for col in 1 2 3; do
        out+=$(sort -n -k"$col","$col" "$file" | awk -v c="$col" '{ v[NR] = $c } END {
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            name = c == 1 ? "wall" : c == 2 ? "CPU" : "max RSS"; unit = c == 3 ? " MB" : " s"; fmt = c == 3 ? "%.0f" : "%.2f"
            printf " %s median " fmt "%s (" fmt "-" fmt ");", name, m, unit, v[1], v[NR] }')
    done
    echo "$out $(wc -l <"$file") runs"
}

cd "$ROOT"
for size in "${SIZES[@]}"; do
    template="$WORK/compare-cfn-$size.yaml"
    "${GEN[@]}" --generate cfn "$size" "$template"
    echo
    echo "== $size resources: $template ($(stat -c %s "$template") bytes); load average before $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "sec08:     $CLI eval --policy policies --input $template --format json -o $REPORT --fail-on none"
    echo "cfn-guard: $GUARD validate -r $RULES -d $template -o json --show-summary none"
    : >"$WORK/compare-sec08.txt"
    : >"$WORK/compare-guard.txt"
    for run in $(seq 1 "$RUNS"); do
        timed "$CLI" eval --policy policies --input "$template" --format json -o "$REPORT" --fail-on none
        [ "$EXIT" -eq 0 ] || { echo "sec08 exited $EXIT" >&2; exit 1; }
        echo "$WALL $(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN { print u + s }') $RSS_MB" >>"$WORK/compare-sec08.txt"
        echo "run $run sec08: wall $WALL s, CPU $(tail -1 "$WORK/compare-sec08.txt" | cut -d' ' -f2) s, $RSS_MB MB"
        # Exit code 19: some rule failed, as the template means some to.
        timed "$GUARD" validate -r "$RULES" -d "$template" -o json --show-summary none >"$WORK/compare-guard.json"
        [ "$EXIT" -eq 0 ] || [ "$EXIT" -eq 19 ] || { echo "cfn-guard exited $EXIT" >&2; exit 1; }
        echo "$WALL $(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN { print u + s }') $RSS_MB" >>"$WORK/compare-guard.txt"
        echo "run $run cfn-guard: wall $WALL s, CPU $(tail -1 "$WORK/compare-guard.txt" | cut -d' ' -f2) s, $RSS_MB MB"
    done
    summarize "sec08" "$WORK/compare-sec08.txt"
    summarize "cfn-guard" "$WORK/compare-guard.txt"
    awk -v sw="$(median "$WORK/compare-sec08.txt" 1)" -v sc="$(median "$WORK/compare-sec08.txt" 2)" \
        -v gw="$(median "$WORK/compare-guard.txt" 1)" -v gc="$(median "$WORK/compare-guard.txt" 2)" \
        'BEGIN { printf "cfn-guard / sec08 (medians): wall %.1fx, CPU %.1fx (target: 100x)\n", gw / sw, gc / sc }'
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "$template" "$REPORT" "$WORK/compare-guard.json"
done
