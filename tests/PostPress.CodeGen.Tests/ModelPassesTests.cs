using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>Error-model visibility, required-member post-processing and the model factory emitter.</summary>
public class ModelPassesTests
{
    private const string Paths = """
        /things:
          get:
            operationId: getThing
            responses:
              '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
              '404': {description: no, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}
              '500': {$ref: '#/components/responses/Oops'}
        """;

    private static string Schemas(string extra = "") => """
        Thing: {type: object, required: [id], properties: {id: {type: string}, shared: {$ref: '#/components/schemas/Shared'}}}
        Shared: {type: object, properties: {x: {type: string}}}
        Problem: {type: object, required: [title], properties: {title: {type: string}, code: {$ref: '#/components/schemas/Code'}, extra: {$ref: '#/components/schemas/ProblemExtra'}}}
        ProblemExtra: {type: object, properties: {hint: {type: string}, shared: {$ref: '#/components/schemas/Shared'}}}
        Fault: {type: object, properties: {reason: {type: string}}}
        Code: {type: string, enum: [A, B]}
        """ + extra;

    [Fact]
    public void ErrorModelVisibility_makes_classes_only_used_by_error_responses_internal()
    {
        var doc = Spec.Doc(Schemas(), Paths);
        doc["components"]!.AsObject()["responses"] = System.Text.Json.Nodes.JsonNode.Parse(
            """{"Oops": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fault"}}}}}""");
        var model = Spec.Generate(doc);

        Assert.Equal(new[] { "Fault", "Problem", "ProblemExtra" }, model.InternalTypes.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    private const string NSwagLikeCode = """
        namespace PostPress.Models
        {
            [System.CodeDom.Compiler.GeneratedCode("NJsonSchema", "14")]
            public abstract partial class Pet
            {
                [Newtonsoft.Json.JsonProperty("kind", Required = Newtonsoft.Json.Required.Always)]
                public required PetKind Kind { get; set; }

                [Newtonsoft.Json.JsonProperty("name", Required = Newtonsoft.Json.Required.Always)]
                public required string Name { get; set; }
            }

            [System.CodeDom.Compiler.GeneratedCode("NJsonSchema", "14")]
            public partial class Cat : Pet
            {
                /// <summary>Lives left.</summary>
                [Newtonsoft.Json.JsonProperty("lives", Required = Newtonsoft.Json.Required.Default)]
                public int? Lives { get; set; }

                [Newtonsoft.Json.JsonProperty("object", Required = Newtonsoft.Json.Required.Always)]
                public required string Object { get; set; }
            }

            [System.CodeDom.Compiler.GeneratedCode("NJsonSchema", "14")]
            public partial class Problem
            {
                [Newtonsoft.Json.JsonProperty("title", Required = Newtonsoft.Json.Required.Always)]
                public required string Title { get; set; }
            }
        }
        """;

    private static GenerationModel PetModel() => Spec.Generate(Spec.Doc(
        """
        Pet:
          oneOf: [{$ref: '#/components/schemas/Cat'}]
          discriminator: {propertyName: kind}
        Cat:
          type: object
          required: [kind, name, object]
          properties: {kind: {const: CAT}, name: {type: string}, lives: {type: integer}, object: {const: Cat}}
        Problem: {type: object, required: [title], properties: {title: {type: string}}}
        """,
        """
        /pets:
          get:
            operationId: getPet
            responses:
              '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
              '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        """));

    [Fact]
    public void PostProcessor_keeps_constants_and_discriminators_out_of_required_and_hides_error_models()
    {
        var code = NSwagPostProcessor.Process(NSwagLikeCode, PetModel(), "test.cs");

        Assert.Contains("public PetKind Kind { get; set; } = default!;", code, System.StringComparison.Ordinal);
        Assert.Contains("public required string Name { get; set; }", code, System.StringComparison.Ordinal);
        Assert.Contains("public string Object { get; set; } = \"Cat\";", code, System.StringComparison.Ordinal);
        Assert.Contains("internal partial class Problem", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFactory_has_required_parameters_first_null_checks_and_optional_defaults()
    {
        var model = PetModel();
        string factory = ModelFactoryEmitter.Emit(NSwagPostProcessor.Process(NSwagLikeCode, model, "test.cs"), model, "PostPress.Models");

        Assert.Contains(
            "public static global::PostPress.Models.Cat Cat(string name, global::PostPress.Models.PetKind? kind = null, int? lives = null, string? @object = null)",
            factory, System.StringComparison.Ordinal);
        Assert.Contains("throw new global::System.ArgumentNullException(nameof(name));", factory, System.StringComparison.Ordinal);
        Assert.Contains("result.Kind = kind.Value;", factory, System.StringComparison.Ordinal);
        Assert.Contains("result.Object = @object;", factory, System.StringComparison.Ordinal);
        Assert.Contains("Lives left.", factory, System.StringComparison.Ordinal);
        Assert.DoesNotContain(" Pet(", factory, System.StringComparison.Ordinal); // abstract
        Assert.DoesNotContain(" Problem(", factory, System.StringComparison.Ordinal); // internal
    }
}
