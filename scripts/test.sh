#!/usr/bin/env bash
# Runs the whole test suite against real services on the test profile's own ports and
# folder (never the dev stack), then prints "N passed, N failed, N skipped" from the TRX files.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
RESULTS=$REPO/TestResults

"$REPO/scripts/stack.sh" up --profile test
export DASHBOARD_STACK_SETTINGS=$REPO/.state/test/appsettings.stack.json

rm -rf "$RESULTS"
set +e
dotnet test "$REPO/Dashboard.sln" --logger trx --results-directory "$RESULTS" --tl:off "$@"
rc=$?
set -e

passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$RESULTS"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<< "$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if (( ${#trx_files[@]} == 0 )); then
  echo "[test] no test results were written (build or test host failure)" >&2
  rc=${rc/#0/1}
fi
echo "$passed passed, $failed failed, $skipped skipped"
if (( failed > 0 )); then exit 1; fi
exit "$rc"
