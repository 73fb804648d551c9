#!/usr/bin/env bash
# Checks the content of the packed packages in artifacts/packages (run after
# `dotnet pack PostPress.Generated.sln -c Release -o artifacts/packages`):
#   (PostPress, PostPress.Extensions.DependencyInjection, PostPress.Testing)
#   README.md (src/<id>/README.nuget.md, written for NuGet users) packed and named in the nuspec, license expression MIT, repository/project URLs and commit,
#   lib/{netstandard2.0,net8.0}/<id>.dll + .xml (XML docs with the hand-written and the generated types),
#   AssemblyInformationalVersion = version[+commit], no build-time dependency (NSwag.MSBuild, SourceLink),
#   and in the .snupkg: pdbs matching the dlls, SourceLink to raw.githubusercontent.com/<repo>/<commit>, and the
#   sources generated into obj/generated/ embedded.
# The checks are in VerifyPackage.cs (a .NET file-based app: needs only the .NET SDK, no unzip/python).
#
# Usage: bash tests/consumer/verify-package.sh [version]
#   version defaults to what the build packs: $POSTPRESS_VERSION, else VersionPrefix of Directory.Build.props.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version=${1:-$(dotnet msbuild src/PostPress/PostPress.csproj -getProperty:Version)}
echo "verify-package: PostPress $version in artifacts/packages"
dotnet run --file tests/consumer/VerifyPackage.cs -- "$root/artifacts/packages" "$version" "$root"
