using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The operations pass (spec → <see cref="SurfaceModel"/> → Operations.g.cs) on small spec fragments.</summary>
public class OperationPassTests
{
    private const string Schemas = """
        Thing: {type: object, required: [id], properties: {id: {type: string}}}
        ThingPage: {type: object, properties: {items: {type: array, items: {$ref: '#/components/schemas/Thing'}}, next: {type: [string, 'null']}}}
        Color: {type: string, enum: [RED, BLUE]}
        """;

    private static SurfaceModel Surface(string paths, string schemas = Schemas) =>
        new OperationSurfaceBuilder(Spec.Generate(Spec.Doc(schemas, paths))).Build();

    [Fact]
    public void Operations_are_grouped_by_tag_and_named_from_the_operation_id_or_the_extension()
    {
        var surface = Surface("""
            /things/{thing_id}:
              get:
                operationId: getThing
                tags: [Things]
                parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}
              delete:
                operationId: deleteThing
                x-postpress-method: Remove
                tags: [Things]
                parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
                responses: {'204': {description: gone}}
            /shop/colors:
              get:
                operationId: listColors
                tags: [Shop]
                responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Color'}}}}}}
            """);

        Assert.Equal(new[] { "Things", "Shop" }, surface.Resources.Select(r => r.Name));
        var things = surface.Resources[0];
        Assert.Equal(new[] { "GetThing", "Remove" }, things.Operations.Select(o => o.MethodName));
        Assert.Equal("global::PostPress.Models.Thing", things.Operations[0].ResponseType);
        Assert.Null(things.Operations[1].ResponseType);
        Assert.Equal("global::System.Collections.Generic.IList<global::PostPress.Models.Color>", surface.Resources[1].Operations[0].ResponseType);
    }

    [Fact]
    public void Parameters_are_ordered_path_required_optional_then_cursor_and_typed_with_their_constraints()
    {
        var op = Surface("""
            /things/{thing_id}:
              get:
                operationId: listThings
                tags: [Things]
                x-postpress-pagination: {cursorParameter: cursor, itemsField: items, nextCursorField: next, limitParameter: limit}
                parameters:
                  - {name: cursor, in: query, schema: {type: string, minLength: 1}}
                  - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 50}}
                  - {name: color, in: query, required: true, schema: {$ref: '#/components/schemas/Color'}}
                  - {name: since, in: query, schema: {type: integer, format: int64}}
                  - {name: thing_id, in: path, required: true, schema: {type: string, pattern: '^t_'}}
                  - {name: tags, in: query, schema: {type: array, items: {type: string, maxLength: 5}}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/ThingPage'}}}}}
            """).Resources.Single().Operations.Single();

        Assert.Equal(new[] { "thingId", "color", "limit", "since", "tags", "cursor" }, op.Parameters.Select(p => p.Name));
        Assert.Equal(new[] { "string", "global::PostPress.Models.Color", "int", "long", "global::System.Collections.Generic.IEnumerable<string>", "string" }, op.Parameters.Select(p => p.Type));
        Assert.Equal("^t_", op.Parameters[0].Rules.Pattern);
        Assert.Equal(50m, op.Parameters[2].Rules.Maximum);
        Assert.Equal(5, op.Parameters[4].Rules.Items!.MaxLength);
        Assert.Equal("enum", op.Parameters[1].Rules.Kind);

        var paging = op.Paging!;
        Assert.Equal("ListAllThings", paging.MethodName);
        Assert.Equal("global::PostPress.Models.Thing", paging.ItemType);
        Assert.Equal("Next", paging.NextCursorProperty);
    }

    [Fact]
    public void The_emitted_surface_validates_builds_the_url_and_pages()
    {
        var code = OperationEmitter.Emit(Surface("""
            /things/{thing_id}:
              get:
                operationId: listThings
                tags: [Things]
                x-postpress-pagination: {cursorParameter: cursor, itemsField: items, nextCursorField: next, limitParameter: limit}
                parameters:
                  - {name: thing_id, in: path, required: true, schema: {type: string}}
                  - {name: cursor, in: query, schema: {type: string}}
                  - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 50}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/ThingPage'}}}}}
            """));

        Assert.Contains("public virtual IThingsResource Things =>", code, System.StringComparison.Ordinal);
        Assert.Contains("ListThingsWithResponseAsync(string thingId, int? limit = null, string? cursor = null,", code, System.StringComparison.Ordinal);
        Assert.Contains("Validate.Text(thingId, \"thingId\", \"thingId\", minLength: null, maxLength: null, pattern: null, inUrl: true, pathSegment: true);", code, System.StringComparison.Ordinal);
        Assert.Contains("Validate.Range((long?)limit, \"limit\", \"limit\", 1L, 50L, false, false);", code, System.StringComparison.Ordinal);
        Assert.Contains("url.AppendSegment(thingId);", code, System.StringComparison.Ordinal);
        Assert.Contains("PostPressAsyncPageable<global::PostPress.Models.Thing> ListAllThingsAsync(string thingId, int? pageSize = null,", code, System.StringComparison.Ordinal);
        Assert.Contains("return (Paging.Items(page.Items), page.Next);", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_array_items_and_extension_data_get_the_string_checks_wherever_they_go_on_the_wire()
    {
        var code = OperationEmitter.Emit(Surface(
            """
            /things:
              post:
                operationId: addThing
                tags: [Things]
                parameters:
                  - {name: color, in: query, required: true, schema: {$ref: '#/components/schemas/Color'}}
                  - {name: moods, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Mood'}}}
                  - {name: tags, in: query, schema: {type: array, items: {type: string}}}
                requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/NewThing'}}}}
                responses: {'204': {description: ok}}
            """,
            """
            Color: {type: string, enum: [RED, BLUE]}
            Mood: {type: string, enum: [happy], x-postpress-open-enum: true}
            NewThing: {type: object, required: [name], properties: {name: {type: string}, color: {$ref: '#/components/schemas/Color'}, moods: {type: array, items: {$ref: '#/components/schemas/Mood'}}}}
            """));

        // Parameters: in the URL (length cap), closed or open.
        Assert.Contains("Validate.EnumValue(color, \"color\", \"color\", open: false, inUrl: true);", code, System.StringComparison.Ordinal);
        Assert.Contains("open: true, inUrl: true);", code, System.StringComparison.Ordinal);
        Assert.Contains("Validate.Text(item", code, System.StringComparison.Ordinal);
        Assert.Matches(@"Validate\.EnumValue\(item\d+, ""moods"", ""moods"" \+ ""\["" \+ i\d+ \+ ""\]"", open: true, inUrl: true\);", code);

        // Body fields: the same checks, no URL cap; then the extension data with the declared names.
        Assert.Contains("Validate.EnumValue(pColor, paramName, new ValuePath(path, \".color\"), open: false, inUrl: false);", code, System.StringComparison.Ordinal);
        Assert.Matches(@"Validate\.EnumValue\(item\d+, paramName, new ValuePath\(path, "".moods""\)\.ToString\(\) \+ ""\["" \+ i\d+ \+ ""\]"", open: true, inUrl: false\);", code);
        Assert.Contains("Validate.ExtensionData(value, paramName, path, \"name\", \"color\", \"moods\");", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Validate.Known(", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Validate.NotEmpty(", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Request_body_unions_get_a_validator_per_variant_with_their_discriminator_values()
    {
        var surface = Surface(
            """
            /labels:
              post:
                operationId: addLabel
                tags: [Labels]
                requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Label'}}}}
                responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {ok: {type: boolean}}}}}}}
            """,
            """
            Label:
              oneOf: [{$ref: '#/components/schemas/ColorLabel'}, {$ref: '#/components/schemas/EmojiLabel'}]
              discriminator: {propertyName: kind, mapping: {color: '#/components/schemas/ColorLabel', emoji: '#/components/schemas/EmojiLabel'}}
            ColorLabel: {type: object, required: [kind, name], properties: {kind: {type: string, const: color}, name: {type: string, minLength: 1, maxLength: 9}}}
            EmojiLabel: {type: object, required: [kind, emoji], properties: {kind: {type: string, const: emoji}, emoji: {type: string}}}
            """);

        var op = surface.Resources.Single().Operations.Single();
        Assert.Equal("global::PostPress.Models.Label", op.BodyType);
        Assert.Equal("global::PostPress.Models.AddLabelResponse", op.ResponseType);
        var union = surface.Validated["Label"];
        Assert.Equal(new[] { "color" }, union.Variants!.Single(v => v.Variant.EndsWith("ColorLabel", System.StringComparison.Ordinal)).Values);
        var name = Assert.Single(surface.Validated["ColorLabel"].Properties, p => p.Json == "name");
        Assert.True(name.Required);
        Assert.Equal(9, name.Rules.MaxLength);

        var code = OperationEmitter.Emit(surface);
        Assert.Contains("RequestValidation.Label(request, \"request\", \"request\");", code, System.StringComparison.Ordinal);
        Assert.Contains("Validate.OneOf(vColorLabel.Kind.Value, paramName, new ValuePath(path, \".kind\"), \"ColorLabel\", \"color\");", code, System.StringComparison.Ordinal);
        Assert.Contains("Validate.ExtensionData(value, paramName, path, \"kind\", \"name\");", code, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{tags: [T], responses: {'200': {description: ok}}}", "#/paths/~1x/get", "operationId")]
    [InlineData("{operationId: getX, responses: {'200': {description: ok}}}", "#/paths/~1x/get/tags", "tag")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: h, in: cookie, schema: {type: string}}], responses: {'200': {description: ok}}}", "#/paths/~1x/get/parameters/0", "cookie")]
    [InlineData("{operationId: getX, tags: [T], responses: {'404': {description: no}}}", "#/paths/~1x/get/responses", "2xx")]
    [InlineData("{operationId: getX, tags: [T], x-postpress-method: 'get-x', responses: {'200': {description: ok}}}", "#/paths/~1x/get/x-postpress-method", "not a valid")]
    [InlineData("{operationId: getX, tags: [T], x-postpress-pagination: {cursorParameter: c, itemsField: items, nextCursorField: next}, responses: {'200': {description: ok}}}", "#/paths/~1x/get/x-postpress-pagination/cursorParameter", "not a query parameter")]
    [InlineData("{operationId: getX, tags: [T], parameters: [{name: q, schema: {type: string}}], responses: {'200': {description: ok}}}", "#/paths/~1x/get/parameters/0/in", "missing")]
    [InlineData("{operationId: getX, tags: [T], requestBody: {content: {}}, responses: {'200': {description: ok}}}", "#/paths/~1x/get/requestBody", "no content")]
    public void Unsupported_constructs_fail_with_PPCG001_naming_the_pointer(string operation, string pointer, string says)
    {
        var e = Spec.Fails(() => Surface("/x:\n  get: " + operation), pointer);
        Assert.Contains(says, e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Two_operations_of_a_tag_with_the_same_method_name_fail()
    {
        Spec.Fails(
            () => Surface("""
                /a: {get: {operationId: getA, x-postpress-method: Get, tags: [T], responses: {'200': {description: ok}}}}
                /b: {get: {operationId: getB, x-postpress-method: Get, tags: [T], responses: {'200': {description: ok}}}}
                """),
            "#/paths");
    }

    [Fact]
    public void The_success_response_is_the_one_the_sandbox_serves_the_lowest_2xx_whatever_the_order()
    {
        var op = Surface("""
            /things:
              post:
                operationId: createThing
                tags: [Things]
                responses:
                  '202': {description: queued}
                  '200': {description: done, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
            """).Resources.Single().Operations.Single();

        Assert.Equal("global::PostPress.Models.Thing", op.ResponseType);
        Assert.Equal("done", op.ResponseDescription);
    }

    [Fact]
    public void An_operation_level_parameter_replaces_the_path_level_one_and_takes_its_place_after_the_others()
    {
        var op = Surface("""
            /things/{thing_id}:
              parameters:
                - {name: thing_id, in: path, required: true, schema: {type: string}}
                - {name: a, in: query, schema: {type: string}, description: path level}
                - {name: b, in: query, schema: {type: string}}
              get:
                operationId: getThing
                tags: [Things]
                parameters:
                  - {name: a, in: query, schema: {type: integer}, description: operation level, deprecated: true}
                responses: {'204': {description: ok}}
            """).Resources.Single().Operations.Single();

        Assert.Equal(new[] { "thingId", "b", "a" }, op.Parameters.Select(p => p.Name));
        var a = op.Parameters[2];
        Assert.Equal(("int", "operation level", "#/paths/~1things~1{thing_id}/get/parameters/0"), (a.Type, a.Description, a.Pointer));
        Assert.NotNull(a.Deprecated);
    }
}
