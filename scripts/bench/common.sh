# Shared by the whole-process benchmarks in this folder; source it, do not run it.
# Builds into $WORK (outside the repository, via --artifacts-path) so that Debug builds in the work tree are not touched.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${SEC08_BENCH_DIR:-/tmp/sec08-bench}"
mkdir -p "$WORK"

need_time() {
    if [ ! -x /usr/bin/time ]; then
        echo "installing GNU time (/usr/bin/time)" >&2
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    fi
}

# Publishes the CLI in Release once per run of a script; sets CLI to the executable and CLI_KIND to what it is.
# SEC08_AOT=1 tries Native AOT first (needs clang and zlib1g-dev: apt-get install -y clang zlib1g-dev); it publishes
# cleanly since commit 88bf657 (before, 10 trim/AOT warnings made errors stopped it). SEC08_AOT=force publishes Native
# AOT with any trim/AOT warnings left as warnings. Otherwise, or when AOT fails, the CLI is published
# framework-dependent (apphost `sec08`, JIT at run time). SEC08_CLI=PATH measures an executable already built instead.
publish_cli() {
    if [ -n "${SEC08_CLI:-}" ]; then
        CLI="$(realpath "$SEC08_CLI")"
        CLI_KIND="the executable $SEC08_CLI"
        return
    fi
    if [ "${SEC08_AOT:-0}" = "1" ] || [ "${SEC08_AOT:-0}" = "force" ]; then
        local extra=() kind="Native AOT (linux-x64)"
        if [ "$SEC08_AOT" = "force" ]; then
            extra=(-p:TreatWarningsAsErrors=false)
            kind="Native AOT (linux-x64), published with its trim/AOT warnings left as warnings"
        fi
        echo "publishing the CLI (Release, $kind) to $WORK/cli-aot ..." >&2
        if dotnet publish "$ROOT/cli" -c Release -r linux-x64 -p:PublishAot=true "${extra[@]}" --artifacts-path "$WORK/artifacts-aot" -o "$WORK/cli-aot" \
            >"$WORK/publish-aot.log" 2>&1; then
            CLI="$WORK/cli-aot/sec08"
            CLI_KIND="$kind"
            return
        fi
        echo "Native AOT publish failed (see $WORK/publish-aot.log); falling back to framework-dependent" >&2
    fi

    echo "publishing the CLI (Release, framework-dependent) to $WORK/cli ..." >&2
    dotnet publish "$ROOT/cli" -c Release --artifacts-path "$WORK/artifacts" -o "$WORK/cli" >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log" >&2; exit 1; }
    CLI="$WORK/cli/sec08"
    CLI_KIND="framework-dependent ($(dotnet --version) SDK, JIT)"
}

# Builds the benchmark project (which holds the input generators) in Release; sets GEN to a command prefix.
build_generator() {
    echo "building the input generator (Release) ..." >&2
    dotnet build "$ROOT/tests/Sec08Policy.Benchmarks" -c Release --artifacts-path "$WORK/artifacts" >"$WORK/build-generator.log" 2>&1 \
        || { cat "$WORK/build-generator.log" >&2; exit 1; }
    GEN=(dotnet "$WORK/artifacts/bin/Sec08Policy.Benchmarks/release/Sec08Policy.Benchmarks.dll")
}

# Runs a command under /usr/bin/time -v; sets WALL (seconds) and RSS_MB (maximum resident set size) and EXIT.
timed() {
    local report="$WORK/time.txt"
    set +e
    /usr/bin/time -v -o "$report" "$@"
    EXIT=$?
    set -e
    WALL=$(awk -F': ' '/Elapsed \(wall clock\) time/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$report")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$report")
    USER_S=$(awk -F': ' '/User time \(seconds\)/ { print $2 }' "$report")
    SYS_S=$(awk -F': ' '/System time \(seconds\)/ { print $2 }' "$report")
}

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), dotnet $(dotnet --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
}
