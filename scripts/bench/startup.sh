#!/usr/bin/env bash
# Whole-process start-up: `sec08 --version` and `sec08 check policies` (the baseline) of the Native AOT binary, and of
# the framework-dependent build for comparison; median, minimum and maximum of RUNS runs each after 3 warm-up runs,
# with the machine's load average before and after. Targets (issue 15): check under 30 ms, --version under 15 ms
# (the native binary).
#
#   scripts/bench/startup.sh [RUNS] [BINARY]    (defaults: 20 runs; out/release/sec08-<rid>/sec08, published by
#                                                scripts/release/publish-aot.sh when missing)
#
# Uses hyperfine (installed from Debian's packages when missing and apt-get is there), else a loop timed with
# `date +%s%N`. Standard output of the measured command goes to /dev/null.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../release/common.sh"

RUNS="${1:-20}"
RID="$(host_rid)"
BINARY="${2:-$OUT/sec08-$RID/$(exe_name "$RID")}"
[ -x "$BINARY" ] || "$ROOT/scripts/release/publish-aot.sh" "$RID" >/dev/null
FD_DLL="$OUT/build-fd/bin/Sec08Policy.Cli/release/sec08.dll"
if [ ! -f "$FD_DLL" ]; then
    echo "building the framework-dependent CLI (Release) ..." >&2
    dotnet build "$ROOT/cli/Sec08Policy.Cli.csproj" -c Release --artifacts-path "$OUT/build-fd" >"$OUT/build-fd.log" 2>&1 \
        || { tail -40 "$OUT/build-fd.log" >&2; exit 1; }
fi
command -v hyperfine >/dev/null || { command -v apt-get >/dev/null && apt_install hyperfine; } || true

# measure LABEL TARGET_MS COMMAND...: prints "LABEL: median M ms (min A, max B; N runs) target < T ms: met|MISSED"
measure() {
    local label="$1" target="$2"
    shift 2
    local median min max cpu=""
    if command -v hyperfine >/dev/null; then
        local json="$OUT/startup-hyperfine.json" quoted
        printf -v quoted '%q ' "$@"
        hyperfine --shell=none --warmup 3 --runs "$RUNS" --ignore-failure --style none --export-json "$json" "$quoted" >/dev/null
        median=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$json" | head -1)
        min=$(sed -n 's/.*"min": *\([0-9.e-]*\).*/\1/p' "$json" | head -1)
        max=$(sed -n 's/.*"max": *\([0-9.e-]*\).*/\1/p' "$json" | head -1)
        read -r median min max < <(awk -v a="$median" -v b="$min" -v c="$max" 'BEGIN { printf "%.1f %.1f %.1f\n", a * 1000, b * 1000, c * 1000 }')
        # CPU time says more than wall time when other work shares the cores.
        local user system
        user=$(sed -n 's/.*"user": *\([0-9.e-]*\).*/\1/p' "$json" | head -1)
        system=$(sed -n 's/.*"system": *\([0-9.e-]*\).*/\1/p' "$json" | head -1)
        cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "; CPU (user + system) %.1f ms on average", (u + s) * 1000 }')
    else
        local times=() i start end
        for i in 1 2 3; do "$@" >/dev/null 2>&1 || true; done
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            times+=($(((end - start) / 1000)))
        done
        read -r median min max < <(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f\n", m / 1000, t[1] / 1000, t[NR] / 1000 }')
    fi
    local verdict=""
    [ -n "$target" ] && verdict=", target < $target ms: $(awk -v m="$median" -v t="$target" 'BEGIN { print (m < t ? "met" : "MISSED") }')"
    echo "$label: median $median ms (min $min, max $max; $RUNS runs$cpu)$verdict"
}

cd "$ROOT"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), dotnet $(dotnet --version)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); timer: $(command -v hyperfine >/dev/null && hyperfine --version || echo 'date +%s%N loop')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "native: $BINARY ($(wc -c <"$BINARY") bytes)"
measure "native --version" 15 "$BINARY" --version
measure "native check policies" 30 "$BINARY" check policies
measure "framework-dependent --version" "" dotnet "$FD_DLL" --version
measure "framework-dependent check policies" "" dotnet "$FD_DLL" check policies
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
