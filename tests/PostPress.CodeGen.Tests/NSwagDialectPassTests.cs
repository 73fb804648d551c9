using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>The normalised model → NSwag dialect passes: schema normaliser, components, paths.</summary>
public class NSwagDialectPassTests
{
    private static JsonObject Schema(GenerationModel g, string name) => (JsonObject)g.NSwagDocument["components"]!["schemas"]![name]!;

    [Fact]
    public void SchemaNormalizer_maps_31_keywords_to_30()
    {
        var model = Spec.Model(Spec.Doc("""
            Ref: {type: object, properties: {a: {type: string}}}
            T:
              type: object
              properties:
                n: {type: [string, 'null'], examples: [x, y], $comment: dropped}
                c: {const: FIXED}
                r: {type: integer, exclusiveMinimum: 0}
                o: {oneOf: [{$ref: '#/components/schemas/Ref'}, {type: 'null'}]}
            """));
        var result = new SchemaNormalizer(model).Normalize(model.Schemas["T"], "#/components/schemas/T", inSchema: false);
        var props = result["properties"]!;

        Assert.Equal("""{"type":"string","example":"x","nullable":true}""", Spec.Json(props["n"]));
        Assert.Equal("""{"type":"string","default":"FIXED"}""", Spec.Json(props["c"]));
        Assert.Equal("""{"type":"integer","minimum":0,"exclusiveMinimum":true}""", Spec.Json(props["r"]));
        Assert.Equal("""{"oneOf":[{"$ref":"#/components/schemas/Ref"}],"nullable":true}""", Spec.Json(props["o"]));
    }

    [Fact]
    public void SchemaNormalizer_rejects_unknown_keywords_naming_the_pointer()
    {
        var model = Spec.Model(Spec.Doc("T: {type: object, properties: {p: {type: array, prefixItems: [{type: string}]}}}"));
        Spec.Fails(() => new SchemaNormalizer(model).Normalize(model.Schemas["T"], "#/components/schemas/T", false), "#/components/schemas/T/properties/p");
    }

    [Fact]
    public void Components_turn_unions_into_abstract_bases_with_allOf_variants_and_enums_into_placeholders()
    {
        var g = Spec.Generate(Spec.Doc("""
            Pet:
              oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
              discriminator: {propertyName: kind}
            Cat: {type: object, required: [kind], properties: {kind: {const: CAT}, lives: {type: integer}}}
            Dog: {type: object, required: [kind], properties: {kind: {const: DOG}}}
            Color: {type: string, enum: [RED]}
            Box: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}, color: {$ref: '#/components/schemas/Color'}}}
            """));

        Assert.Equal("""{"type":"object","x-abstract":true,"required":["kind"],"properties":{"kind":{"$ref":"#/components/schemas/PetKind"}}}""", Spec.Json(Schema(g, "Pet")));
        Assert.Equal("""{"allOf":[{"$ref":"#/components/schemas/Pet"},{"type":"object","properties":{"lives":{"type":"integer"}}}]}""", Spec.Json(Schema(g, "Cat")));
        Assert.True(Schema(g, "Color")["x-postpress-extensible-enum"]!.GetValue<bool>());
        Assert.True(Schema(g, "PetKind")["x-abstract"]!.GetValue<bool>());
    }

    [Fact]
    public void Components_drop_mixins_only_used_through_allOf()
    {
        var g = Spec.Generate(Spec.Doc("""
            Mixin: {type: object, properties: {id: {type: string}}}
            Thing: {allOf: [{$ref: '#/components/schemas/Mixin'}, {type: object, properties: {x: {type: string}}}]}
            """));
        var schemas = (JsonObject)g.NSwagDocument["components"]!["schemas"]!;
        Assert.False(schemas.ContainsKey("Mixin"));
        Assert.Equal("""{"type":"object","properties":{"id":{"type":"string"},"x":{"type":"string"}}}""", Spec.Json(schemas["Thing"]));
    }

    [Fact]
    public void Operations_are_checked_but_not_written_to_the_nswag_document()
    {
        const string Schemas = """
            Mode: {type: string, enum: [A, B], description: The mode.}
            Problem: {type: object, properties: {type: {type: string}}}
            Base: {type: object, properties: {id: {type: string}}}
            Derived: {allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {x: {type: string}}}]}
            """;
        const string Paths = """
            /things:
              get:
                operationId: listThings
                tags: [Things]
                parameters:
                  - {name: mode, in: query, schema: {$ref: '#/components/schemas/Mode'}}
                responses:
                  '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Base'}}}}
                  '400':
                    description: bad
                    content:
                      application/problem+json:
                        schema:
                          allOf:
                            - $ref: '#/components/schemas/Problem'
                            - properties: {type: {enum: [errors/a, errors/b]}}
            """;
        var g = Spec.Generate(Spec.Doc(Schemas, Paths));

        // NSwag's models do not depend on the operations (generateClientClasses: false), so none are written...
        Assert.Equal("{}", Spec.Json(g.NSwagDocument["paths"]));

        // ...but a mixin an operation uses directly (Base: otherwise only an allOf member of Derived) is still a model.
        Assert.NotNull(g.NSwagDocument["components"]!["schemas"]!["Base"]);
        Assert.Contains("class Base", Spec.Models(g).Code, System.StringComparison.Ordinal);

        // Keys and schemas the generator does not understand still fail the build, naming the pointer.
        Spec.Fails(() => Spec.Generate(Spec.Doc(Schemas, Paths.Replace("responses:", "callbacks: {}\n    responses:", System.StringComparison.Ordinal))), "#/paths/~1things/get/callbacks");
        Spec.Fails(() => Spec.Generate(Spec.Doc(Schemas, Paths.Replace("schema: {$ref: '#/components/schemas/Mode'}", "schema: {type: string, not: {const: x}}", System.StringComparison.Ordinal))), "#/paths/~1things/get/parameters/0/schema");
    }

    [Fact]
    public void Transformer_on_the_real_spec_finds_every_enum_and_union()
    {
        var g = new Transformer(YamlJson.Load("openapi/postpress.yaml")).Run();
        Assert.Equal(20, g.Enums.Count);
        Assert.Equal(7, g.Unions.Count);
        Assert.Equal("3.0.3", g.NSwagDocument["openapi"]!.GetValue<string>());
    }
}
