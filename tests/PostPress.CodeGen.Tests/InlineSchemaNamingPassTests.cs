using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>Pass 1: inline schemas named from their operation and location, and <see cref="SpecModel.TypeNameAt"/>.</summary>
public class InlineSchemaNamingPassTests
{
    private const string ListAccountsResponse = "#/paths/~1accounts/get/responses/200/content/application~1json/schema";

    [Fact]
    public void Every_inline_construct_of_the_evolution_fixture_gets_a_name_from_its_location()
    {
        var g = Spec.Generate(Spec.Evolved());
        var schemas = (JsonObject)g.NSwagDocument["components"]!["schemas"]!;

        foreach (string name in new[] { "ListAccountsResponse", "LabelChatRequest", "LabelChatItem", "LabelChatItemMeta", "TextLabelStyle" })
        {
            Assert.True(schemas.ContainsKey(name), name);
        }

        Assert.Equal(
            new[] { "ColorLabelColor", "LabelChatItemState", "LabelChatMode", "LabelChatScopes" },
            g.Enums.Select(e => e.Name).Where(n => n is "LabelChatMode" or "LabelChatScopes" or "LabelChatItemState" or "ColorLabelColor").OrderBy(n => n, System.StringComparer.Ordinal));
        var union = Assert.Single(g.Unions, u => u.Name == "LabelChatRequest");
        Assert.Equal(new[] { "ColorLabel", "TextLabel" }, union.Variants.Select(v => v.Name));
        Assert.Equal(new[] { "Add", "Remove" }, g.Enums.Single(e => e.Name == "LabelChatMode").Members.Select(m => m.Name));
    }

    [Fact]
    public void TypeNameAt_answers_for_original_pointers_components_and_operations()
    {
        var spec = Spec.Generate(Spec.Evolved()).Spec;

        Assert.Equal("ListAccountsResponse", spec.TypeNameAt(ListAccountsResponse));
        Assert.Equal("string", spec.TypeNameAt(ListAccountsResponse + "/properties/cursor"));
        Assert.True(spec.IsNullableAt(ListAccountsResponse + "/properties/cursor"));
        Assert.Equal("System.Collections.Generic.IList<Account>", spec.TypeNameAt(ListAccountsResponse + "/properties/items"));
        Assert.Equal("ListAccountsResponse", spec.ResponseTypeName("listAccounts"));
        Assert.Equal("System.Collections.Generic.IList<LabelChatItem>", spec.ResponseTypeName("labelChat"));
        Assert.Equal("LabelChatRequest", spec.RequestTypeName("labelChat"));
        Assert.Equal("LabelChatMode", spec.ParameterTypeName("labelChat", "mode"));
        Assert.Equal("System.Collections.Generic.IList<LabelChatScopes>", spec.ParameterTypeName("labelChat", "scopes"));
        Assert.Equal("string", spec.ParameterTypeName("labelChat", "chat_id"));
        Assert.Equal("int", spec.ParameterTypeName("listAccounts", "limit"));
        Assert.Equal("Account", spec.ResponseTypeName("getAccount"));
        Assert.Equal("OwnProfile", spec.ResponseTypeName("getOwnProfile"));
        Assert.Null(spec.RequestTypeName("getAccount"));
        Assert.Equal("LabelChatItemMeta", spec.TypeNameAt("#/paths/~1chats~1{chat_id}~1labels/post/responses/200/content/application~1json/schema/items/properties/meta"));
        Assert.True(spec.IsNullableAt("#/paths/~1chats~1{chat_id}~1labels/post/responses/200/content/application~1json/schema/items/properties/meta"));
        Assert.Equal("System.DateTimeOffset", spec.TypeNameAt("#/components/schemas/LabelChatItemMeta/properties/at"));
    }

    [Fact]
    public void TypeNameAt_rejects_a_pointer_to_nothing()
    {
        var spec = Spec.Generate(Spec.Evolved()).Spec;
        Spec.Fails(() => spec.TypeNameAt("#/paths/~1nowhere/get"), "#/paths/~1nowhere/get");
    }

    [Fact]
    public void A_property_enum_object_and_union_are_named_parent_plus_property()
    {
        var model = Spec.Model(Spec.Doc("""
            A: {type: object, required: [k], properties: {k: {const: A}}}
            B: {type: object, required: [k], properties: {k: {const: B}}}
            Chat:
              type: object
              properties:
                mode: {type: string, enum: [FAST, SLOW], description: How.}
                owner: {type: object, properties: {name: {type: string}}}
                tags: {type: array, items: {type: object, properties: {v: {type: string}}}}
                either: {oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}], discriminator: {propertyName: k}}
            """));

        Assert.True(model.Enums.ContainsKey("ChatMode"));
        Assert.True(model.Unions.ContainsKey("ChatEither"));
        Assert.Equal("ChatOwner", model.TypeNameAt("#/components/schemas/Chat/properties/owner"));
        Assert.Equal("System.Collections.Generic.IList<ChatTagsItem>", model.TypeNameAt("#/components/schemas/Chat/properties/tags"));
        Assert.Equal("ChatMode", model.InlineNames["#/components/schemas/Chat/properties/mode"]);
        Assert.Equal("""{"$ref":"#/components/schemas/ChatMode","description":"How."}""", Spec.Json(model.Schemas["Chat"]!["properties"]!["mode"]));
    }

    [Fact]
    public void A_property_composed_of_objects_is_named_parent_plus_property()
    {
        // train-travel's shape: a wrapper mixin's placeholder 'links' given its type by an allOf of two link objects,
        // declared inside the allOf member of a response. Inline, NSwag would name the merged object itself ('Links').
        var g = Spec.Generate(Spec.Doc("""
            LinksSelf: {type: object, properties: {self: {type: string, format: uri}}}
            LinksPaging: {type: object, properties: {next: {type: string, format: uri}}}
            Wrapper: {type: object, properties: {links: {type: object}}}
            Page:
              allOf:
                - {$ref: '#/components/schemas/Wrapper'}
                - properties:
                    links: {allOf: [{$ref: '#/components/schemas/LinksSelf'}, {$ref: '#/components/schemas/LinksPaging'}]}
            Chat:
              type: object
              properties:
                nav: {allOf: [{$ref: '#/components/schemas/LinksSelf'}, {type: object, properties: {up: {type: string}}}]}
            """));

        Assert.Equal("PageLinks", g.Spec.TypeNameAt("#/components/schemas/Page/allOf/1/properties/links"));
        Assert.Equal("ChatNav", g.Spec.TypeNameAt("#/components/schemas/Chat/properties/nav"));
        string code = Spec.Models(g).Code;
        Assert.Contains("public PageLinks? Links { get; set; }", code, System.StringComparison.Ordinal);
        Assert.Contains("class ChatNav", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Discriminator_enums_and_allOf_narrowings_stay_inline()
    {
        var model = Spec.Model(Spec.Doc("""
            Pet:
              oneOf: [{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Cat'}]
              discriminator: {propertyName: kind}
            Dog: {type: object, required: [kind], properties: {kind: {enum: [DOG, PUPPY]}}}
            Cat: {type: object, required: [kind], properties: {kind: {const: CAT}}}
            """));

        Assert.Empty(model.InlineNames);
        Assert.Equal(new[] { "DOG", "PUPPY" }, model.Unions["Pet"].Variants[0].Values);
    }

    [Fact]
    public void Inline_branches_of_an_inline_union_are_named_by_their_discriminator_value_else_their_index()
    {
        var doc = Spec.Doc("A: {type: object, required: [kind], properties: {kind: {const: a}, x: {type: string}}}", """
            /x:
              post:
                operationId: doX
                requestBody:
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - {$ref: '#/components/schemas/A'}
                          - {type: object, required: [kind], properties: {kind: {const: big-b}, y: {type: string}}}
                          - {type: object, required: [kind], properties: {kind: {type: string, enum: [c, d]}, z: {type: string}}}
                        discriminator: {propertyName: kind}
                responses: {'204': {description: ok}}
            """);

        var g = Spec.Generate(doc);

        var union = Assert.Single(g.Unions, u => u.Name == "DoXRequest");
        Assert.Equal(new[] { "A", "DoXRequestBigB", "DoXRequest3" }, union.Variants.Select(v => v.Name));
        Assert.Equal(new[] { "c", "d" }, union.Variants[2].Values);
        Assert.Equal("DoXRequestBigB", g.Spec.TypeNameAt("#/paths/~1x/post/requestBody/content/application~1json/schema/oneOf/1"));
    }

    [Fact]
    public void Inline_branches_of_a_union_property_are_named_after_the_property()
    {
        var doc = Spec.Doc("""
            Holder:
              type: object
              properties:
                shape:
                  oneOf:
                    - {type: object, required: [radius], properties: {radius: {type: number}}}
                    - {type: object, required: [side], properties: {side: {type: number}}}
            """);

        var model = Spec.Model(doc);

        var union = Assert.Single(model.Unions.Values, u => u.Name == "HolderShape");
        Assert.Equal(new[] { "HolderShape1", "HolderShape2" }, union.Variants.Select(v => v.Name));
    }

    [Theory]
    [InlineData("[{type: string}, {type: integer}]", "PPCG022")]
    [InlineData("[{type: object, properties: {a: {type: string}}}, {type: array, items: {type: string}}]", "PPCG022")]
    public void An_inline_union_with_a_scalar_or_array_branch_fails_with_its_code(string branches, string code)
    {
        var doc = Spec.Doc("", "/x:\n  post:\n    operationId: doX\n    requestBody: {content: {application/json: {schema: {oneOf: " + branches + "}}}}\n    responses: {'204': {description: ok}}\n");

        var e = Spec.Fails(() => Spec.Generate(doc), "#/paths/~1x/post/requestBody/content/application~1json/schema/oneOf/");
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void A_generated_name_that_is_already_a_component_fails_naming_the_pointer()
    {
        var doc = Spec.Doc("DoXResponse: {type: object, properties: {x: {type: string}}}", """
            /x:
              get:
                operationId: doX
                responses:
                  '200': {description: ok, content: {application/json: {schema: {type: object, properties: {y: {type: string}}}}}}
            """);
        var e = Spec.Fails(() => Spec.Generate(doc), "#/paths/~1x/get/responses/200/content/application~1json/schema");
        Assert.Contains("DoXResponse", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_schema_of_an_operation_without_operationId_fails_naming_the_pointer()
    {
        var doc = Spec.Doc(string.Empty, """
            /x:
              get:
                parameters: [{name: m, in: query, schema: {type: string, enum: [A, B]}}]
                responses: {'204': {description: ok}}
            """);
        Spec.Fails(() => Spec.Generate(doc), "#/paths/~1x/get/parameters/0/schema");
    }

    [Fact]
    public void A_union_of_scalars_as_a_parameter_becomes_a_string_naming_its_branches()
    {
        var doc = Spec.Doc("A: {type: string, format: uuid}\nB: {type: integer}", """
            /x:
              get:
                operationId: getX
                tags: [T]
                parameters:
                  - {name: m, in: query, description: The key., schema: {oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}}
                  - {name: n, in: header, schema: {anyOf: [{type: boolean}, {type: string, enum: [auto]}, {type: 'null'}]}}
                responses: {'204': {description: ok}}
            """);

        var g = Spec.Generate(doc);

        var parameters = (JsonArray)g.Spec.Document["paths"]!["/x"]!["get"]!["parameters"]!;
        Assert.Equal("""{"type":"string","description":"One of: string (uuid), integer; sent as the text given."}""", Spec.Json(parameters[0]!["schema"]));
        Assert.Equal("""{"type":["string","null"],"description":"One of: boolean, string (enum); sent as the text given."}""", Spec.Json(parameters[1]!["schema"]));
        var op = new OperationSurfaceBuilder(g).Build().Resources.Single().Operations.Single();
        Assert.All(op.Parameters, p => Assert.Equal("string", p.Type));
    }

    [Fact]
    public void Scalar_union_parameters_declared_on_the_path_or_in_components_are_strings_too()
    {
        var doc = Spec.Doc("", """
            /x/{id}:
              parameters:
                - {name: id, in: path, required: true, schema: {oneOf: [{type: integer}, {type: string}]}}
              get:
                operationId: getX
                tags: [T]
                parameters: [{$ref: '#/components/parameters/Mode'}]
                responses: {'204': {description: ok}}
            """);
        doc["components"]!["parameters"] = JsonNode.Parse("""{"Mode": {"name": "mode", "in": "query", "schema": {"anyOf": [{"type": "boolean"}, {"type": "string"}]}}}""");

        var op = new OperationSurfaceBuilder(Spec.Generate(doc)).Build().Resources.Single().Operations.Single();

        Assert.Equal(new[] { ("id", "string"), ("mode", "string") }, op.Parameters.Select(p => (p.WireName, p.Type)));
    }

    [Fact]
    public void A_union_parameter_with_an_object_branch_fails_with_PPCG015()
    {
        var doc = Spec.Doc("A: {type: object, properties: {a: {type: string}}}\nB: {type: integer}", """
            /x:
              get:
                operationId: getX
                parameters: [{name: m, in: query, schema: {oneOf: [{$ref: '#/components/schemas/B'}, {$ref: '#/components/schemas/A'}]}}]
                responses: {'204': {description: ok}}
            """);

        var e = Spec.Fails(() => Spec.Generate(doc), "#/paths/~1x/get/parameters/0/schema/oneOf/1");
        Assert.Equal(ErrorCodes.ObjectParameter, e.Code);
    }
}
