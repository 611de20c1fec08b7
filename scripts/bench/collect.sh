#!/usr/bin/env bash
# Live collection against the replay tests' loopback AWS server (tests/Sec08Policy.Tests/Collect/AwsReplayServer.cs,
# compiled into the benchmark project): N S3 buckets (encryption, tags) and N customer-managed KMS keys (rotation,
# tags, one alias each) in eu-west-1, one AwsCollector.CollectAsync (MaxConcurrency 8) per fresh process. Prints wall
# time, requests the server answered, requests/s, resources collected, CPU, GC allocated and peak working set.
# Client and server share the machine's cores.
#
#   scripts/bench/collect.sh [RUNS] [N...]                   (defaults: 3 runs of 1000 and 10000)
#   SEC08_COLLECT_SERVER_PROCESS=1 scripts/bench/collect.sh  (server in a child process: memory and CPU of the collector alone)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RUNS="${1:-3}"
shift || true
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1000 10000)
EXTRA=()
[ "${SEC08_COLLECT_SERVER_PROCESS:-0}" = "1" ] && EXTRA=(--server-process)

need_time
build_generator

machine
status=0
for n in "${COUNTS[@]}"; do
    for run in $(seq 1 "$RUNS"); do
        echo "== N=$n run $run: ${GEN[*]} --collect $n ${EXTRA[*]}"
        timed "${GEN[@]}" --collect "$n" "${EXTRA[@]}"
        echo "   whole process: exit $EXIT, wall $WALL s (user $USER_S s, sys $SYS_S s), max RSS $RSS_MB MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
        [ "$EXIT" -eq 0 ] || status=1
    done
done
exit $status
