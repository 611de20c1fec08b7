#!/usr/bin/env bash
# Long fuzzing campaigns: the fuzzing suite (tests/Sec08Policy.Tests/Fuzzing) on fresh random CsCheck seeds, with a
# number of cases or a time budget per property. A failure prints the case and the seed that replays it.
#
#   scripts/fuzz.sh [COUNT] [FILTER]          COUNT cases per property (default 5000); FILTER narrows the properties
#   scripts/fuzz.sh --time SECONDS [FILTER]   run each property for SECONDS instead
#   SEC08_FUZZ_SEED=SEED scripts/fuzz.sh 1 PROPERTY   replay the one case a failure printed
#
# Properties (FILTER matches their names): Fuzz_EditedPolicies_ThroughEveryCommand, Fuzz_RelaidPolicies_FormatKeepsMeaning,
# Fuzz_EditedInputs_ThroughInspectAndEval, Fuzz_EditedTestFiles_ThroughTest, Fuzz_EditedRequests_ThroughAuthorize.
set -euo pipefail
cd "$(dirname "$0")/.."

count=5000
time_budget=""
if [[ "${1:-}" == "--time" ]]; then
  time_budget="${2:?--time needs a number of seconds}"
  shift 2
elif [[ -n "${1:-}" ]]; then
  count="$1"
  shift
fi
filter="${1:-}"

if [[ -z "${SEC08_FUZZ_SEED:-}" ]]; then
  export SEC08_FUZZ_RANDOM=1
fi
export SEC08_FUZZ_COUNT="$count"
if [[ -n "$time_budget" ]]; then
  export SEC08_FUZZ_TIME="$time_budget"
fi

dotnet build tests/Sec08Policy.Tests --nologo -v quiet
dotnet test tests/Sec08Policy.Tests --no-build --nologo \
  --filter "FullyQualifiedName~Sec08Policy.Tests.Fuzzing${filter:+&FullyQualifiedName~$filter}" \
  --logger "console;verbosity=detailed"
