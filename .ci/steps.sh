# Sourced by .ci/run: runs one CI step and records its outcome as a line of artifacts/ci-steps.tsv, which
# .ci/trx_totals.sh sums together with the TRX files into the closing line "N passed, M failed[, K skipped]".
#
#   ci_check NAME CMD [ARG...]
#       A check (lint, build, pack, a sample, ...): counted as one passed or one failed check. CMD runs in a subshell
#       with `set -euo pipefail`, so it may be a shell function of the caller.
#   ci_tests NAME TRX[,TRX...] CMD [ARG...]
#       A test run that must write artifacts/test-results/<TRX>.trx for each name given: its tests are counted from
#       those files, a missing one counts as one failed test, and a non-zero exit with no failed test in them (a crash,
#       an abort) counts as one failed check.
#
# Both return CMD's exit status (the caller decides whether a failure stops the run) and never exit the shell.
#
# artifacts/ci-steps.tsv, one line per step, tab-separated:  kind  name  exit-status  seconds  trx-names
#   kind: check | tests;  trx-names: comma-separated TRX base names (tests only, empty for checks).

ci_steps_file=${CI_STEPS_FILE:-artifacts/ci-steps.tsv}

ci_record() { # kind name rc seconds trx
  mkdir -p "$(dirname "$ci_steps_file")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "${2//$'\t'/ }" "$3" "$4" "${5:-}" >> "$ci_steps_file"
}

ci_run_step() { # kind name trx cmd...
  local kind=$1 name=$2 trx=$3 start=$SECONDS rc
  shift 3
  printf '\n==== %s ====\n' "$name"
  ( set -euo pipefail; "$@" )
  rc=$?
  ci_record "$kind" "$name" "$rc" "$((SECONDS - start))" "$trx"
  if [ "$rc" -eq 0 ]; then
    printf -- '---- ok: %s (%d s)\n' "$name" "$((SECONDS - start))"
  else
    printf -- '---- FAILED: %s (exit %d, %d s)\n' "$name" "$rc" "$((SECONDS - start))"
  fi
  return "$rc"
}

ci_check() { local name=$1; shift; ci_run_step check "$name" "" "$@"; }

ci_tests() { local name=$1 trx=$2; shift 2; ci_run_step tests "$name" "$trx" "$@"; }
