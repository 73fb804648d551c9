#!/usr/bin/env bash
# Sums the <Counters> of every TRX file under $1 and prints "N passed, M failed[, K skipped]".
set -euo pipefail
dir=${1:-artifacts/test-results}
passed=0; failed=0; skipped=0; files=0
while IFS= read -r -d '' f; do
  files=$((files + 1))
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
if [ "$files" -eq 0 ]; then
  echo "0 passed, 1 failed (no test results were written)"
  exit 0
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
