#!/usr/bin/env bash
# Whole process: `sec08 test policies library --min-coverage 100`, the baseline's and every pack's test suites, five
# runs under /usr/bin/time -v. Target (issue 13): under 2 s.
#
#   scripts/bench/test-library.sh [RUNS]        (default 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUNS="${1:-5}"
need_time
publish_cli
machine
echo "cli: $CLI_KIND"
echo "command: /usr/bin/time -v $CLI test policies library --min-coverage 100"
cd "$ROOT"
status=0
for run in $(seq 1 "$RUNS"); do
    timed "$CLI" test policies library --min-coverage 100 >"$WORK/test-output.txt"
    echo "run $run: exit $EXIT, wall $WALL s (target < 2 s: $(awk -v w="$WALL" 'BEGIN { print (w < 2 ? "met" : "MISSED") }')), max RSS $RSS_MB MB, $(grep -E 'passed, ' "$WORK/test-output.txt")"
    [ "$EXIT" -eq 0 ] || status=1
done
exit $status
