#!/usr/bin/env bash
# Live collection against the replay tests' loopback AWS server (tests/Sec08Policy.Tests/Collect/AwsReplayServer*.cs,
# compiled into the benchmark project).
#
# Accounts mode (the default): N S3 buckets (encryption, tags) and N customer-managed KMS keys (rotation, tags, one
# alias each) in eu-west-1, one AwsCollector.CollectAsync (MaxConcurrency 8) per fresh process. Prints wall time,
# requests the server answered, requests/s, resources collected, CPU, GC allocated and peak working set. Client and
# server share the machine's cores.
#
#   scripts/bench/collect.sh [RUNS] [N...]                   (defaults: 3 runs of 1000 and 10000)
#   SEC08_COLLECT_SERVER_PROCESS=1 scripts/bench/collect.sh  (server in a child process: memory and CPU of the collector alone)
#
# Organization mode: an AWS Config aggregator over 20 accounts x 4 Regions holding N configuration items of every
# type the catalogue reads from Config, served by a replay server in its own process; the published CLI runs
# `sec08 collect --config-aggregator org` against it under /usr/bin/time (whole process: wall, items/s, max RSS), then
# the benchmark's in-process measurement (--collect-config N: items/s, peak working set, live heap halfway).
#
#   scripts/bench/collect.sh config [RUNS] [N...]            (defaults: 1 run of 10000 and 100000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MODE=accounts
if [ "${1:-}" = "config" ]; then
    MODE=config
    shift
fi

RUNS="${1:-$([ "$MODE" = config ] && echo 1 || echo 3)}"
shift || true
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || { [ "$MODE" = config ] && COUNTS=(10000 100000) || COUNTS=(1000 10000); }
EXTRA=()
[ "${SEC08_COLLECT_SERVER_PROCESS:-0}" = "1" ] && EXTRA=(--server-process)

need_time
build_generator
[ "$MODE" = config ] && publish_cli

machine
status=0
for n in "${COUNTS[@]}"; do
    for run in $(seq 1 "$RUNS"); do
        if [ "$MODE" = accounts ]; then
            echo "== N=$n run $run: ${GEN[*]} --collect $n ${EXTRA[*]}"
            timed "${GEN[@]}" --collect "$n" "${EXTRA[@]}"
            echo "   whole process: exit $EXIT, wall $WALL s (user $USER_S s, sys $SYS_S s), max RSS $RSS_MB MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
            [ "$EXIT" -eq 0 ] || status=1
            continue
        fi

        echo "== N=$n run $run: $CLI collect --config-aggregator org (the CLI, $CLI_KIND), server: ${GEN[*]} --replay-config-server $n"
        coproc SERVER { "${GEN[@]}" --replay-config-server "$n"; }
        read -r endpoint <&"${SERVER[0]}"
        out="$WORK/org-$n.json"
        # env execs the CLI, so /usr/bin/time measures the CLI's own process.
        timed env -u AWS_SESSION_TOKEN -u AWS_PROFILE AWS_ACCESS_KEY_ID=AKIDREPLAYBENCH AWS_SECRET_ACCESS_KEY=replay-secret CI=1 \
            "$CLI" collect --endpoint-url "$endpoint" --region eu-west-1 --config-aggregator org -o "$out"
        written=$(grep -c '"type": ' "$out" || true)
        echo "   whole process: exit $EXIT, $written resources written, wall $WALL s, $(awk -v n="$written" -v w="$WALL" 'BEGIN { printf "%.0f", n / w }') items/s (user $USER_S s, sys $SYS_S s), max RSS $RSS_MB MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
        exec {SERVER[1]}>&-
        read -r server_figures <&"${SERVER[0]}" || true
        wait "$SERVER_PID" || true
        echo "   server: $server_figures"
        rm -f "$out"
        { [ "$EXIT" -eq 0 ] && [ "$written" -eq "$n" ]; } || status=1

        echo "== N=$n run $run: ${GEN[*]} --collect-config $n"
        timed "${GEN[@]}" --collect-config "$n"
        [ "$EXIT" -eq 0 ] || status=1
    done
done
exit $status
