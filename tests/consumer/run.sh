#!/usr/bin/env bash
# Consumer test: builds and runs tests/consumer/ConsumerApp (a console app outside the solution, isolated from the
# repository's Directory.Build.props/Directory.Packages.props) against the packages just packed into
# artifacts/packages, then checks it prints "consumer: OK".
#
#   * PostPress* come ONLY from artifacts/packages and everything else from nuget.org (ConsumerApp/nuget.config:
#     <clear/> + packageSourceMapping), restored into a fresh packages folder (artifacts/consumer-packages) so that no
#     cached PostPress package can mask a broken one; the app references exactly [version].
#   * The app serves GET /api/v1/accounts/{acc_1,acc_missing} from a local HttpListener and checks the typed
#     LinkedInAccount, NotFoundException (errors/resource_not_found), the User-Agent version and services.AddPostPress.
#
# Usage: bash tests/consumer/run.sh [--pack] [version]
#   --pack   run `dotnet pack PostPress.Generated.sln -c Release -o artifacts/packages` first (a full build);
#            without it the packages must already be there (CI: pack --no-build after the Release build).
#   version  defaults to what the build packs: $POSTPRESS_VERSION, else VersionPrefix of Directory.Build.props.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
start=$SECONDS

pack=false
if [ "${1:-}" = "--pack" ]; then
  pack=true
  shift
fi

if [ "$pack" = true ]; then
  echo "consumer: dotnet pack PostPress.Generated.sln -c Release -o artifacts/packages"
  dotnet pack PostPress.Generated.sln -c Release -o artifacts/packages
fi

version=${1:-$(dotnet msbuild src/PostPress/PostPress.csproj -getProperty:Version)}
for id in PostPress PostPress.Extensions.DependencyInjection; do
  if [ ! -f "artifacts/packages/$id.$version.nupkg" ]; then
    echo "consumer: artifacts/packages/$id.$version.nupkg not found; run" \
      "'dotnet pack PostPress.Generated.sln -c Release -o artifacts/packages' first (or pass --pack)" >&2
    exit 1
  fi
done

app=tests/consumer/ConsumerApp/ConsumerApp.csproj
packages="$root/artifacts/consumer-packages"
out="$root/artifacts/consumer"
rm -rf "$packages" "$out"
msbuild_args=(-p:PostPressVersion="$version" --artifacts-path "$out" -nologo)

echo "consumer: restore PostPress $version (local feed) + dependencies (nuget.org) into artifacts/consumer-packages"
dotnet restore "$app" --configfile tests/consumer/ConsumerApp/nuget.config --packages "$packages" "${msbuild_args[@]}"

# The restored PostPress packages must be the ones from artifacts/packages.
for id in postpress postpress.extensions.dependencyinjection; do
  metadata="$packages/$id/$version/.nupkg.metadata"
  if ! grep -qF "$root/artifacts/packages" "$metadata" 2>/dev/null; then
    echo "consumer: $id $version was not restored from artifacts/packages:" >&2
    cat "$metadata" >&2 2>/dev/null || echo "  ($metadata missing)" >&2
    exit 1
  fi
done

dotnet build "$app" -c Release --no-restore "${msbuild_args[@]}"
dll="$out/bin/ConsumerApp/release/ConsumerApp.dll"

set +e
output=$(dotnet "$dll" "$version" 2>&1)
rc=$?
set -e
echo "$output"
if [ "$rc" -ne 0 ] || ! grep -qx "consumer: OK" <<<"$output"; then
  echo "consumer: FAILED (exit $rc)" >&2
  exit 1
fi
echo "consumer: done in $((SECONDS - start)) s"
