#!/usr/bin/env bash
# Cross-language check: is openapi/postpress.yaml usable as is by generators for other languages?
#
#   tests/crosslang/run.sh                          # the repo's spec
#   SPEC=/tmp/other.yaml tests/crosslang/run.sh     # any other copy (path relative to the current directory)
#
# Prerequisites (from the repo root): `npm ci` (openapi-typescript, @hey-api/openapi-ts, typescript) and
# `dotnet tool restore` (Kiota).
# Network: none at run time except NuGet for the restore of the Kiota project's packages; Kiota runs with its update
# check and telemetry off (KIOTA_OFFLINE_ENABLED, KIOTA_CLI_TELEMETRY_OPTOUT).
#
# Steps (all regenerate from scratch into git-ignored folders, see tests/crosslang/.gitignore):
#   1. TypeScript types: openapi-typescript (npm, pinned in package.json) -> ts/generated/postpress.ts
#   2. tsc --noEmit (typescript pinned, strict) on ts/usage.ts, a hand-written consumer that narrows every union and
#      carries `// @ts-expect-error` lines proving wrong code is rejected (an unused directive is itself an error).
#   3. TypeScript SDK: @hey-api/openapi-ts (npm, pinned) -> hey-api/generated/ (types.gen.ts, sdk.gen.ts: one function
#      per operation, and its bundled fetch client), always given an absolute spec path (a relative `a/b` input is
#      read as a Hey API registry name, which would mean network)
#   4. tsc --noEmit (strict) on hey-api/usage.ts: the same kind of union-narrowing consumer, plus typed SDK calls
#      (hey-api/tsconfig.json: like ts/tsconfig.json without exactOptionalPropertyTypes, which is not part of
#      --strict and which the generated fetch client does not compile under)
#   5. C# client: Kiota (local dotnet tool, .config/dotnet-tools.json) -> kiota/generated/
#   6. dotnet build of kiota/PostPress.CrossLang.Kiota.csproj (warnings are errors) and a run of it: Program.cs
#      drives the generated client against an in-process stub HttpMessageHandler (no network).
#
# Why Kiota for the second generator: it is Microsoft's OpenAPI 3.1-capable generator, installs as a pinned local
# dotnet tool from NuGet (no binary download), runs offline, and its C# output compiles with the repo's own toolchain
# and central package versions (Directory.Packages.props). Its two known limitations with this spec (discriminator-less
# seat unions; several discriminator values mapped to one oneOf variant) are printed as "note:" lines by the program.
#
# Exit status: 0 when every step passed, 1 otherwise (all steps run; a step whose input failed is skipped).
set -euo pipefail

spec_arg="${SPEC:-}"
if [ -n "$spec_arg" ]; then
  spec="$(realpath -e -- "$spec_arg")" || { echo "crosslang: SPEC not found: $spec_arg" >&2; exit 2; }
fi
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
spec="${spec:-$root/openapi/postpress.yaml}"
here=tests/crosslang

export KIOTA_OFFLINE_ENABLED=true KIOTA_CLI_TELEMETRY_OPTOUT=true KIOTA_TUTORIAL_ENABLED=false KIOTA_CONSOLE_COLORS_ENABLED=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ ! -x node_modules/.bin/openapi-typescript ] || [ ! -x node_modules/.bin/openapi-ts ] || [ ! -x node_modules/.bin/tsc ]; then
  echo "crosslang: node_modules/.bin/openapi-typescript, openapi-ts or tsc missing: run 'npm ci' at the repo root" >&2
  exit 2
fi
if ! dotnet tool run kiota --version >/dev/null 2>&1; then
  echo "crosslang: the kiota local tool is not restored: run 'dotnet tool restore' at the repo root" >&2
  exit 2
fi

summary=()
failed=0
# Each step is one function; its commands are chained with && because `set -e` does not apply inside a function
# called from an `if` condition.
step() {
  local name=$1; shift
  printf '\n---- crosslang: %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    summary+=("PASS  $name ($((SECONDS - start))s)")
    return 0
  fi
  summary+=("FAIL  $name")
  failed=1
  return 1
}
# The last step of a chain: nothing depends on it, its failure is recorded by step() (FAIL in the summary, exit 1 at
# the end); only its status is not passed on, so that `set -e` does not stop the remaining chains.
last_step() {
  if ! step "$@"; then
    return 0
  fi
}
skip() { summary+=("SKIP  $1 (an earlier step failed)"); }

ts_generate() {
  rm -rf "$here/ts/generated" &&
    node_modules/.bin/openapi-typescript "$spec" --output "$here/ts/generated/postpress.ts"
}
ts_check() {
  node_modules/.bin/tsc --project "$here/ts/tsconfig.json" --pretty false
}
heyapi_generate() {
  rm -rf "$here/hey-api/generated" &&
    node_modules/.bin/openapi-ts --input "$spec" --output "$here/hey-api/generated" \
      --client @hey-api/client-fetch --plugins @hey-api/typescript @hey-api/sdk --no-log-file
}
heyapi_check() {
  node_modules/.bin/tsc --project "$here/hey-api/tsconfig.json" --pretty false
}
kiota_generate() {
  dotnet tool run kiota generate --openapi "$spec" --language CSharp --output "$here/kiota/generated" \
    --namespace-name PostPress.CrossLang.Kiota.Client --class-name PostPressKiotaClient \
    --exclude-backward-compatible --clean-output --log-level Error
}
kiota_build_run() {
  dotnet build "$here/kiota/PostPress.CrossLang.Kiota.csproj" -c Release -nologo -v quiet &&
    dotnet "$here/kiota/bin/Release/net10.0/PostPress.CrossLang.Kiota.dll"
}

echo "crosslang: spec $spec"
ots_version="$(node -p "require('./node_modules/openapi-typescript/package.json').version")"
tsc_version="$(node_modules/.bin/tsc --version | sed "s/^Version //")"
if step "openapi-typescript $ots_version -> ts/generated/postpress.ts" ts_generate; then
  last_step "tsc --noEmit (strict, $tsc_version) on ts/usage.ts" ts_check
else
  skip "tsc --noEmit (strict, $tsc_version) on ts/usage.ts"
fi
heyapi_version="$(node -p "require('./node_modules/@hey-api/openapi-ts/package.json').version")"
if step "@hey-api/openapi-ts $heyapi_version -> hey-api/generated/" heyapi_generate; then
  last_step "tsc --noEmit (strict, $tsc_version) on hey-api/usage.ts" heyapi_check
else
  skip "tsc --noEmit (strict, $tsc_version) on hey-api/usage.ts"
fi
if step "kiota $(dotnet tool run kiota --version | cut -d+ -f1) generate C# -> kiota/generated" kiota_generate; then
  last_step "dotnet build + run kiota/PostPress.CrossLang.Kiota" kiota_build_run
else
  skip "dotnet build + run kiota/PostPress.CrossLang.Kiota"
fi

printf '\n==== crosslang summary (spec: %s)\n' "$spec"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "crosslang: FAILED"
  exit 1
fi
echo "crosslang: OK"
