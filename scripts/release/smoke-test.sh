#!/usr/bin/env bash
# Checks that a native sec08 binary behaves exactly as the framework-dependent build of the same source: the README's
# main command and the documented examples, each giving the same standard output, standard error, exit code and
# written files; and, unless SEC08_SMOKE_COLLECT=0, `collect` and `eval --live` through the AWS SDK against the
# replay tests' loopback AWS server (the code that trimming is most likely to break).
#
#   scripts/release/smoke-test.sh [BINARY]     (default: out/release/sec08-<rid>/sec08, as publish-aot.sh leaves it)
#
# Prints one line per check and ends with "N passed, N failed"; exits 1 if any check failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

RID="$(host_rid)"
BINARY="$(cd "$(dirname "${1:-$OUT/sec08-$RID/$(exe_name "$RID")}")" && pwd)/$(basename "${1:-$(exe_name "$RID")}")"
[ -x "$BINARY" ] || { echo "no executable at $BINARY (run scripts/release/publish-aot.sh first)" >&2; exit 1; }

echo "building the framework-dependent CLI (Release) to compare with ..." >&2
dotnet build "$ROOT/cli/Sec08Policy.Cli.csproj" -c Release -p:Version="$(release_version)" --artifacts-path "$OUT/build-fd" >"$OUT/build-fd.log" 2>&1 \
    || { tail -40 "$OUT/build-fd.log" >&2; exit 1; }
REFERENCE=(dotnet "$OUT/build-fd/bin/Sec08Policy.Cli/release/sec08.dll")

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Help shows the executable's name: run the binary under its released name, wherever it was given from.
mkdir -p "$WORK/bin"
cp "$BINARY" "$WORK/bin/$(exe_name "$RID")"
BINARY="$WORK/bin/$(exe_name "$RID")"
passed=0
failed=0

# check NAME ARGS...: runs both builds from the repository root with ARGS and compares what they print, their exit
# codes and what they write into {out} (an empty folder, the same path for both, so that printed paths match).
# EXPECT_EXIT, when set, is the exit code both must give; NORMALIZE, a sed expression applied to written files
# before comparing (for what differs from run to run, such as a time stamp).
check() {
    local name="$1"
    shift
    local args=("${@//\{out\}/$WORK/out}") side status
    for side in native reference; do
        rm -rf "$WORK/$side" "$WORK/out" && mkdir -p "$WORK/$side" "$WORK/out"
        set +e
        if [ "$side" = native ]; then
            (cd "$ROOT" && "$BINARY" "${args[@]}") >"$WORK/$side/stdout" 2>"$WORK/$side/stderr"
        else
            (cd "$ROOT" && "${REFERENCE[@]}" "${args[@]}") >"$WORK/$side/stdout" 2>"$WORK/$side/stderr"
        fi
        echo $? >"$WORK/$side/exit"
        set -e
        if [ -n "${NORMALIZE:-}" ]; then
            find "$WORK/out" -type f -exec sed -i.orig -e "$NORMALIZE" {} \; -exec rm -f {}.orig \;
        fi
        mv "$WORK/out" "$WORK/$side/out"
    done

    status=ok
    for part in exit stdout stderr; do
        cmp -s "$WORK/native/$part" "$WORK/reference/$part" || { status="$part differs"; diff "$WORK/reference/$part" "$WORK/native/$part" | head -10 >&2 || true; }
    done
    if [ "$status" = ok ] && ! diff -r "$WORK/reference/out" "$WORK/native/out" >"$WORK/files.diff" 2>&1; then
        status="written files differ"
        head -10 "$WORK/files.diff" >&2
    fi
    if [ "$status" = ok ] && [ -n "${EXPECT_EXIT:-}" ] && [ "$(cat "$WORK/native/exit")" != "$EXPECT_EXIT" ]; then
        status="exit $(cat "$WORK/native/exit"), expected $EXPECT_EXIT"
    fi

    if [ "$status" = ok ]; then
        passed=$((passed + 1))
        echo "ok   $name (exit $(cat "$WORK/native/exit"))"
    else
        failed=$((failed + 1))
        echo "FAIL $name: $status"
    fi
}

MALFORMED=tests/Sec08Policy.Tests/Cases/inputs/malformed
# The version names the commit built: a binary published before the last commit fails here, as it should.
EXPECT_EXIT=0 check "--version (the same version and commit)" --version
EXPECT_EXIT=0 check "--help" --help
EXPECT_EXIT=0 check "check --help" check --help
EXPECT_EXIT=1 check "README: eval --policy policies --input examples" eval --policy policies --input examples
EXPECT_EXIT=0 check "check policies/" check policies/
EXPECT_EXIT=0 check "check policies/ --format json" check policies/ --format json
EXPECT_EXIT=2 check "check (a policy with an error)" check tests/Sec08Policy.Tests/Cases/binding/SP2003-unknown-level.sec08
# The malformed cases include files that cannot be read as text (exit 3), besides syntax errors.
EXPECT_EXIT=3 check "check (malformed policies)" check tests/Sec08Policy.Tests/Cases/malformed
EXPECT_EXIT=3 check "check --format json (malformed policies)" check tests/Sec08Policy.Tests/Cases/malformed --format json
EXPECT_EXIT=0 check "fmt --check policies" fmt --check policies
EXPECT_EXIT=0 check "build policies/ -o DIR" build policies/ -o "{out}/build"
EXPECT_EXIT=0 check "inspect examples" inspect examples
EXPECT_EXIT=0 check "inspect --format inventory" inspect examples/cloudformation/data-platform.yaml --format inventory
EXPECT_EXIT=3 check "inspect (truncated JSON)" inspect "$MALFORMED/truncated.json"
EXPECT_EXIT=3 check "inspect (YAML syntax error)" inspect "$MALFORMED/yaml-syntax-error.yaml"
for format in text json json-v1 sarif junit markdown html; do
    EXPECT_EXIT=1 check "eval --format $format" eval --policy policies --input examples --format "$format"
done
EXPECT_EXIT=1 check "eval: SARIF and JUnit files in one run" eval --policy policies --input examples --format sarif -o "{out}/report.sarif" --format junit -o "{out}/report.xml"
EXPECT_EXIT=0 check "eval --fail-on none" eval --policy policies --input examples --fail-on none
EXPECT_EXIT=1 check "eval --fail-on none --fail-on-unknown" eval --policy policies --input examples --fail-on none --fail-on-unknown
EXPECT_EXIT=3 check "eval (missing input)" eval --policy policies --input examples missing.json
EXPECT_EXIT=3 check "eval (unknown command)" frobnicate
# The policy tests (YAML test files, every input form inline) and the scaffold (policies and templates embedded in
# the binary).
EXPECT_EXIT=0 check "test policies library --min-coverage 100" test policies library --min-coverage 100
EXPECT_EXIT=0 check "init DIR --pack pci-dss --pack gdpr" init "{out}/my-policy" --pack pci-dss --pack gdpr

if [ "${SEC08_SMOKE_COLLECT:-1}" = "1" ]; then
    echo "building the replay server (tests/Sec08Policy.Benchmarks, Release) ..." >&2
    dotnet build "$ROOT/tests/Sec08Policy.Benchmarks" -c Release --artifacts-path "$OUT/build-fd" >"$OUT/build-replay.log" 2>&1 \
        || { tail -40 "$OUT/build-replay.log" >&2; exit 1; }
    # The server prints its endpoint, then serves until it reads a line.
    coproc REPLAY { dotnet "$OUT/build-fd/bin/Sec08Policy.Benchmarks/release/Sec08Policy.Benchmarks.dll" --replay-server 20; }
    read -r ENDPOINT <&"${REPLAY[0]}"
    echo "replay server at $ENDPOINT" >&2
    export AWS_ACCESS_KEY_ID=AKIDREPLAYBENCH AWS_SECRET_ACCESS_KEY=replay-secret
    # Inventories carry the moment they were collected; compare everything else.
    NORMALIZE='/"collectedAt"/d' EXPECT_EXIT=0 check "collect (AWS SDK, replay server)" collect --endpoint-url "$ENDPOINT" --region eu-west-1 -o "{out}/inventory.json"
    EXPECT_EXIT=0 check "eval --live (AWS SDK, replay server)" eval --policy policies --live --endpoint-url "$ENDPOINT" --region eu-west-1 --format json --fail-on none
    echo done >&"${REPLAY[1]}"
    wait "$REPLAY_PID" 2>/dev/null || true
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
