using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.CodeGen.Tests;

/// <summary>String and number formats (type mapping, converters, readers and writers) and explicit null for optional nullable members.</summary>
public class FormatTests
{
    private const string Schemas = """
        Slot:
          type: object
          required: [at, every, day, id, link, blob, ratio]
          properties:
            at: {type: string, format: time}
            every: {type: string, format: duration}
            day: {type: string, format: date}
            id: {type: string, format: uuid}
            link: {type: string, format: uri}
            blob: {type: string, format: byte}
            ratio: {type: number, format: float}
            note: {type: [string, 'null']}
            maybe_at: {type: [string, 'null'], format: time}
            plain: {type: string}
            ids: {type: array, items: {type: string, format: uuid}}
        """;

    private static GenerationModel Model(string schemas = Schemas) => Spec.Generate(Spec.Doc(schemas));

    [Fact]
    public void NSwag_settings_map_each_format_to_its_documented_type()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "nswag.json")))!["codeGenerators"]!["openApiToCSharpClient"]!;

        Assert.Equal("System.DateTime", (string?)settings["dateType"]);
        Assert.Equal("System.DateTimeOffset", (string?)settings["dateTimeType"]);
        Assert.Equal("System.TimeSpan", (string?)settings["timeType"]);
        Assert.Equal("System.TimeSpan", (string?)settings["timeSpanType"]);
    }

    [Theory]
    [InlineData("at", "System.TimeSpan")]
    [InlineData("every", "System.TimeSpan")]
    [InlineData("day", "System.DateTime")]
    [InlineData("id", "System.Guid")]
    [InlineData("link", "System.Uri")]
    [InlineData("blob", "byte[]")]
    [InlineData("ratio", "float")]
    [InlineData("ids", "System.Collections.Generic.IList<System.Guid>")]
    public void Spec_model_answers_the_type_nswag_gives_each_format(string property, string type)
    {
        Assert.Equal(type, Model().Spec.TypeNameAt("#/components/schemas/Slot/properties/" + property));
    }

    [Fact]
    public void Parameters_are_typed_by_format_and_formatted_in_their_wire_form()
    {
        var surface = new OperationSurfaceBuilder(Spec.Generate(Spec.Doc(Schemas, """
            /slots/{slot_id}:
              get:
                operationId: getSlot
                tags: [Slots]
                parameters:
                  - {name: slot_id, in: path, required: true, schema: {type: string, format: uuid}}
                  - {name: day, in: query, schema: {type: string, format: date}}
                  - {name: grace, in: query, schema: {type: string, format: duration}}
                  - {name: link, in: query, schema: {type: string, format: uri}}
                  - {name: at, in: query, schema: {type: string, format: time}}
                  - {name: ids, in: query, schema: {type: array, items: {type: string, format: uuid}}}
                responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Slot'}}}}}
            """))).Build();
        var op = surface.Resources.Single().Operations.Single();

        Assert.Equal(
            new[] { "global::System.Guid", "global::System.DateTime", "global::System.TimeSpan", "global::System.Uri", "string", "global::System.Collections.Generic.IEnumerable<global::System.Guid>" },
            op.Parameters.Select(p => p.Type));
        Assert.Equal(new[] { true, true, true, false, false }, op.Parameters.Take(5).Select(p => p.IsValueType));

        string code = Flat(OperationEmitter.Emit(surface));
        Assert.Contains("url.AppendSegment(RequestUrl.Format(slotId));", code, StringComparison.Ordinal);
        Assert.Contains("url.AppendQuery(\"day\", RequestUrl.Format(valueDay));", code, StringComparison.Ordinal);
        Assert.Contains("url.AppendQuery(\"grace\", RequestUrl.Format(valueGrace));", code, StringComparison.Ordinal);
        Assert.Contains("url.AppendQuery(\"link\", RequestUrl.Format(valueLink));", code, StringComparison.Ordinal);
        Assert.Contains("url.AppendQuery(\"ids\", RequestUrl.Format(item));", code, StringComparison.Ordinal);
    }

    [Fact]
    public void NSwag_dialect_keeps_formats_for_nswag()
    {
        var schema = Model().NSwagDocument["components"]!["schemas"]!["Slot"]!["properties"]!;

        Assert.Equal("time", (string?)schema["at"]!["format"]);
        Assert.Equal("uuid", (string?)schema["ids"]!["items"]!["format"]);
        Assert.True((bool)schema["maybe_at"]!["nullable"]!);
        Assert.Equal("float", (string?)schema["ratio"]!["format"]);
    }

    [Fact]
    public void Models_give_time_members_their_converter_and_date_members_the_sdks()
    {
        string code = Spec.Models(Model()).Code;
        var lines = code.Split('\n').Select(l => l.Trim()).ToList();

        int at = lines.IndexOf("public required System.TimeSpan At { get; set; }");
        Assert.Equal("[Newtonsoft.Json.JsonConverter(typeof(global::PostPress.Serialization.TimeOfDayJsonConverter))]", lines[at - 1]);
        int every = lines.IndexOf("public required System.TimeSpan Every { get; set; }");
        Assert.StartsWith("[Newtonsoft.Json.JsonProperty(\"every\"", lines[every - 1], StringComparison.Ordinal); // a duration: no attribute
        Assert.Contains("[Newtonsoft.Json.JsonConverter(typeof(global::PostPress.Serialization.DateOnlyJsonConverter))]", lines);
        Assert.DoesNotContain("typeof(DateFormatConverter)", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_track_explicit_null_on_optional_nullable_members_only()
    {
        string code = Spec.Models(Model()).Code;

        Assert.Contains("public string? Note { get => _Note; set { _Note = value; _NoteIsSet = true; } }", code, StringComparison.Ordinal);
        Assert.Contains("private string? _Note;", code, StringComparison.Ordinal);
        Assert.Contains("internal bool _NoteIsSet;", code, StringComparison.Ordinal);
        Assert.Contains("[Newtonsoft.Json.JsonProperty(\"note\", Required = Newtonsoft.Json.Required.Default, NullValueHandling = Newtonsoft.Json.NullValueHandling.Include)]", code, StringComparison.Ordinal);
        Assert.Contains("public System.TimeSpan? MaybeAt { get => _MaybeAt; set { _MaybeAt = value; _MaybeAtIsSet = true; } }", code, StringComparison.Ordinal);

        // Not nullable in the schema: unchanged (null stays "leave it out").
        Assert.Contains("public string? Plain { get; set; }", code, StringComparison.Ordinal);
        Assert.Contains("[Newtonsoft.Json.JsonProperty(\"plain\", Required = Newtonsoft.Json.Required.Default, NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]", code, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSerializers_read_and_write_each_format_through_its_wire_form()
    {
        var model = Model();
        string code = ModelSerializerEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");

        Assert.Contains("v0 = global::PostPress.Serialization.FormatValues.Time(reader);", code, StringComparison.Ordinal);
        Assert.Contains("v1 = global::PostPress.Serialization.FormatValues.Duration(reader);", code, StringComparison.Ordinal);
        Assert.Contains("v2 = global::PostPress.Serialization.FormatValues.Date(reader);", code, StringComparison.Ordinal);
        Assert.Contains("v3 = global::PostPress.Serialization.FormatValues.Uuid(reader);", code, StringComparison.Ordinal);
        Assert.Contains("v4 = global::PostPress.Serialization.FormatValues.Uri(reader)!;", code, StringComparison.Ordinal);
        Assert.Contains("v5 = global::PostPress.Serialization.FormatValues.Bytes(reader)!;", code, StringComparison.Ordinal);
        Assert.Contains("v6 = global::PostPress.Serialization.SingleJsonConverter.Read(reader);", code, StringComparison.Ordinal);
        Assert.Contains("v8 = global::PostPress.Serialization.FormatValues.NullableTime(reader);", code, StringComparison.Ordinal);
        Assert.Contains("S.List<System.Guid>(reader, static r => global::PostPress.Serialization.FormatValues.Uuid(r))", code, StringComparison.Ordinal);

        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.TimeOfDayJsonConverter.Instance.Format(p0));", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.IsoDurationJsonConverter.Instance.Format(p1));", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.DateOnlyJsonConverter.Instance.Format(p2));", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.UuidJsonConverter.Instance.Format(p3));", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.UriJsonConverter.Instance.Format(p4));", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.Base64JsonConverter.Instance.Format(p5));", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteValue(global::PostPress.Serialization.TimeOfDayJsonConverter.Instance.Format(p8.Value));", code, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemTextJsonConverters_read_and_write_each_format_through_its_wire_form_and_tracked_nulls_when_set()
    {
        var model = Model();
        string code = SystemTextJsonEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");

        Assert.Contains("v0 = J.Format(ref reader, global::PostPress.Serialization.TimeOfDayJsonConverter.Instance);", code, StringComparison.Ordinal);
        Assert.Contains("v1 = J.Format(ref reader, global::PostPress.Serialization.IsoDurationJsonConverter.Instance);", code, StringComparison.Ordinal);
        Assert.Contains("v4 = J.FormatReference(ref reader, global::PostPress.Serialization.UriJsonConverter.Instance)!;", code, StringComparison.Ordinal);
        Assert.Contains("v6 = J.Single(ref reader);", code, StringComparison.Ordinal);
        Assert.Contains("v8 = J.NullableFormat(ref reader, global::PostPress.Serialization.TimeOfDayJsonConverter.Instance);", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteStringValue(global::PostPress.Serialization.UuidJsonConverter.Instance.Format(p3));", code, StringComparison.Ordinal);
        Assert.Contains("J.WriteSingle(writer, p6);", code, StringComparison.Ordinal);
        Assert.Contains("writer.WriteStringValue(global::PostPress.Serialization.TimeOfDayJsonConverter.Instance.Format(p8.Value));", code, StringComparison.Ordinal);
        Assert.Contains("if (p7 is null) { if (value._NoteIsSet) { writer.WriteNull(\"note\"); } }", Flat(code), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSerializers_write_a_tracked_null_only_when_it_was_set()
    {
        var model = Model();
        string code = ModelSerializerEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");
        string writer = code.Substring(code.IndexOf("private static void Write_Slot(", StringComparison.Ordinal));

        // note: written as null when set, skipped when untouched; plain: a null is never written.
        writer = Flat(writer);
        Assert.Contains("if (p7 is null) { if (value._NoteIsSet) { writer.WritePropertyName(\"note\", false); writer.WriteNull(); } }", writer, StringComparison.Ordinal);
        Assert.Contains("if (p9 is null) { // NullValueHandling.Ignore }", writer, StringComparison.Ordinal);

        // Reader: "note": null is read and assigned (which marks it set), not skipped.
        string reader = code.Substring(code.IndexOf("Members_Slot(", StringComparison.Ordinal));
        reader = reader.Substring(reader.IndexOf("case \"note\":", StringComparison.Ordinal));
        reader = reader.Substring(0, reader.IndexOf("break;", StringComparison.Ordinal));
        Assert.DoesNotContain("IsNull", reader, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFactory_assigns_a_tracked_member_only_when_given()
    {
        var model = Model();
        string factory = ModelFactoryEmitter.Emit(Spec.Models(model).Classes, model, "PostPress.Models");

        Assert.Contains("if (note is not null) { result.Note = note; }", Flat(factory), StringComparison.Ordinal);
        Assert.Contains("                Plain = plain,", factory, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_inside_a_json_model_and_arrays_of_times_are_refused()
    {
        var binary = Model("Slot: {type: object, properties: {blob: {type: string, format: binary}}}");
        var ex = Assert.Throws<SpecException>(() => Spec.Models(binary));
        Assert.Contains("Slot.blob", ex.Message, StringComparison.Ordinal);
        Assert.Contains("format: byte", ex.Message, StringComparison.Ordinal);

        var times = Model("Slot: {type: object, properties: {ats: {type: array, items: {type: string, format: time}}}}");
        ex = Assert.Throws<SpecException>(() => Spec.Models(times));
        Assert.Contains("Slot.ats", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelSerializers_refuse_a_map_of_formatted_values()
    {
        var model = Model("Slot: {type: object, properties: {days: {type: object, additionalProperties: {type: string, format: date}}}}");
        var classes = Spec.Models(model).Classes;

        var ex = Assert.Throws<SpecException>(() => ModelSerializerEmitter.Emit(classes, model, "PostPress.Models"));
        Assert.Contains("PPCG002", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Slot.Days", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The code with every run of whitespace as one space.</summary>
    private static string Flat(string code) => System.Text.RegularExpressions.Regex.Replace(code, @"\s+", " ");
}
