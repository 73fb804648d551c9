using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary><c>deprecated: true</c> on operations, parameters and schema properties → <c>[Obsolete("…")]</c>.</summary>
public class DeprecationTests
{
    private const string Schemas = """
        Thing: {type: object, required: [id], properties: {id: {type: string}}}
        ThingPage: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/Thing'}}, next: {type: [string, 'null']}}}
        """;

    private static string Emit(string paths) =>
        OperationEmitter.Emit(new OperationSurfaceBuilder(Spec.Generate(Spec.Doc(Schemas, paths))).Build());

    private static int Count(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Theory]
    [InlineData("{deprecated: true, x-deprecated-message: 'Use \"b\" instead.', description: 'First. Second.'}", "Use \"b\" instead.")]
    [InlineData("{deprecated: true, x-postpress-deprecated-message: 'Gone.'}", "Gone.")]
    [InlineData("{deprecated: true, description: \"Lists things.\\nReplaced by v2.\"}", "Lists things.")]
    [InlineData("{deprecated: true, description: 'Version 2.5 of the thing. More.'}", "Version 2.5 of the thing.")]
    [InlineData("{deprecated: true}", "Deprecated by the postpress API.")]
    public void The_message_is_the_extension_else_the_first_sentence_else_the_default(string yaml, string expected)
    {
        Assert.Equal(expected, Naming.DeprecationMessage((JsonObject)YamlJson.Parse("x: " + yaml)["x"]!));
    }

    [Theory]
    [InlineData("{description: 'Not deprecated.'}")]
    [InlineData("{deprecated: false, x-deprecated-message: 'No.'}")]
    public void Members_not_deprecated_get_no_message(string yaml)
    {
        Assert.Null(Naming.DeprecationMessage((JsonObject)YamlJson.Parse("x: " + yaml)["x"]!));
    }

    [Fact]
    public void A_deprecated_operation_marks_its_interface_and_class_methods_and_its_ListAll_method()
    {
        var code = Emit("""
            /things:
              get:
                operationId: listThings
                tags: [Things]
                deprecated: true
                x-deprecated-message: 'Use "listItems" instead.'
                x-postpress-pagination: {cursorParameter: cursor, itemsField: items, nextCursorField: next}
                parameters:
                  - {name: cursor, in: query, schema: {type: string}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/ThingPage'}}}}}
              post:
                operationId: createThing
                tags: [Things]
                responses: {'201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
            """);

        // Interface + class, each: ListThingsAsync, ListThingsWithResponseAsync, ListAllThingsAsync, and each one's
        // per-call-options overload, and the same six synchronous twins (ListThings, ListThingsWithResponse,
        // ListAllThings); nothing on createThing.
        Assert.Equal(24, Count(code, "[global::System.Obsolete(\"Use \\\"listItems\\\" instead.\")]"));
        Assert.Equal(24, Count(code, "[global::System.Obsolete("));
        Assert.Contains("#pragma warning disable CS0618", code, System.StringComparison.Ordinal);
        var lines = code.Replace("\r\n", "\n").Split('\n');
        foreach (var method in new[] { " ListThingsAsync(", " ListThingsWithResponseAsync(", " ListAllThingsAsync(", " ListThings(", " ListThingsWithResponse(", " ListAllThings(" })
        {
            var declarations = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Where(System.Linq.Enumerable.Range(1, lines.Length - 1), i => lines[i].Contains(method, System.StringComparison.Ordinal) && lines[i].Contains("cancellationToken = default", System.StringComparison.Ordinal)));
            Assert.Equal(4, declarations.Length);
            Assert.All(declarations, i => Assert.StartsWith("[global::System.Obsolete(", lines[i - 1].Trim(), System.StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_deprecated_options_parameter_marks_its_property_and_a_plain_parameter_is_documented()
    {
        var code = Emit("""
            /things/{thing_id}:
              get:
                operationId: getThing
                tags: [Things]
                x-postpress-options: GetThingOptions
                parameters:
                  - {name: thing_id, in: path, required: true, schema: {type: string}}
                  - {name: fields, in: query, deprecated: true, description: 'The fields. Ignored since v2.', schema: {type: string}}
                  - {name: lang, in: query, schema: {type: string}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
            /things:
              post:
                operationId: createThing
                tags: [Things]
                parameters:
                  - {name: notify, in: query, deprecated: true, schema: {type: boolean}}
                responses: {'201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
            """);

        var lines = code.Replace("\r\n", "\n").Split('\n');
        int fields = System.Array.FindIndex(lines, l => l.Contains("public string? Fields { get; set; }", System.StringComparison.Ordinal));
        int lang = System.Array.FindIndex(lines, l => l.Contains("public string? Lang { get; set; }", System.StringComparison.Ordinal));
        Assert.Equal("[global::System.Obsolete(\"The fields.\")]", lines[fields - 1].Trim());
        Assert.DoesNotContain("Obsolete", lines[lang - 1], System.StringComparison.Ordinal);
        Assert.Contains("<param name=\"notify\">The notify query parameter. Optional. Deprecated: Deprecated by the postpress API.</param>", code, System.StringComparison.Ordinal);
        Assert.Equal(1, Count(code, "[global::System.Obsolete("));
    }

    [Fact]
    public void A_deprecated_property_becomes_NJsonSchemas_x_deprecated_for_NSwag()
    {
        var g = Spec.Generate(Spec.Doc("""
            Note:
              type: object
              properties:
                title: {type: string}
                old_title: {type: string, deprecated: true, description: "The former title.\nKept."}
                color: {type: [string, 'null'], deprecated: true, x-deprecated-message: 'Colors are gone.'}
                owner: {$ref: '#/components/schemas/Owner', deprecated: true}
            Owner: {type: object, deprecated: true, properties: {id: {type: string}}}
            """));
        var props = g.NSwagDocument["components"]!["schemas"]!["Note"]!["properties"]!;

        Assert.Null(props["title"]!["x-deprecated"]);
        Assert.True(props["old_title"]!["x-deprecated"]!.GetValue<bool>());
        Assert.Equal("The former title.", props["old_title"]!["x-deprecatedMessage"]!.GetValue<string>());
        Assert.Equal("Colors are gone.", props["color"]!["x-deprecatedMessage"]!.GetValue<string>());
        Assert.Equal("Deprecated by the postpress API.", props["owner"]!["x-deprecatedMessage"]!.GetValue<string>());
        Assert.Null(g.NSwagDocument["components"]!["schemas"]!["Owner"]!["x-deprecated"]);
    }
}
