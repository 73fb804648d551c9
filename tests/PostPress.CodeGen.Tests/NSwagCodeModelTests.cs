using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>
/// NSwag's code model read in-process (<see cref="NSwagModelGenerator"/>): spec fragments through the real NSwag generator
/// with build/nswag.json, checked on the <see cref="ModelFactoryEmitter.ModelClass"/>/<see cref="ModelFactoryEmitter.Property"/>
/// values the model factory, the serializers and the System.Text.Json emitter read.
/// </summary>
public class NSwagCodeModelTests
{
    private const string Schemas = """
        Pet:
          oneOf: [{$ref: '#/components/schemas/Cat'}]
          discriminator: {propertyName: kind}
        Cat:
          type: object
          description: A `cat`.
          required: [kind, first-name, object, tags]
          properties:
            kind: {const: CAT}
            first-name: {type: string, description: 'The **first** name.'}
            firstName: {type: string}
            object: {const: Cat}
            tags: {type: array, items: {type: string, format: uuid}}
            friends: {type: object, additionalProperties: {$ref: '#/components/schemas/Toy'}}
            note: {type: [string, 'null']}
            born: {type: string, format: date}
            wakes: {type: string, format: time}
            nap: {type: string, format: duration}
            created_at: {type: string, format: date-time}
            old: {type: integer, deprecated: true}
        Toy: {type: object, properties: {name: {type: string}}}
        Problem: {type: object, required: [title], properties: {title: {type: string}}}
        """;

    private const string Paths = """
        /pets:
          get:
            operationId: getPet
            responses:
              '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
              '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        """;

    private static NSwagModelGenerator.Result Generate() => Spec.Models(Spec.Generate(Spec.Doc(Schemas, Paths)));

    private static ModelFactoryEmitter.Property Prop(NSwagModelGenerator.Result result, string cls, string json) =>
        result.Classes[cls].Properties.Single(p => p.Json == json);

    [Fact]
    public void Classes_come_from_nswags_class_models_with_inheritance_visibility_and_extension_data()
    {
        var result = Generate();

        Assert.Equal(new[] { "Cat", "Pet", "Problem", "Toy" }, result.Classes.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        Assert.True(result.Classes["Pet"].Abstract);
        Assert.Equal("Pet", result.Classes["Cat"].Base);
        Assert.False(result.Classes["Cat"].Abstract);
        Assert.True(result.Classes["Cat"].Public);
        Assert.False(result.Classes["Problem"].Public); // only reached from an error response
        Assert.Contains("internal partial class Problem", result.Code, System.StringComparison.Ordinal);
        Assert.True(result.Classes["Pet"].ExtensionData);
        Assert.False(result.Classes["Cat"].ExtensionData); // declared once, on the base
        Assert.Equal(new[] { "kind" }, result.Classes["Pet"].Properties.Select(p => p.Json));
    }

    [Fact]
    public void Property_names_lose_underscores_and_clashes_get_a_number_in_schema_order()
    {
        var result = Generate();

        Assert.Equal("FirstName", Prop(result, "Cat", "first-name").Name);
        Assert.Equal("FirstName2", Prop(result, "Cat", "firstName").Name);
        Assert.Equal("CreatedAt", Prop(result, "Cat", "created_at").Name);
        Assert.Contains("public required string FirstName { get; set; }", result.Code, System.StringComparison.Ordinal);
        Assert.Contains("public string? FirstName2 { get; set; }", result.Code, System.StringComparison.Ordinal);
        Assert.All(result.Classes["Cat"].Properties, p => Assert.Equal("Cat", p.Declaring));
    }

    [Fact]
    public void Types_are_nswags_resolution_with_their_structure()
    {
        var result = Generate();

        var tags = Prop(result, "Cat", "tags");
        Assert.Equal("System.Collections.Generic.IList<System.Guid>", tags.Type);
        Assert.Equal(new ModelType(ModelTypeKind.List, "System.Collections.Generic.IList", false, new ModelType(ModelTypeKind.Named, "System.Guid", false)), tags.TypeInfo);
        Assert.Equal("uuid", tags.Format);

        var friends = Prop(result, "Cat", "friends");
        Assert.Equal("System.Collections.Generic.IDictionary<string, Toy>?", friends.Type);
        Assert.Equal(ModelTypeKind.Map, friends.TypeInfo!.Kind);
        Assert.True(friends.TypeInfo.Nullable);
        Assert.Equal(new ModelType(ModelTypeKind.Named, "Toy", false), friends.TypeInfo.Item);

        Assert.Equal("System.DateTimeOffset?", Prop(result, "Cat", "created_at").Type);
        Assert.Equal("PetKind", Prop(result, "Pet", "kind").Type); // the discriminator enum, an excluded type
        Assert.All(result.Classes.Values.SelectMany(c => c.Properties), p => Assert.Equal(p.Type, p.TypeInfo!.ToString()));
    }

    [Fact]
    public void Requirements_constants_discriminators_and_explicit_null_come_from_the_schemas()
    {
        var result = Generate();

        var first = Prop(result, "Cat", "first-name");
        Assert.True(first.Required);
        Assert.Equal("Always", first.JsonRequired);
        Assert.False(first.IgnoreNull);

        var second = Prop(result, "Cat", "firstName");
        Assert.False(second.Required);
        Assert.Equal("Default", second.JsonRequired);
        Assert.True(second.IgnoreNull);
        Assert.False(second.Tracked);

        // Set by the object: not 'required' for callers, initialized, still required on the wire.
        var constant = Prop(result, "Cat", "object");
        Assert.False(constant.Required);
        Assert.Equal("\"Cat\"", constant.Initializer);
        Assert.Equal("Always", constant.JsonRequired);
        Assert.True(ModelFactoryEmitter.SetByObject(constant));
        var kind = Prop(result, "Pet", "kind");
        Assert.Equal("default!", kind.Initializer);
        Assert.True(ModelFactoryEmitter.SetByObject(kind));

        // Optional and nullable in the schema: tracked, nulls included.
        var note = Prop(result, "Cat", "note");
        Assert.True(note.Tracked);
        Assert.False(note.IgnoreNull);
        Assert.Contains("NullValueHandling = Newtonsoft.Json.NullValueHandling.Include", note.Attribute, System.StringComparison.Ordinal);
        Assert.Contains("public string? Note { get => _Note; set { _Note = value; _NoteIsSet = true; } }", result.Code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_converters_docs_and_deprecation_are_on_the_model()
    {
        var result = Generate();

        Assert.Equal("PostPress.Serialization.DateOnlyJsonConverter", Prop(result, "Cat", "born").Converter);
        Assert.Equal("PostPress.Serialization.TimeOfDayJsonConverter", Prop(result, "Cat", "wakes").Converter);
        Assert.Null(Prop(result, "Cat", "nap").Converter);
        Assert.Equal("System.TimeSpan?", Prop(result, "Cat", "nap").Type);
        Assert.DoesNotContain("DateFormatConverter", result.Code, System.StringComparison.Ordinal);

        Assert.Equal("The <b>first</b> name.", Prop(result, "Cat", "first-name").Doc);
        Assert.Null(Prop(result, "Cat", "firstName").Doc); // the generated placeholder is not a description
        Assert.Contains("/// A <c>cat</c>.", result.Code, System.StringComparison.Ordinal);
        Assert.Contains("[System.Obsolete(", result.Code, System.StringComparison.Ordinal);
        Assert.DoesNotContain("#pragma warning disable 1591", result.Code, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_read_key_by_key_and_unknown_or_unsupported_ones_fail()
    {
        JsonObject Settings(string extra) => (JsonObject)JsonNode.Parse("{\"codeGenerators\": {\"openApiToCSharpClient\": {\"namespace\": \"N\", \"typeAccessModifier\": \"internal\", \"output\": \"x.cs\"" + extra + "}}}")!;

        var settings = NSwagSettings.Read("nswag.json", Settings(", \"dateType\": \"System.DateTime\""));
        Assert.Equal("N", settings.CSharpGeneratorSettings.Namespace);
        Assert.Equal("internal", settings.CSharpGeneratorSettings.TypeAccessModifier);
        Assert.Equal("internal", settings.ClientInterfaceAccessModifier);
        Assert.Equal("System.DateTime", settings.CSharpGeneratorSettings.DateType);

        var unknown = Assert.Throws<SpecException>(() => NSwagSettings.Read("nswag.json", Settings(", \"noSuchSetting\": true")));
        Assert.Contains("noSuchSetting", unknown.Message, System.StringComparison.Ordinal);

        var model = Spec.Generate(Spec.Doc("Toy: {type: object, properties: {name: {type: string}}}"));
        var inpc = NSwagSettings.Read("nswag.json", Settings(", \"classStyle\": \"Inpc\", \"generateClientClasses\": false, \"generateClientInterfaces\": false, \"generateExceptionClasses\": false, \"useRequiredKeyword\": true, \"generateDataAnnotations\": false, \"generateJsonMethods\": false, \"generateNullableReferenceTypes\": true, \"generateOptionalPropertiesAsNullable\": true"));
        var ex = Assert.Throws<SpecException>(() => NSwagModelGenerator.GenerateAsync(model, inpc).GetAwaiter().GetResult());
        Assert.Contains("Class.liquid", ex.Message, System.StringComparison.Ordinal);
        Assert.Contains("classStyle Poco", ex.Message, System.StringComparison.Ordinal);
    }
}
