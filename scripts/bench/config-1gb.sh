#!/usr/bin/env bash
# Whole process: `sec08 inspect` of a generated AWS Config snapshot (API form, one line, as Config writes it) of
# about 1 GB, and of smaller ones to show how memory scales. Each snapshot is written streamed to $WORK (the
# generator never holds it in memory), inspected under /usr/bin/time -v (wall time, maximum resident set size),
# then deleted. inspect's output (one line per resource) goes to a file, of which only the summary line is kept.
# Then `sec08 eval` of the same snapshot against policies/ with the JSON report to a file, also timed (issue 15:
# peak memory under 300 MB whatever the snapshot's size).
#
#   scripts/bench/config-1gb.sh [SIZE...]          (default: 250MB 1GB; sizes in MB or GB)
#   SEC08_BENCH_DIR=/tmp/x scripts/bench/config-1gb.sh 1GB
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(250MB 1GB)
SNAPSHOT=""
OUTPUT="$WORK/inspect-output.txt"
REPORT="$WORK/config-eval-report.json"
trap 'rm -f "$SNAPSHOT" "$OUTPUT" "$REPORT"' EXIT

need_time
publish_cli
build_generator

machine
echo "cli: $CLI_KIND"
for size in "${SIZES[@]}"; do
    SNAPSHOT="$WORK/config-snapshot-$size.json"
    timed "${GEN[@]}" --generate config "$size" "$SNAPSHOT"
    bytes=$(stat -c %s "$SNAPSHOT")
    echo "generated $SNAPSHOT: $bytes bytes in $WALL s, generator max RSS $RSS_MB MB (streamed write)"
    # Above the default limit of 2 GB per input (e.g. 4GB), both commands are told to read the whole file.
    LIMIT=()
    [ "$bytes" -le 2000000000 ] || LIMIT=(--max-input-size "$bytes")
    echo "command: /usr/bin/time -v $CLI inspect $SNAPSHOT ${LIMIT[*]} > $OUTPUT"
    timed sh -c 'out=$1; shift; "$0" inspect "$@" > "$out"' "$CLI" "$OUTPUT" "$SNAPSHOT" "${LIMIT[@]}"
    summary=$(head -1 "$OUTPUT")
    resources=$(echo "$summary" | sed -n 's/.*, \([0-9]*\) resources$/\1/p')
    echo "$size: exit $EXIT; $summary"
    echo "$size: wall $WALL s (user $USER_S s, sys $SYS_S s), max RSS $RSS_MB MB, $(awk -v b="$bytes" -v w="$WALL" 'BEGIN { printf "%.1f MB/s", b / 1048576 / w }'), $(awk -v r="$RSS_MB" -v n="${resources:-0}" 'BEGIN { if (n > 0) printf "%.2f KB of peak RSS per resource", r * 1024 / n }')"
    echo "command: /usr/bin/time -v $CLI eval --policy policies --input $SNAPSHOT ${LIMIT[*]} --format json -o $REPORT --fail-on none"
    (cd "$ROOT" && timed "$CLI" eval --policy policies --input "$SNAPSHOT" "${LIMIT[@]}" --format json -o "$REPORT" --fail-on none
     echo "$size: eval exit $EXIT, wall $WALL s (user $USER_S s, sys $SYS_S s), max RSS $RSS_MB MB (target < 300 MB: $([ "$RSS_MB" -lt 300 ] && echo met || echo MISSED)), report $(stat -c %s "$REPORT" 2>/dev/null || echo 0) bytes, load average $(cut -d' ' -f1-3 /proc/loadavg)")
    rm -f "$SNAPSHOT" "$OUTPUT" "$REPORT"
done
