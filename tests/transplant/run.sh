#!/usr/bin/env bash
# The transplant corpus: operations of public OpenAPI example documents ship with zero hand-written SDK lines.
#
#   bash tests/transplant/run.sh        (after `npm ci`: the documents come from node_modules, pinned in package.json)
#
# Copies the repository (tracked and untracked-but-not-ignored files) into a temporary folder; graft.py adds to its
# openapi/postpress.yaml the operations of the documents in corpus.yaml (@readme/oas-examples: petstore, file uploads,
# form data, enums, polymorphism, discriminators, several media types, request/response examples, parameter styles,
# callbacks, links, cookies; @scalar/galaxy; train-travel), under the tag Transplant, with their components renamed
# {Prefix}{Name} and every $ref rewritten, and writes tests/transplant/out/ in the copy (calls.json: an example call per
# operation; excluded/*.yaml + excluded.json: each out-of-scope operation alone, with the code it must fail with).
# Then one build of the SDK and the sandbox from that copy and one test run (PostPress.Transplant.Tests): every
# grafted operation has a public method, one call per operation against the sandbox round-trips, and every
# out-of-scope operation fails the generator with its own PPCG code. The TRX file goes to artifacts/test-results/ of
# this repository, so .ci/run counts these tests.
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd -- "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
for package in @readme/oas-examples @scalar/galaxy; do
  [ -d "node_modules/$package" ] || { echo "transplant: node_modules/$package is missing; run npm ci first" >&2; exit 1; }
done

# The repo's files as they are in the work tree: tracked ones deleted there (listed by --cached) are left out on
# purpose; any other copy error fails the run.
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
  xargs -0 -r cp --parents -t "$work"

out="$work/tests/transplant/out"
python3 "$here/graft.py" --base "$root/openapi/postpress.yaml" --manifest "$here/corpus.yaml" --modules "$root/node_modules" --out "$out"
cp "$out/postpress.yaml" "$work/openapi/postpress.yaml"
grep -q "tags: \[Transplant\]\|- Transplant" "$work/openapi/postpress.yaml" || { echo "transplant: the spec copy was not grafted" >&2; exit 1; }

mkdir -p "$root/artifacts/test-results"
dotnet test "$work/tests/transplant/PostPress.Transplant.Tests/PostPress.Transplant.Tests.csproj" -c Release \
  --logger "trx;LogFileName=PostPress.Transplant.Tests.trx" --results-directory "$root/artifacts/test-results"
