using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>
/// <see cref="ScopePass"/>: each out-of-scope construct fails the build with its own code (<see cref="ErrorCodes"/>) and the
/// JSON pointer of the construct; build/README.md's table lists every code.
/// </summary>
public class ScopePassTests
{
    private const string Ok = "responses: {'204': {description: ok}}";

    [Theory]
    [InlineData("{operationId: getX, tags: [T], callbacks: {onEvent: {'{$request.body#/url}': {post: {responses: {'200': {description: ok}}}}}}, " + Ok + "}", "PPCG010", "#/paths/~1x/get/callbacks")]
    [InlineData("{operationId: getX, tags: [T], responses: {'200': {description: ok, links: {next: {operationId: getX}}}}}", "PPCG011", "#/paths/~1x/get/responses/200/links")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: sid, in: cookie, schema: {type: string}}], " + Ok + "}", "PPCG012", "#/paths/~1x/get/parameters/0")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, in: query, content: {application/json: {schema: {type: object}}}}], " + Ok + "}", "PPCG013", "#/paths/~1x/get/parameters/0/content")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, in: query, style: deepObject, schema: {type: string}}], " + Ok + "}", "PPCG014", "#/paths/~1x/get/parameters/0")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, in: query, explode: false, schema: {type: array, items: {type: string}}}], " + Ok + "}", "PPCG014", "#/paths/~1x/get/parameters/0")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, in: query, style: pipeDelimited, schema: {type: string}}], " + Ok + "}", "PPCG014", "#/paths/~1x/get/parameters/0")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, in: query, schema: {type: object, properties: {a: {type: string}}}}], " + Ok + "}", "PPCG015", "#/paths/~1x/get/parameters/0/schema")]
    [InlineData("{operationId: getX, tags: [T], requestBody: {content: {application/vnd.api+json: {schema: {type: object}}, 'image/*': {}}}, " + Ok + "}", "PPCG016", "#/paths/~1x/get/requestBody/content")]
    [InlineData("{operationId: getX, tags: [T], responses: {'404': {description: no}, default: {description: d}}}", "PPCG017", "#/paths/~1x/get/responses")]
    [InlineData("{operationId: getX, tags: [T]}", "PPCG017", "#/paths/~1x/get")]
    [InlineData("{operationId: getX, tags: [T], responses: {'2XX': {description: some success}}}", "PPCG017", "#/paths/~1x/get/responses")]
    [InlineData("{operationId: getX, tags: [T], requestBody: {content: {application/json: {schema: {$ref: 'other.yaml#/Thing'}}}}, " + Ok + "}", "PPCG018", "#/paths/~1x/get/requestBody/content/application~1json/schema/$ref")]
    [InlineData("{operationId: getX, tags: [T], servers: [{url: 'https://other'}], " + Ok + "}", "PPCG019", "#/paths/~1x/get/servers")]
    [InlineData("{operationId: getX, tags: [T], requestBody: {content: {application/json: {schema: {type: object, properties: {a: {not: {type: string}}}}}}}, " + Ok + "}", "PPCG020", "#/paths/~1x/get/requestBody/content/application~1json/schema/properties/a/not")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, in: query, schema: {type: integer, enum: [1, 2]}}], " + Ok + "}", "PPCG021", "#/paths/~1x/get/parameters/0/schema/enum")]
    [InlineData("{operationId: getX, tags: [T], responses: {'200': {description: ok, content: {application/json: {schema: {oneOf: [{type: string}, {type: integer}]}}}}}}", "PPCG022", "#/paths/~1x/get/responses/200/content/application~1json/schema/oneOf/0")]
    [InlineData("{operationId: getX, tags: [T], responses: {'200': {description: ok, content: {application/json: {schema: {anyOf: [{type: object}, {type: object}]}}}}}}", "PPCG023", "#/paths/~1x/get/responses/200/content/application~1json/schema/anyOf")]
    [InlineData("{operationId: getX, tags: [T], responses: {'200': {description: ok, content: {application/json: {schema: {$id: 'https://x/y', type: object}}}}}}", "PPCG024", "#/paths/~1x/get/responses/200/content/application~1json/schema/$id")]
    public void Out_of_scope_constructs_fail_with_their_own_code_naming_the_pointer(string operation, string code, string pointer)
    {
        var doc = Spec.Doc("", "/x:\n  get: " + operation);

        var e = Spec.Fails(() => new OperationSurfaceBuilder(Spec.Generate(doc)).Build(), pointer);

        Assert.Equal(code, e.Code);
        Assert.Equal($"spec.yaml: error {code}: {e.Message}", e.ToBuildError("spec.yaml"));
    }

    [Fact]
    public void A_path_level_server_and_a_referenced_cookie_parameter_are_found_too()
    {
        var servers = Spec.Doc("", "/x:\n  servers: [{url: 'https://other'}]\n  get: {operationId: getX, tags: [T], " + Ok + "}");
        Assert.Equal("PPCG019", Spec.Fails(() => Spec.Generate(servers), "#/paths/~1x/servers").Code);

        var cookie = Spec.Doc("", "/x:\n  get: {operationId: getX, tags: [T], parameters: [{$ref: '#/components/parameters/Sid'}], " + Ok + "}");
        cookie["components"]!["parameters"] = new System.Text.Json.Nodes.JsonObject
        {
            ["Sid"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "sid", ["in"] = "cookie", ["schema"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "string" } },
        };
        Assert.Equal("PPCG012", Spec.Fails(() => Spec.Generate(cookie), "#/components/parameters/Sid").Code);
    }

    [Fact]
    public void In_scope_look_alikes_pass_a_property_named_not_a_string_enum_a_nullable_union_and_a_scalar_union_parameter()
    {
        var doc = Spec.Doc("""
            Thing:
              type: object
              properties:
                not: {type: string}
                if: {type: string, enum: [a, b]}
                maybe: {oneOf: [{type: string}, {type: 'null'}]}
            """, "/x:\n  get: {operationId: getX, tags: [T], parameters: [{name: q, in: query, style: form, explode: true, schema: {oneOf: [{type: string}, {type: integer}]}}], responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}}");

        var g = Spec.Generate(doc);

        Assert.NotNull(g.NSwagDocument["components"]!["schemas"]!["Thing"]);
    }

    [Fact]
    public void Messages_that_start_with_a_code_keep_it_and_print_it_once()
    {
        var e = new SpecException("PPCG002 model writers: T.x has type 'decimal'.");

        Assert.Equal("PPCG002", e.Code);
        Assert.Equal("s.yaml: error PPCG002: model writers: T.x has type 'decimal'.", e.ToBuildError("s.yaml"));
        Assert.Equal("PPCG001", new SpecException("#/x: no.").Code);
    }

    [Fact]
    public void Build_README_lists_every_code_in_its_table()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot(), "build", "README.md"));
        var listed = Regex.Matches(readme, @"^\| `(PPCG\d{3})` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(ErrorCodes.All.Keys.OrderBy(k => k, StringComparer.Ordinal), listed.OrderBy(k => k, StringComparer.Ordinal));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PostPress.Generated.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PostPress.Generated.sln not found above " + AppContext.BaseDirectory);
    }
}
