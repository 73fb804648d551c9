#!/usr/bin/env bash
# The verdict of a CI run: sums the <Counters> of every TRX file under RESULTS and the steps recorded in STEPS (written
# by .ci/steps.sh) and prints, last, a line of its own:
#
#   N passed, M failed[, K skipped]
#
#   N = passed tests + passed checks
#   M = failed tests (failed, error, timeout, aborted) + expected TRX files that are missing (one each)
#       + failed checks + test steps that exited non-zero with no failed test in their TRX files (one each)
#       + 1 when there is no TRX file at all
#   K = tests not executed
#
# The lines before it break that down and name every failure. Exit status: 1 when M > 0, else 0.
#
# Usage: bash .ci/trx_totals.sh [RESULTS=artifacts/test-results] [STEPS=artifacts/ci-steps.tsv]
#   Without a STEPS file only the TRX files are summed (e.g. after a plain `dotnet test`).
set -euo pipefail
dir=${1:-artifacts/test-results}
steps=${2:-artifacts/ci-steps.tsv}

passed=0; failed=0; skipped=0; files=0
declare -A trx_failed=()
while IFS= read -r -d '' f; do
  files=$((files + 1))
  # The first <Counters .../> element, or nothing (reported just below as unreadable results).
  line=$(awk 'match($0, /<Counters [^>]*>/) { print substr($0, RSTART, RLENGTH); exit }' "$f")
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  f_failed=$(($(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  if [ -z "$line" ]; then
    echo "unreadable test results: $f (no <Counters>)"
    f_failed=1
  fi
  passed=$((passed + $(get passed)))
  failed=$((failed + f_failed))
  skipped=$((skipped + $(get notExecuted)))
  trx_failed[$(basename "$f" .trx)]=$f_failed
done < <(find "$dir" -name '*.trx' -print0 2>/dev/null | sort -z)

tests_line="tests: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || tests_line="$tests_line, $skipped skipped"
echo "$tests_line ($files TRX files in $dir)"

if [ "$files" -eq 0 ]; then
  echo "failed: no test results were written (no TRX file in $dir)"
  failed=$((failed + 1))
fi

checks_passed=0; checks_failed=0
if [ -f "$steps" ]; then
  while IFS=$'\t' read -r kind name rc seconds trx; do
    [ -n "$kind" ] || continue
    case "$kind" in
      check)
        if [ "$rc" = 0 ]; then
          checks_passed=$((checks_passed + 1))
        else
          checks_failed=$((checks_failed + 1))
          echo "failed: '$name' (exit $rc)"
        fi
        ;;
      tests)
        explained=0
        IFS=',' read -r -a names <<<"$trx"
        for t in "${names[@]}"; do
          [ -n "$t" ] || continue
          if [ -z "${trx_failed[$t]+set}" ]; then
            echo "failed: '$name' wrote no $dir/$t.trx (the project did not build, or its test host crashed before writing results)"
            failed=$((failed + 1))
            explained=1
          elif [ "${trx_failed[$t]}" -gt 0 ]; then
            echo "failed: '$name': ${trx_failed[$t]} failed in $t.trx"
            explained=1
          fi
        done
        if [ "$rc" != 0 ] && [ "$explained" -eq 0 ]; then
          echo "failed: '$name' exited $rc with no failed test in its TRX files (a crash or an abort)"
          checks_failed=$((checks_failed + 1))
        fi
        ;;
      *)
        echo "failed: unknown step kind '$kind' in $steps"
        checks_failed=$((checks_failed + 1))
        ;;
    esac
  done < "$steps"
  echo "checks: $checks_passed passed, $checks_failed failed (steps in $steps)"
fi

total_passed=$((passed + checks_passed))
total_failed=$((failed + checks_failed))
if [ "$skipped" -gt 0 ]; then
  echo "$total_passed passed, $total_failed failed, $skipped skipped"
else
  echo "$total_passed passed, $total_failed failed"
fi
[ "$total_failed" -eq 0 ]
