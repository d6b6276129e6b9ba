#!/usr/bin/env bash
# Runs the test suite and prints "N passed, N failed, N skipped" from the TRX files.
#
# Usage: scripts/test.sh [--fast] [--keep-stack] [dotnet test arguments...]
#   (default)     the whole suite, against real services on the test profile's own ports and folder
#                 (never the dev stack); the services this run started are stopped when it ends
#   --fast        only the tests that need no services (not marked Category=Stack: the Domain, the
#                 components, parsers, rules text); starts nothing, needs only the .NET SDK
#   --keep-stack  leave the test stack running afterwards (quicker reruns while developing)
# Any other argument goes to `dotnet test`, e.g. --filter "FullyQualifiedName~IngestJobTests".
# A test that runs longer than DASHBOARD_TEST_HANG_TIMEOUT (default 10m) is stopped and counted as failed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
RESULTS=$REPO/TestResults
STACK=$REPO/scripts/stack.sh
FAST=0 KEEP=0
ARGS=()
for arg in "$@"; do
  case $arg in
    --fast) FAST=1 ;;
    --keep-stack) KEEP=1 ;;
    *) ARGS+=("$arg") ;;
  esac
done

# The services that were down before this run, in the order `stack.sh down` stops them.
STARTED=()
stop_started() {
  local s
  for s in "${STARTED[@]}"; do "$STACK" stop "$s" --profile test >/dev/null || echo "[test] could not stop $s" >&2; done
  if (( ${#STARTED[@]} > 0 )); then echo "[test] stopped what this run started: ${STARTED[*]}"; fi
}

if (( FAST )); then
  FILTER="Category!=Stack"
  REST=()
  for ((i = 0; i < ${#ARGS[@]}; i++)); do
    if [[ ${ARGS[i]} == --filter && $((i + 1)) -lt ${#ARGS[@]} ]]; then FILTER="($FILTER)&(${ARGS[i+1]})"; i=$((i + 1)); else REST+=("${ARGS[i]}"); fi
  done
  ARGS=(--filter "$FILTER" ${REST[@]+"${REST[@]}"})
  # Nothing may reach a stack by accident: the fast run has none.
  unset DASHBOARD_STACK_SETTINGS
else
  if (( ! KEEP )); then
    mapfile -t down < <("$STACK" status --profile test 2>/dev/null | awk '$1 != "app" && $NF == "down" { print $1 }' || true)
    for s in oidc prometheus alertmanager fixtures redis_exporter postgres_exporter node_exporter redis replica primary; do
      if printf '%s\n' "${down[@]}" | grep -qx "$s"; then STARTED+=("$s"); fi
    done
    trap stop_started EXIT
  fi
  "$STACK" up --profile test
  export DASHBOARD_STACK_SETTINGS=$REPO/.state/test/appsettings.stack.json
fi

rm -rf "$RESULTS"
set +e
dotnet test "$REPO/Dashboard.sln" --logger trx --results-directory "$RESULTS" --tl:off \
  --blame-hang-timeout "${DASHBOARD_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none "${ARGS[@]}"
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
# A test that hung (or crashed the test host) has no result in the TRX: the blame collector's sequence file
# names every test that started and never completed. Each counts as failed; tests after it did not run.
while IFS= read -r name; do
  echo "[test] FAILED (hung past ${DASHBOARD_TEST_HANG_TIMEOUT:-10m} or crashed the test host; later tests of its assembly did not run): $name" >&2
  failed=$((failed + 1))
done < <(cat "$RESULTS"/*/Sequence_*.xml 2>/dev/null | sed -n 's/.*<Test Name="\([^"]*\)".*Completed="False".*/\1/p')
if (( ${#trx_files[@]} == 0 )); then
  echo "[test] no test results were written (build or test host failure)" >&2
  rc=${rc/#0/1}
fi
echo "$passed passed, $failed failed, $skipped skipped"
if (( failed > 0 )); then exit 1; fi
exit "$rc"
