using System;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>
/// Constructs the transplant corpus (tests/transplant) met in public example documents, one test per pass: examples in
/// every place OpenAPI allows them, list and map components as bodies and responses, inline allOf bodies and responses,
/// allOf placeholders given their type by a later member, x-enum-descriptions as a map.
/// </summary>
public class CorpusConstructTests
{
    [Fact]
    public void Examples_are_accepted_in_every_place_OpenAPI_allows_them()
    {
        var doc = Spec.Doc("""
            Thing:
              type: object
              example: {id: a, tags: [x]}
              properties:
                id: {type: string, example: a}
                tags: {type: array, items: {type: string, examples: [x, y]}, example: [x]}
                inner: {type: object, properties: {n: {type: integer, example: 1}}, examples: [{n: 1}]}
            Mode: {type: string, enum: [A, B], example: A, examples: [B]}
            """, """
            /things/{id}:
              post:
                operationId: postThing
                tags: [T]
                parameters:
                  - {name: id, in: path, required: true, schema: {type: string}, example: t1}
                  - name: mode
                    in: query
                    schema: {$ref: '#/components/schemas/Mode'}
                    examples: {one: {value: A, summary: s}, two: {$ref: '#/components/examples/ModeB'}}
                requestBody:
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
                      example: {id: a}
                      examples: {full: {$ref: '#/components/examples/FullThing'}}
                responses:
                  '200':
                    description: ok
                    headers:
                      X-Rate: {schema: {type: integer}, example: 5, examples: {low: {value: 1}}}
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Thing'}
                        examples: {a: {value: {id: a, $ref: not-a-reference}}}
            """);
        doc["components"]!["examples"] = JsonNode.Parse("""{"ModeB": {"value": "B"}, "FullThing": {"summary": "all", "value": {"id": "a", "tags": ["x"]}}}""");

        var g = Spec.Generate(doc);
        var op = new OperationSurfaceBuilder(g).Build().Resources.Single().Operations.Single();

        Assert.Equal("global::PostPress.Models.Thing", op.BodyType);
        Assert.Equal("global::PostPress.Models.Thing", op.ResponseType);
        Assert.Contains("ThingInner", g.Spec.Schemas.Select(s => s.Key));
    }

    [Theory]
    [InlineData("Pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}", "global::System.Collections.Generic.IList<global::PostPress.Models.Pet>", "global::System.Collections.Generic.IEnumerable<global::PostPress.Models.Pet>")]
    [InlineData("Pets: {type: object, additionalProperties: {type: integer}}", "global::System.Collections.Generic.IDictionary<string, int>", "global::System.Collections.Generic.IDictionary<string, int>")]
    public void List_and_map_components_are_typed_like_their_schema(string component, string response, string body)
    {
        var doc = Spec.Doc("Pet: {type: object, required: [id], properties: {id: {type: string}}}\n" + component, """
            /pets:
              put:
                operationId: putPets
                tags: [T]
                requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Pets'}}}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pets'}}}}}
            """);

        var op = new OperationSurfaceBuilder(Spec.Generate(doc)).Build().Resources.Single().Operations.Single();

        Assert.Equal(response, op.ResponseType);
        Assert.Equal(body, op.BodyType);
        Assert.DoesNotContain("Models.System", OperationEmitter.Emit(new OperationSurfaceBuilder(Spec.Generate(Spec.Doc("Pet: {type: object, required: [id], properties: {id: {type: string}}}\n" + component, "/pets: {get: {operationId: getPets, tags: [T], responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pets'}}}}}}}"))).Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_allOf_response_is_named_and_merged_and_a_later_member_types_a_placeholder()
    {
        var doc = Spec.Doc("""
            Station: {type: object, required: [id], properties: {id: {type: string}}}
            Collection:
              type: object
              properties:
                data: {type: array, description: The items., items: {type: object}}
                meta: {type: object}
            """, """
            /stations:
              get:
                operationId: getStations
                tags: [T]
                responses:
                  '200':
                    description: ok
                    content:
                      application/json:
                        schema:
                          allOf:
                            - $ref: '#/components/schemas/Collection'
                            - properties: {data: {type: array, items: {$ref: '#/components/schemas/Station'}}}
            """);

        var g = Spec.Generate(doc);

        Assert.Equal("GetStationsResponse", g.Spec.ResponseTypeName("getStations"));
        var data = g.NSwagDocument["components"]!["schemas"]!["GetStationsResponse"]!["properties"]!["data"]!;
        Assert.Equal("#/components/schemas/Station", (string?)data["items"]!["$ref"]);
        Assert.Equal("The items.", (string?)data["description"]);
    }

    [Fact]
    public void An_allOf_conflict_that_is_not_a_placeholder_still_fails()
    {
        var doc = Spec.Doc("""
            A: {type: object, properties: {x: {type: string}}}
            B: {allOf: [{$ref: '#/components/schemas/A'}, {properties: {x: {type: integer}}}]}
            """);

        Spec.Fails(() => Spec.Generate(doc), "#/components/schemas/B");
    }

    [Fact]
    public void Enum_descriptions_may_be_a_map_from_value_to_text()
    {
        var doc = Spec.Doc("""
            Kind:
              type: string
              enum: [moon, comet, asteroid]
              x-enum-descriptions: {moon: A natural satellite., comet: An icy body.}
            """);

        var kind = Spec.Generate(doc).Enums.Single(e => e.Name == "Kind");

        Assert.Equal(new[] { "A natural satellite.", "An icy body.", null }, kind.Members.Select(m => m.Description));
    }
}
