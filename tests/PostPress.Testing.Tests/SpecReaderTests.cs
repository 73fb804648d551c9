using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>
/// The repository's one YAML loader (<see cref="YamlJson"/>) and one spec reader (<see cref="OpenApiModel"/>), both in
/// src/Shared/Spec and compiled into the generator, the sandbox and the test projects: their cases are tested here, once.
/// </summary>
public sealed class SpecReaderTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(string yaml) => YamlJson.ParseNode(yaml)!.ToJsonString(Relaxed);

    [Fact]
    public void Plain_scalars_follow_the_core_schema_and_quoted_ones_stay_strings()
    {
        const string yaml = """
            plainTrue: true
            quotedTrue: "true"
            plainInt: 100
            quotedInt: '100'
            negative: -7
            plainFloat: 1.5
            exponent: 1e3
            plainNull: null
            tilde: ~
            empty:
            quotedNull: "null"
            text: hello world
            yes: yes
            on: off
            date: 2024-01-31
            version: 1.0.0
            literal: |
              100
            tagged: !!str 42
            list: [1, "1", false]
            200: status code key
            """;

        Assert.Equal(
            """{"plainTrue":true,"quotedTrue":"true","plainInt":100,"quotedInt":"100","negative":-7,"plainFloat":1.5,"exponent":1000,"plainNull":null,"tilde":null,"empty":null,"quotedNull":"null","text":"hello world","yes":"yes","on":"off","date":"2024-01-31","version":"1.0.0","literal":"100\n","tagged":"42","list":[1,"1",false],"200":"status code key"}""",
            Json(yaml));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("false", "false")]
    [InlineData("FALSE", "false")]
    [InlineData("tRUE", "\"tRUE\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("'false'", "\"false\"")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("~", "null")]
    [InlineData("\"~\"", "\"~\"")]
    [InlineData("!!null ''", "null")]
    [InlineData("nil", "\"nil\"")]
    [InlineData("0", "0")]
    [InlineData("+12", "12")]
    [InlineData("007", "7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "\"0b101\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("-0.5", "-0.5")]
    [InlineData(".5", "0.5")]
    [InlineData("2.50", "2.50")]
    [InlineData("1E-2", "0.01")]
    [InlineData("'1.5'", "\"1.5\"")]
    [InlineData("!!int '42'", "42")]
    [InlineData("!!float '2'", "2")]
    [InlineData("!!bool 'true'", "true")]
    [InlineData("! 12", "\"12\"")]
    [InlineData("12:30", "\"12:30\"")]
    [InlineData("+1", "1")]
    [InlineData("'+1'", "\"+1\"")]
    public void One_scalar_converts_as_the_core_schema_says(string scalar, string json)
    {
        Assert.Equal("{\"v\":" + json + "}", Json("v: " + scalar + "\n"));
    }

    [Fact]
    public void Numbers_read_as_any_numeric_type()
    {
        var doc = YamlJson.Parse("i: 42\nf: 2.5\nbig: 9007199254740993\n");

        Assert.Equal(42, doc["i"]!.GetValue<int>());
        Assert.Equal(42L, doc["i"]!.GetValue<long>());
        Assert.Equal(42d, doc["i"]!.GetValue<double>());
        Assert.Equal(2.5m, doc["f"]!.GetValue<decimal>());
        Assert.Equal(2.5d, doc["f"]!.GetValue<double>());
        Assert.Equal(9007199254740993L, doc["big"]!.GetValue<long>());
    }

    [Fact]
    public void Multi_line_strings_keep_their_block_style_semantics()
    {
        const string yaml = """
            literal: |
              line one
                indented
              line three
            stripped: |-
              no final newline
            folded: >
              folded
              into one line

              new paragraph
            plainMulti: first
              second
            quotedMulti: "a
              b"
            """;

        var doc = YamlJson.Parse(yaml);

        Assert.Equal("line one\n  indented\nline three\n", doc["literal"]!.GetValue<string>());
        Assert.Equal("no final newline", doc["stripped"]!.GetValue<string>());
        Assert.Equal("folded into one line\nnew paragraph\n", doc["folded"]!.GetValue<string>());
        Assert.Equal("first second", doc["plainMulti"]!.GetValue<string>());
        Assert.Equal("a b", doc["quotedMulti"]!.GetValue<string>());
    }

    [Fact]
    public void Non_ascii_text_and_escapes_round_trip()
    {
        const string yaml = "name: Zoë Müller\ncity: 東京\nemoji: \"🚀 \\u00e9\\t|\"\nclé: Ünïcode key\n";

        var doc = YamlJson.Parse(yaml);

        Assert.Equal("Zoë Müller", doc["name"]!.GetValue<string>());
        Assert.Equal("東京", doc["city"]!.GetValue<string>());
        Assert.Equal("🚀 é\t|", doc["emoji"]!.GetValue<string>());
        Assert.Equal("Ünïcode key", doc["clé"]!.GetValue<string>());
    }

    [Fact]
    public void Anchors_and_aliases_expand_into_independent_copies()
    {
        var doc = YamlJson.Parse("base: &b {type: string, maxLength: 3}\ncopy: *b\nlist: [&n 5, *n]\n");

        Assert.Equal(doc["base"]!.ToJsonString(), doc["copy"]!.ToJsonString());
        Assert.Equal("[5,5]", doc["list"]!.ToJsonString());
        doc["copy"]!["maxLength"] = 9;
        Assert.Equal(3, doc["base"]!["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public void Keys_are_always_strings()
    {
        Assert.Equal("""{"200":"a","true":"b","null":"c","1.5":"d","~":"e"}""", Json("200: a\ntrue: b\nnull: c\n1.5: d\n~: e\n"));
    }

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3\n", "YAML error at line 3, column 1: Duplicate key")]
    [InlineData("p:\n  q: 1\n  'q': 2\n", "YAML error at line 3, column 3: Duplicate key")]
    [InlineData("base: &b {x: 1}\nderived:\n  <<: *b\n", "#/derived: YAML merge keys")]
    [InlineData("a: [1, .inf]\n", "#/a/1: '.inf' is infinity or NaN")]
    [InlineData("a: -.Inf\n", "#/a: '-.Inf' is infinity or NaN")]
    [InlineData("a: .NaN\n", "#/a: '.NaN' is infinity or NaN")]
    [InlineData("a: !!binary aGk=\n", "#/a: unsupported YAML tag 'tag:yaml.org,2002:binary'")]
    [InlineData("a: !custom x\n", "#/a: unsupported YAML tag '!custom'")]
    [InlineData("a: !!int abc\n", "#/a: 'abc' is not a valid !!int")]
    [InlineData("a: !!bool yes\n", "#/a: 'yes' is not a valid !!bool")]
    [InlineData("? [x, y]\n: 1\n", "#: mapping keys must be scalars")]
    [InlineData("a: 1\n---\nb: 2\n", "expected exactly one YAML document, found 2")]
    [InlineData("", "expected exactly one YAML document, found 0")]
    [InlineData("a: b: c\n", "YAML error at line 1")]
    [InlineData("a: 'unterminated\n", "YAML error at line")]
    [InlineData("a: [1, 2\nb: 3\n", "YAML error")]
    [InlineData("a: *missing\n", "YAML error at line")]
    public void Bad_input_is_a_spec_exception_naming_where(string yaml, string messageStart)
    {
        var e = Assert.Throws<SpecException>(() => YamlJson.ParseNode(yaml));

        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_merge_key_is_an_ordinary_key()
    {
        Assert.Equal("""{"<<":"literal"}""", Json("'<<': literal\n"));
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_not_a_stack_overflow()
    {
        var deep = new string('[', YamlJson.MaxDepth + 5) + new string(']', YamlJson.MaxDepth + 5);

        var e = Assert.Throws<SpecException>(() => YamlJson.ParseNode("a: " + deep + "\n"));

        Assert.Contains($"nested more than {YamlJson.MaxDepth} levels deep", e.Message, StringComparison.Ordinal);
        Assert.NotNull(YamlJson.ParseNode("a: " + new string('[', 100) + new string(']', 100) + "\n"));
    }

    [Fact]
    public void Parse_requires_a_mapping_at_the_root()
    {
        var e = Assert.Throws<SpecException>(() => YamlJson.Parse("- a\n- b\n"));

        Assert.Equal("#: the document root must be a mapping.", e.Message);
        Assert.Equal("""["a","b"]""", YamlJson.ParseNode("- a\n- b\n")!.ToJsonString());
    }

    [Fact]
    public void Load_reads_yaml_and_json_files_by_extension()
    {
        var dir = Directory.CreateTempSubdirectory("specreader-");
        try
        {
            var yaml = Path.Combine(dir.FullName, "a.yaml");
            var json = Path.Combine(dir.FullName, "a.json");
            var badJson = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(yaml, "v: '01'\nw: 01\n", Encoding.UTF8);
            File.WriteAllText(json, """{"v":"01","w":1}""", Encoding.UTF8);
            File.WriteAllText(badJson, "{\"v\": }", Encoding.UTF8);

            Assert.Equal(YamlJson.Load(json).ToJsonString(), YamlJson.Load(yaml).ToJsonString());
            var e = Assert.Throws<SpecException>(() => YamlJson.Load(badJson));
            Assert.StartsWith(badJson + ": JSON error at line 1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private const string Document = """
        openapi: 3.1.0
        info: { title: t, version: '1' }
        servers: [{ url: 'https://api.example.com/api/v1/' }]
        security: [{ key: [] }]
        paths:
          /things/{id}:
            parameters:
              - { name: id, in: path, schema: { type: string } }
            get:
              operationId: getThing
              parameters:
                - $ref: '#/components/parameters/Limit'
                - { name: tags, in: query, explode: false, schema: { type: array, items: { type: string } } }
              responses:
                '201': { description: later }
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Thing' }
                      examples:
                        one: { summary: The first, value: { id: 'a' } }
                        ref: { $ref: '#/components/examples/Two' }
                '404':
                  description: not found
                  content:
                    application/json:
                      schema:
                        allOf:
                          - $ref: '#/components/schemas/Problem'
                          - properties: { type: { enum: [errors/not_found] } }
                '409':
                  description: conflict
                  content:
                    application/json:
                      examples:
                        c: { value: { type: errors/conflict, title: Conflict, detail: It clashes. } }
                4XX: { description: ranges are not statuses }
              x-postpress-pagination: { itemsField: data }
          /open:
            post:
              security: []
              operationId: open
              requestBody:
                required: true
                content:
                  multipart/form-data:
                    schema: { type: object, properties: { file: { type: string, format: binary } } }
              responses:
                '204': { description: done }
        components:
          securitySchemes:
            key: { type: apiKey, in: header, name: X-API-KEY }
          parameters:
            Limit: { name: limit, in: query, required: false, schema: { type: integer } }
          examples:
            Two: { value: { id: 'b' } }
          schemas:
            Thing: { type: object, properties: { id: { type: string } } }
            Problem: { type: object, properties: { type: { type: string } } }
            ErrorType:
              type: string
              enum: [errors/not_found, errors/conflict, errors/odd]
              x-enum-descriptions: ['HTTP 404. Nothing there.', 'HTTP 409. It clashes.', 'No status here.']
        """;

    [Fact]
    public void The_reader_reads_operations_parameters_bodies_examples_and_errors()
    {
        var model = OpenApiModel.Load(Document);

        Assert.Equal("/api/v1", model.BasePath);
        Assert.Equal("X-API-KEY", model.ApiKeyHeader);
        Assert.Equal(
            ["errors/not_found:404:Nothing there.", "errors/conflict:409:It clashes.", "errors/odd:0:No status here."],
            model.GlobalCodes.Select(c => $"{c.Code}:{c.Status}:{c.Description}"));

        var get = Assert.Single(model.Operations, o => o.OperationId == "getThing");
        Assert.Equal("GET /things/{id}", get.Describe());
        Assert.Equal("/paths/~1things~1{id}/get", get.Pointer);
        Assert.True(get.RequiresApiKey);
        Assert.Equal(["id:path:True:simple", "limit:query:False:form", "tags:query:False:form"], get.Parameters.Select(p => $"{p.Name}:{p.In}:{p.Required}:{p.Style}").OrderBy(s => s, StringComparer.Ordinal));
        Assert.False(get.Parameters.Single(p => p.Name == "tags").Explode);
        Assert.Equal(200, get.SuccessStatus);
        Assert.Equal("/paths/~1things~1{id}/get/responses/200/content/application~1json/schema", get.SuccessSchemaPointer);
        Assert.Equal(["one:The first:{\"id\":\"a\"}", "ref::{\"id\":\"b\"}"], get.SuccessExamples.Select(e => $"{e.Name}:{e.Summary}:{e.Value!.ToJsonString()}"));
        Assert.Equal([404, 409], get.Errors.Keys.OrderBy(k => k));
        Assert.Equal("errors/not_found", Assert.Single(get.Errors[404].Codes).Code);
        Assert.Equal("Nothing there.", get.Errors[404].Codes[0].Description);
        var conflict = Assert.Single(get.Errors[409].Codes);
        Assert.Equal(("errors/conflict", "It clashes.", "Conflict"), (conflict.Code, conflict.Description, get.Errors[409].Title));
        Assert.Equal(["errors/not_found"], get.CodesFor(404, model).Select(c => c.Code));
        Assert.Equal(["errors/conflict"], get.CodesFor(409, model).Select(c => c.Code));
        Assert.False(get.Documents(400));
        Assert.Equal(("cursor", "data", "cursor", null), (get.Pagination!.CursorParameter, get.Pagination.ItemsField, get.Pagination.NextCursorField, get.Pagination.LimitParameter));

        var open = Assert.Single(model.Operations, o => o.OperationId == "open");
        Assert.False(open.RequiresApiKey);
        Assert.Equal(204, open.SuccessStatus);
        Assert.True(open.Body!.Required);
        Assert.Equal(["multipart/form-data"], open.Body.MediaTypes);
        Assert.Null(open.Body.SchemaPointer);
        Assert.Equal("/paths/~1open/post/requestBody/content/multipart~1form-data/schema", open.Body.FormSchemaPointer);
        Assert.True(open.Body.FormSchema!["properties"]!.AsObject().ContainsKey("file"));
    }

    [Fact]
    public void The_reader_resolves_pointers_and_local_refs()
    {
        var model = OpenApiModel.Load(Document);

        Assert.Equal("errors/odd", model.At("/components/schemas/ErrorType/enum/2")!.GetValue<string>());
        Assert.Null(model.At("/components/schemas/Nope"));
        Assert.Null(model.At("/components/schemas/ErrorType/enum/9"));
        var (node, pointer) = model.Resolve(JsonNode.Parse("""{"$ref":"#/components/schemas/Thing"}"""), "/x");
        Assert.Equal("/components/schemas/Thing", pointer);
        Assert.Same(model.At("/components/schemas/Thing"), node);
        Assert.Equal("a~1b~0c", OpenApiModel.Escape("a/b~c"));
        Assert.Throws<InvalidDataException>(() => model.Resolve(JsonNode.Parse("""{"$ref":"other.yaml#/x"}"""), "/y"));
    }

    [Fact]
    public void Pointers_tell_a_null_member_from_a_missing_one_and_ref_cycles_are_refused()
    {
        var model = OpenApiModel.Load("""
            paths: {}
            components:
              schemas:
                Empty: null
                A: { $ref: '#/components/schemas/B' }
                B: { $ref: '#/components/schemas/A' }
                'a/b~c': { type: string }
            """);

        Assert.True(model.TryAt("/components/schemas/Empty", out var empty));
        Assert.Null(empty);
        Assert.False(model.TryAt("/components/schemas/Missing", out _));
        Assert.False(model.TryAt("components/schemas", out _));
        Assert.True(model.TryAt("", out var root));
        Assert.Same(model.Root, root);
        Assert.Equal("string", OpenApiModel.GetString(model.At("#/components/schemas/a~1b~0c"), "type"));
        var e = Assert.Throws<InvalidDataException>(() => model.Resolve(model.At("/components/schemas/A"), "/components/schemas/A"));
        Assert.StartsWith("Circular $ref chain at '/components/schemas/", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_keep_declaration_order_an_override_takes_its_own_place_and_refs_keep_where_they_are_declared()
    {
        var model = OpenApiModel.Load("""
            paths:
              /things/{id}:
                parameters:
                  - {name: id, in: path, schema: {type: string}}
                  - {name: q, in: query, description: path level}
                  - {name: q, in: header}
                get:
                  deprecated: true
                  parameters:
                    - {name: q, in: query, description: operation level, deprecated: true}
                    - $ref: '#/components/parameters/Limit'
                    - {name: old, in: query, deprecated: 'true'}
                  responses: {'200': {description: ok}}
            components:
              parameters:
                Limit: {name: limit, in: query, schema: {$ref: '#/components/schemas/Limit'}}
              schemas:
                Limit: {type: integer}
            """);

        var get = Assert.Single(model.Operations);
        Assert.Equal(["id:path", "q:header", "q:query", "limit:query", "old:query"], get.Parameters.Select(p => $"{p.Name}:{p.In}"));
        var q = get.Parameters.Single(p => p.Name == "q" && p.In == "query");
        Assert.Equal("operation level", OpenApiModel.GetString(q.Node, "description"));
        Assert.Equal("/paths/~1things~1{id}/get/parameters/0", q.Pointer);
        Assert.True(q.Deprecated);
        Assert.Equal("/paths/~1things~1{id}/parameters/0", get.Parameters[0].Pointer);
        var limit = get.Parameters.Single(p => p.Name == "limit");
        Assert.Equal("/paths/~1things~1{id}/get/parameters/1", limit.Pointer);
        Assert.Same(model.At("/components/parameters/Limit"), limit.Node);
        Assert.Equal("/components/schemas/Limit", limit.SchemaPointer);
        Assert.False(get.Parameters.Single(p => p.Name == "old").Deprecated);
        Assert.True(get.Deprecated);
        Assert.Same(model.At("/paths/~1things~1{id}/get"), get.Node);
        Assert.Empty(get.ParameterProblems);
    }

    [Fact]
    public void Parameter_declarations_the_reader_skips_are_reported_with_their_pointer()
    {
        var model = OpenApiModel.Load("""
            paths:
              /a:
                get:
                  parameters:
                    - 7
                    - {in: query}
                    - {name: x}
                    - $ref: '#/components/parameters/Nope'
                    - {name: ok, in: query}
                  responses: {'200': {description: ok}}
            """);

        var get = Assert.Single(model.Operations);
        Assert.Equal(["ok"], get.Parameters.Select(p => p.Name));
        Assert.Equal(
            [
                "/paths/~1a/get/parameters/0: not an object.",
                "/paths/~1a/get/parameters/1/name: missing.",
                "/paths/~1a/get/parameters/2/in: missing.",
                "/paths/~1a/get/parameters/3/$ref: '#/components/parameters/Nope' does not exist.",
            ],
            get.ParameterProblems.Select(p => $"{p.Pointer}: {p.Message}"));
    }

    [Fact]
    public void Responses_are_listed_in_document_order_and_the_success_response_is_the_lowest_2xx()
    {
        var model = OpenApiModel.Load("""
            paths:
              /a:
                post:
                  responses:
                    '201': {description: created, content: {application/json: {schema: {type: object}}, text/plain: {}}}
                    '2XX': {description: range}
                    '200': {$ref: '#/components/responses/Ok'}
                    default: {$ref: 'other.yaml#/components/responses/Error'}
                    '404': {description: missing}
            components:
              responses:
                Ok: {description: fine, content: {application/octet-stream: {example: bytes}}}
            """);

        var post = Assert.Single(model.Operations);
        Assert.Equal(["201:201", "2XX:", "200:200", "default:", "404:404"], post.Responses.Select(r => $"{r.StatusText}:{r.Status}"));
        Assert.Equal(200, post.SuccessStatus);
        var success = post.SuccessResponse!;
        Assert.Equal(("200", "fine", "/paths/~1a/post/responses/200"), (success.StatusText, success.Description, success.Pointer));
        Assert.Same(model.At("/components/responses/Ok"), success.Node);
        var media = Assert.Single(success.Content);
        Assert.Equal(("application/octet-stream", "/components/responses/Ok/content/application~1octet-stream"), (media.Name, media.Pointer));
        Assert.Equal(["application/json", "text/plain"], post.Responses[0].Content.Select(c => c.Name));
        Assert.Null(post.Responses[3].Node); // an unreadable default response is not fatal: the sandbox never serves it
        Assert.Equal("application/octet-stream", post.SuccessMediaType);
        Assert.Equal([404], post.Errors.Keys);
    }

    [Fact]
    public void An_external_reference_in_a_numbered_response_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => OpenApiModel.Load("""
            paths:
              /a:
                get:
                  responses: {'200': {$ref: 'other.yaml#/x'}}
            """));

        Assert.Contains("Only local references are supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_bodies_list_every_media_type_with_its_node_and_description()
    {
        var model = OpenApiModel.Load("""
            paths:
              /json:
                post:
                  requestBody:
                    $ref: '#/components/requestBodies/Both'
                  responses: {'204': {description: ok}}
              /empty:
                post:
                  requestBody: {content: {}}
                  responses: {'204': {description: ok}}
              /none:
                post:
                  responses: {'204': {description: ok}}
            components:
              requestBodies:
                Both:
                  description: A thing.
                  required: true
                  content:
                    application/x-www-form-urlencoded: {schema: {type: object, properties: {a: {type: string}}}}
                    application/json: {schema: {type: object}}
            """);

        var json = model.Operations.Single(o => o.Path == "/json");
        Assert.True(json.DeclaresRequestBody);
        var body = json.Body!;
        Assert.Equal(("A thing.", true), (body.Description, body.Required));
        Assert.Equal(["application/x-www-form-urlencoded", "application/json"], body.Content.Select(c => c.Name));
        Assert.Equal(body.MediaTypes, body.Content.Select(c => c.Name));
        Assert.Same(model.At("/components/requestBodies/Both/content/application~1json"), body.Content[1].Node);
        Assert.Equal("/components/requestBodies/Both/content/application~1json", body.Content[1].Pointer);
        Assert.Equal("/components/requestBodies/Both/content/application~1json/schema", body.SchemaPointer);

        var empty = model.Operations.Single(o => o.Path == "/empty");
        Assert.True(empty.DeclaresRequestBody);
        Assert.Null(empty.Body);
        Assert.False(model.Operations.Single(o => o.Path == "/none").DeclaresRequestBody);
    }

    [Theory]
    [InlineData("paths: [1\n", "The OpenAPI document is not valid YAML/JSON: YAML error at line")]
    [InlineData("paths:\n  /a: {}\n  /a: {}\n", "The OpenAPI document is not valid YAML/JSON: YAML error at line 3, column 3: Duplicate key")]
    [InlineData("openapi: 3.1.0\n", "The OpenAPI document has no 'paths' object.")]
    [InlineData("- a\n", "The OpenAPI document has no 'paths' object.")]
    [InlineData("paths:\n  /a:\n    get:\n      parameters: [{name: a, in: query, required: 'yes'}]\n", "The OpenAPI document could not be read:")]
    public void A_document_the_reader_cannot_read_is_invalid_data(string yaml, string messageStart)
    {
        var e = Assert.Throws<InvalidDataException>(() => OpenApiModel.Load(yaml));

        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
    }
}
