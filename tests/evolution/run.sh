#!/usr/bin/env bash
# Spec evolution check: a new operation ships with zero hand-written SDK lines.
#
#   bash tests/evolution/run.sh
#
# Copies the repository (tracked and untracked-but-not-ignored files) into a temporary folder, adds to its
# openapi/postpress.yaml the operations of paths.yaml and the schemas of schemas.yaml beside this script:
#   (a) GET /accounts (listAccounts): cursor-paged (x-postpress-pagination), inline undescribed response schema;
#   (b) POST /chats/{chat_id}/labels (labelChat), new tag Chats: a path parameter, an inline enum query parameter and a
#       discriminated-union request body,
#   (c) PATCH /schedules/{schedule_id} (updateSchedule): the model Schedule, one property of each string/number format
#       and their optional nullable forms (against the sandbox: every format round-trips exactly, explicit null on the wire),
#   (d) tag Documents: POST /documents (uploadDocument, multipart/form-data: a field and two files, one with
#       encoding.contentType), GET /documents/{document_id} (getDocument: a required and an optional header parameter),
#       DELETE /documents/{document_id} (deleteDocument, 204), GET /documents/{document_id}/content (downloadDocument,
#       application/octet-stream), POST /documents/{document_id}/shares (shareDocument, form-urlencoded, 202),
#   (g) tag Shapes (issue 20 item 9): POST /shapes (createShape: an inline oneOf body whose branches are inline objects,
#       named CreateShapeRequestCircle/…Rectangle; a query and a header parameter that are unions of scalars, typed
#       string; example/examples on parameters, media types, headers and nested schemas, and components/examples $refs
#       from examples.yaml; a body offering JSON and form, a response offering JSON and XML: JSON is sent and read),
#       GET /shapes/{shape_id}/render (renderShape: application/json without a schema and text/plain: streamed),
#   (e) tag Legacy: deprecated operations (listLegacyNotes, paged; getLegacyNote with x-deprecated-message and a
#       deprecated options property), a deprecated plain query parameter (createLegacyNote) and the model LegacyNote
#       with deprecated properties: [Obsolete("…")] with the spec's text, checked by reflection, and still on the wire,
# builds the SDK from that copy and runs PostPress.Evolution.Tests, which call (a) and (b) through the public API against
# a WireMock server and (c), (d) against the sandbox (PostPress.Testing, built from the same copy): paging works, bodies and
# headers make the round trip, and bad arguments are rejected before sending. The TRX file goes to
# artifacts/test-results/ of this repository, so .ci/run counts these tests.
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd -- "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
# The repo's files as they are in the work tree: tracked ones deleted there (listed by --cached) are left out on
# purpose; any other copy error fails the run.
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do if [ -e "$f" ]; then printf '%s\0' "$f"; fi; done |
  xargs -0 -r cp --parents -t "$work"

spec="$work/openapi/postpress.yaml"
# (f) the names fixture of the generator's tests (odd component, property, parameter and enum value names, Markdown
#     and XML-breaking descriptions): its paths and schemas are added too, so the generated C# is proven to compile.
names="$root/tests/PostPress.CodeGen.Tests/Fixtures/names.yaml"
awk '/^components:/ { exit } f { print } /^paths:/ { f = 1 }' "$names" > "$work/names.paths.yaml"
awk 'f { print } /^  schemas:/ { f = 1 }' "$names" > "$work/names.schemas.yaml"
awk -v paths="$here/paths.yaml" -v schemas="$here/schemas.yaml" -v examples="$here/examples.yaml" -v npaths="$work/names.paths.yaml" -v nschemas="$work/names.schemas.yaml" '
  /^  schemas:[[:space:]]*$/ { print "  examples:"; while ((getline line < examples) > 0) print line }
  { print }
  /^paths:[[:space:]]*$/ { while ((getline line < paths) > 0) print line; while ((getline line < npaths) > 0) print line }
  /^  schemas:[[:space:]]*$/ { while ((getline line < schemas) > 0) print line; while ((getline line < nschemas) > 0) print line }
' "$root/openapi/postpress.yaml" > "$spec"
grep -q "operationId: labelChat" "$spec" || { echo "evolution: the spec copy was not patched" >&2; exit 1; }

mkdir -p "$root/artifacts/test-results"
dotnet test "$work/tests/evolution/PostPress.Evolution.Tests/PostPress.Evolution.Tests.csproj" -c Release \
  --logger "trx;LogFileName=PostPress.Evolution.Tests.trx" --results-directory "$root/artifacts/test-results"

# The generated readers and writers against Json.NET's reflection path, and the generated System.Text.Json converters
# against PostPressJson, on every model of the copy (Schedule included: each format, its nullable form, explicit null),
# from the copy's spec samples.
dotnet test "$work/tests/PostPress.Tests/PostPress.Tests.csproj" -c Release -p:PostPressEvolvedSpec=true \
  --filter "FullyQualifiedName~GeneratedSerializerEquivalence|FullyQualifiedName~SystemTextJsonEquivalence" \
  --logger "trx;LogFileName=PostPress.Evolution.Equivalence.trx" --results-directory "$root/artifacts/test-results"
