using System.Linq;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>Error-model visibility, required members of NSwag's models and the model factory emitter.</summary>
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

    private static GenerationModel PetModel() => Spec.Generate(Spec.Doc(
        """
        Pet:
          oneOf: [{$ref: '#/components/schemas/Cat'}]
          discriminator: {propertyName: kind}
        Cat:
          type: object
          required: [kind, name, object]
          properties: {kind: {const: CAT}, name: {type: string}, lives: {type: integer, description: Lives left.}, object: {const: Cat}}
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
    public void Models_keep_constants_and_discriminators_out_of_required_and_hide_error_models()
    {
        var code = Spec.Models(PetModel()).Code;

        Assert.Contains("public PetKind Kind { get; set; } = default!;", code, System.StringComparison.Ordinal);
        Assert.Contains("public required string Name { get; set; }", code, System.StringComparison.Ordinal);
        Assert.Contains("public string Object { get; set; } = \"Cat\";", code, System.StringComparison.Ordinal);
        Assert.Contains("internal partial class Problem", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFactory_has_required_parameters_first_null_checks_and_optional_defaults_and_no_discriminator_or_constant()
    {
        var model = PetModel();
        string factory = ModelFactoryEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");

        Assert.Contains(
            "public static global::PostPress.Models.Cat Cat(string name, int? lives = null)",
            factory, System.StringComparison.Ordinal);
        Assert.Contains("throw new global::System.ArgumentNullException(nameof(name));", factory, System.StringComparison.Ordinal);
        Assert.DoesNotContain("result.Kind", factory, System.StringComparison.Ordinal);
        Assert.DoesNotContain("@object", factory, System.StringComparison.Ordinal);
        Assert.Contains("<see cref=\"global::PostPress.Models.Pet.Kind\"/> is <c>CAT</c> (the variant's discriminator).", factory, System.StringComparison.Ordinal);
        Assert.Contains("<see cref=\"global::PostPress.Models.Cat.Object\"/> is the constant <c>Cat</c>.", factory, System.StringComparison.Ordinal);
        Assert.Contains("Lives left.", factory, System.StringComparison.Ordinal);
        Assert.DoesNotContain(" Pet(", factory, System.StringComparison.Ordinal); // abstract
        Assert.DoesNotContain(" Problem(", factory, System.StringComparison.Ordinal); // internal
    }

    [Fact]
    public void ModelSerializers_emit_a_reader_and_a_writer_per_model_and_a_discriminator_fast_path_per_union()
    {
        var model = PetModel();
        string code = ModelSerializerEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");

        // The converter table: every concrete model, the unknown variant and the union base, read and written.
        foreach (var name in new[] { "Cat", "UnknownPet", "Problem", "Pet" })
        {
            Assert.Contains($"[typeof(global::PostPress.Models.{name})] = new GeneratedModelConverter<global::PostPress.Models.{name}>(Read_{name}, Write_{name}),", code, System.StringComparison.Ordinal);
        }

        // Reader: required members checked from locals, then the initializer sets the C# 'required' ones.
        Assert.Contains("if (!has1) { throw S.Missing(reader, \"name\", \"Cat\"); }", code, System.StringComparison.Ordinal);
        Assert.Contains("if (S.IsNull(reader)) { throw S.NullRequired(reader, \"name\", \"Cat\"); }", code, System.StringComparison.Ordinal);
        Assert.Contains("Name = v1,", code, System.StringComparison.Ordinal);
        Assert.Contains("string? s1 = onValue ? S.String(reader) : S.ReadString(reader);", code, System.StringComparison.Ordinal);
        Assert.Contains("v2 = global::PostPress.Serialization.StrictIntegerJsonConverter.ReadNullableInt32(reader);", code, System.StringComparison.Ordinal);

        // Union: the first member decides when it is the discriminator with a known string value.
        Assert.Contains("case \"CAT\":", code, System.StringComparison.Ordinal);
        Assert.Contains("return Members_Cat(reader, first, true);", code, System.StringComparison.Ordinal);
        Assert.Contains("return Members_UnknownPet(reader, first, true);", code, System.StringComparison.Ordinal);
        Assert.Contains("UnionJsonConverter.ReadSlow<global::PostPress.Models.Pet>(reader, first, depth, Variant_Pet);", code, System.StringComparison.Ordinal);

        // Unknown variant: nothing required, the received fields recorded and the only ones written back.
        Assert.DoesNotContain("S.Missing(reader, \"kind\", \"UnknownPet\")", code, System.StringComparison.Ordinal);
        Assert.Contains("if (has0) { received.Add(\"kind\"); }", code, System.StringComparison.Ordinal);
        Assert.Contains("if (received.Contains(\"kind\"))", code, System.StringComparison.Ordinal);

        // Writer: a null required member is refused, a subclass of a known runtime type goes to the serializer.
        Assert.Contains("throw S.NullOnWrite(\"name\", \"Cat\");", code, System.StringComparison.Ordinal);
        Assert.Contains("if (runtime == typeof(global::PostPress.Models.Cat))", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSerializers_emit_each_unions_dispatch_table_from_the_spec_not_from_attributes()
    {
        var model = PetModel();
        string code = Flat(ModelSerializerEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models"));

        Assert.Contains("[typeof(global::PostPress.Models.Pet)] = new global::PostPress.Serialization.UnionMetadata( \"kind\",", code, System.StringComparison.Ordinal);
        Assert.Contains("[\"CAT\"] = typeof(global::PostPress.Models.Cat)", code, System.StringComparison.Ordinal);
        Assert.Contains("typeof(global::PostPress.Models.UnknownPet)),", code, System.StringComparison.Ordinal);
        Assert.Contains("public static global::PostPress.Serialization.UnionMetadata? UnionFor(global::System.Type type)", code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void SystemTextJsonConverters_are_attached_by_attribute_and_dispatch_unions_from_the_generated_table()
    {
        var model = PetModel();
        string code = SystemTextJsonEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");
        string flat = Flat(code);

        // Every model, union base, variant, unknown variant and extensible enum carries the converter.
        foreach (string declaration in new[] { "partial class Cat", "partial class Pet", "partial class UnknownPet", "partial struct PetKind" })
        {
            Assert.Contains("[global::System.Text.Json.Serialization.JsonConverter(typeof(global::PostPress.PostPressSystemTextJsonConverter))] " + declaration + " { }", flat, System.StringComparison.Ordinal);
        }

        // Reader: Utf8JsonReader, the same required-member rules; the union decided by its table on a copy of the reader.
        Assert.Contains("private static global::PostPress.Models.Cat Members_Cat(ref Utf8JsonReader reader, int replayed)", code, System.StringComparison.Ordinal);
        Assert.Contains("if (!has1) { throw J.Missing(\"name\", \"Cat\"); }", code, System.StringComparison.Ordinal);
        Assert.Contains("v2 = J.NullableInt32(ref reader);", code, System.StringComparison.Ordinal);
        Assert.Contains("private static readonly UnionMetadata Union_Pet = ModelSerializers.UnionFor(typeof(global::PostPress.Models.Pet))!;", code, System.StringComparison.Ordinal);
        Assert.Contains("var variant = Union_Pet.Peek(reader, out int replayed);", code, System.StringComparison.Ordinal);
        Assert.Contains("if (variant == typeof(global::PostPress.Models.Cat)) { return Members_Cat(ref reader, replayed); }", code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("JsonSubtypes", code, System.StringComparison.Ordinal);

        // Writer: Utf8JsonWriter, a null required member refused, the unknown variant's received fields only.
        Assert.Contains("throw J.NullOnWrite(\"name\", \"Cat\");", code, System.StringComparison.Ordinal);
        Assert.Contains("if (received.Contains(\"kind\"))", code, System.StringComparison.Ordinal);
        Assert.Contains("private static void Write_Pet(Utf8JsonWriter writer, global::PostPress.Models.Pet value)", code, System.StringComparison.Ordinal);
    }

    private static string Flat(string code) => System.Text.RegularExpressions.Regex.Replace(code, @"\s+", " ");

    [Fact]
    public void ModelSerializers_refuse_a_property_type_they_cannot_read()
    {
        var model = PetModel();
        var classes = Spec.Models(model).Classes;
        var cat = classes["Cat"];
        int lives = cat.Properties.FindIndex(p => p.Json == "lives");
        cat.Properties[lives] = cat.Properties[lives] with { Type = "decimal?", TypeInfo = new ModelType(ModelTypeKind.Named, "decimal", true) };

        var ex = Assert.Throws<SpecException>(() => ModelSerializerEmitter.Emit(classes, model, "PostPress.Models"));
        Assert.Contains("PPCG002", ex.Message, System.StringComparison.Ordinal);
        Assert.Contains("Cat.Lives", ex.Message, System.StringComparison.Ordinal);
        Assert.Contains("decimal?", ex.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Models_open_the_extension_data_backing_field_to_the_generated_writers()
    {
        var model = Spec.Generate(Spec.Doc("Thing: {type: object, required: [id], properties: {id: {type: string}}}"));

        var result = Spec.Models(model);
        Assert.Contains("internal System.Collections.Generic.IDictionary<string, object>? _additionalProperties;", result.Code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("private System.Collections.Generic.IDictionary<string, object>? _additionalProperties;", result.Code, System.StringComparison.Ordinal);
        Assert.True(result.Classes["Thing"].ExtensionData);
        Assert.Contains("partial class Thing : global::PostPress.IExtensionData", ModelSerializerEmitter.Emit(result.Classes, model, "PostPress.Models"), System.StringComparison.Ordinal);
    }
}
