using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PostPress.Models;
using PostPress.Serialization;
using PostPress.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PostPress.Tests.Serialization;

/// <summary>
/// The generated model readers (obj/generated/ModelSerializers.g.cs) against Json.NET's own reflection-based path with the
/// same contracts (<see cref="PostPressContractResolver.ReflectionReference"/>), which they replaced: for every model
/// with a schema, its maximal and minimal samples and hundreds of variations of them (each member missing, null, of
/// another JSON type, named in other case; fields the model does not declare; a union's discriminator last, unknown,
/// not a string) must give the same object (same variant, same JSON written back, extension data and received fields
/// included) or both fail with a Json.NET exception.
/// </summary>
public sealed class GeneratedSerializerEquivalenceTests
{
    private static readonly JsonSerializer Generated = JsonSerializer.Create(PostPressJsonSerializerSettings.CreateForReading());

    private static readonly JsonSerializer Reference = CreateReference();

    private static readonly JsonSerializer GeneratedWriter = JsonSerializer.Create(PostPressJsonSerializerSettings.Create());

    private static readonly JsonSerializer ReferenceWriter = CreateReferenceWriter();

    private readonly ITestOutputHelper _output;

    public GeneratedSerializerEquivalenceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Models()
    {
        foreach (var type in typeof(Account).Assembly.GetTypes()
            .Where(t => t.Namespace == "PostPress.Models" && t.IsClass && ModelSerializers.ConverterFor(t) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (SchemaName(type) is string schema)
            {
                yield return new object[] { type.Name, schema };
            }
        }
    }

    [Fact]
    public void Every_model_has_a_generated_reader_and_nearly_all_have_a_schema_to_compare_with()
    {
        var models = typeof(Account).Assembly.GetTypes()
            .Where(t => t.Namespace == "PostPress.Models" && t.IsClass && !t.IsAbstract && !t.IsNested
                && t.GetProperties().Any(p => p.GetCustomAttributes(typeof(JsonPropertyAttribute), true).Length > 0))
            .ToList();
        var missing = models.Where(t => ModelSerializers.ConverterFor(t) is null).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "models without a generated reader: " + string.Join(", ", missing));

        int compared = Models().Count();
        Assert.True(compared >= models.Count * 3 / 4, $"only {compared} of {models.Count} models are compared");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_reader_matches_json_net_on_samples_and_their_variations(string typeName, string schemaName)
    {
        var type = typeof(Account).Assembly.GetType("PostPress.Models." + typeName)!;
        int cases = 0;
        foreach (bool maximal in new[] { true, false })
        {
            if (SpecModel.Sample(SpecModel.Schema(schemaName), maximal) is not JObject sample)
            {
                continue;
            }

            foreach (var (what, json) in Variations(sample, type))
            {
                Compare(type, json, $"{typeName} ({(maximal ? "maximal" : "minimal")}) {what}");
                cases++;
            }
        }

        _output.WriteLine($"{typeName}: {cases} payloads compared");
        Assert.True(cases > 0);
    }

    [Fact]
    public void Generated_reader_matches_json_net_on_union_dispatch_edge_cases()
    {
        var account = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true);
        var type = account["type"]!;
        var noType = (JObject)account.DeepClone();
        noType.Remove("type");
        var last = (JObject)noType.DeepClone();
        last.Add("type", type);
        var payloads = new Dictionary<string, string>
        {
            ["discriminator first"] = account.ToString(),
            ["discriminator last"] = last.ToString(),
            ["discriminator missing"] = noType.ToString(),
            ["discriminator unknown"] = With(account, "type", "MASTODON"),
            ["discriminator a number"] = With(account, "type", 5),
            ["discriminator null"] = With(account, "type", JValue.CreateNull()),
            ["discriminator in upper case"] = account.ToString().Replace("\"type\"", "\"TYPE\"", StringComparison.Ordinal),
            ["empty object"] = "{}",
            ["comment first"] = "{ /* c */ " + account.ToString().Substring(1),
            ["array"] = "[]",
            ["null"] = "null",
            ["string"] = "\"x\"",
        };
        foreach (var (what, json) in payloads)
        {
            Compare(typeof(Account), json, "Account " + what);
        }

        var seat = (JObject)SpecModel.Sample(SpecModel.Schema("RecruiterSeatError"), maximal: true);
        Compare(typeof(RecruiterSeatStatus), seat.ToString(), "RecruiterSeatStatus by property");
        var reversed = new JObject(seat.Properties().Reverse());
        Compare(typeof(RecruiterSeatStatus), reversed.ToString(), "RecruiterSeatStatus by property, reversed");
        Compare(typeof(RecruiterSeatStatus), "{\"x\": 1}", "RecruiterSeatStatus neither");
    }

    [Fact]
    public void Generated_reader_matches_json_net_inside_lists_and_at_depth()
    {
        var item = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true);
        var unknown = (JObject)item.DeepClone();
        unknown["type"] = "MASTODON";
        var noId = (JObject)item.DeepClone();
        noId.Remove("id");
        Compare(typeof(List<Account>), new JArray(item, unknown, JValue.CreateNull()).ToString(), "a list with a known, an unknown and a null account");
        Compare(typeof(List<Account>), new JArray(item, noId).ToString(), "a list with an account missing its id");
        Compare(typeof(Dictionary<string, Account>), new JObject { ["a"] = item, ["b"] = unknown }.ToString(), "a dictionary of accounts");

        var relations = (JObject)SpecModel.Sample(SpecModel.Schema("UserRelationsList"), maximal: true);
        var relation = (JObject)((JArray)relations["items"]!)[0];
        var broken = (JObject)relation.DeepClone();
        broken["created_at"] = 1.5;
        relations["items"] = new JArray(relation, relation.DeepClone());
        Compare(typeof(UserRelationsList), relations.ToString(), "a page of relations");
        relations["items"] = new JArray(relation, broken);
        Compare(typeof(UserRelationsList), relations.ToString(), "a page of relations, one broken");
    }

    [Fact]
    public void Generated_writer_matches_json_net_on_objects_built_in_code()
    {
        var account = PostPressJson.Deserialize<Account>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        CompareWrite(account, "an account as read");

        var missingRequired = PostPressJson.Deserialize<LinkedInAccount>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        missingRequired.Name = null!;
        CompareWrite(missingRequired, "an account whose required name is null");

        var nulls = PostPressJson.Deserialize<LinkedInAccount>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        nulls.CurrentSignature = null;
        nulls.Signatures = null;
        nulls.Groups = new List<string> { "a", null!, "c" };
        nulls.AdditionalProperties["zz_token"] = new JObject { ["x"] = new JArray(1, JValue.CreateNull(), "y") };
        nulls.AdditionalProperties["zz_null"] = null!;
        nulls.AdditionalProperties["zz_number"] = 1.5;
        nulls.AdditionalProperties["zz_date"] = new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.FromHours(2));
        CompareWrite(nulls, "an account with null members, a null item and extension data of every kind");

        var unknown = new UnknownAccount { Id = "acc_1", Name = "n" };
        ((IUnknownVariant)unknown).ReceivedFields.Add("id");
        unknown.AdditionalProperties["type"] = "MASTODON";
        CompareWrite(unknown, "an unknown account built in code, one field received");

        var action = LinkedInUserAction.AddCandidateToPipeline("acc", "proj", RecruiterPipelineStage.Contacted);
        CompareWrite(action, "a request body built by the helper");
        CompareWrite(new List<LinkedInUserActionRequest> { action, new RecruiterPipelineActionRequest { AccountId = "a", HiringProjectId = "p" } }, "a list of request bodies, one with its defaults");
    }

    [Fact]
    public void Generated_writer_reports_a_self_referencing_loop_instead_of_overflowing_the_stack()
    {
        var account = PostPressJson.Deserialize<LinkedInAccount>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        account.AdditionalProperties["self"] = account;

        var ex = Assert.ThrowsAny<JsonSerializationException>(() => PostPressJson.Serialize(account));
        Assert.Contains("Self referencing loop", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LinkedInAccount", ex.Message, StringComparison.Ordinal);

        // The depth is restored: the next write works.
        account.AdditionalProperties.Remove("self");
        Assert.Contains("\"id\"", PostPressJson.Serialize(account), StringComparison.Ordinal);
    }

    private static string With(JObject source, string name, JToken value)
    {
        var copy = (JObject)source.DeepClone();
        copy[name] = value;
        return copy.ToString();
    }

    private void Compare(Type type, string json, string what)
    {
        var (expected, expectedError) = Read(Reference, json, type);
        var (actual, actualError) = Read(Generated, json, type);
        if (expectedError is not null || actualError is not null)
        {
            Assert.True(
                expectedError is not null && actualError is not null,
                $"{what}: Json.NET {(expectedError is null ? "read it" : "failed: " + expectedError.Message)}; the generated reader {(actualError is null ? "read it" : "failed: " + actualError.Message)}.\n{json}");
            return;
        }

        Assert.True(expected?.GetType() == actual?.GetType(), $"{what}: Json.NET read a {expected?.GetType().Name}, the generated reader a {actual?.GetType().Name}.\n{json}");

        // The readers: both objects written by Json.NET's own path.
        string expectedJson = Write(ReferenceWriter, expected);
        string actualJson = Write(ReferenceWriter, actual);
        Assert.True(expectedJson == actualJson, $"{what}: the objects differ.\nJson.NET:  {expectedJson}\ngenerated: {actualJson}\ninput: {json}");

        // The writers: the object written by the generated writer and by Json.NET's own path.
        CompareWrite(actual, what);
    }

    private static void CompareWrite(object? value, string what)
    {
        var (expected, expectedError) = TryWrite(ReferenceWriter, value);
        var (actual, actualError) = TryWrite(GeneratedWriter, value);
        Assert.True(
            (expectedError is null) == (actualError is null),
            $"{what}: writing, Json.NET {(expectedError is null ? "wrote it" : "failed: " + expectedError.Message)}; the generated writer {(actualError is null ? "wrote it" : "failed: " + actualError.Message)}.");
        Assert.True(expected == actual, $"{what}: written differently.\nJson.NET:  {expected}\ngenerated: {actual}");
    }

    private static (string? Json, Exception? Error) TryWrite(JsonSerializer serializer, object? value)
    {
        try
        {
            return (Write(serializer, value), null);
        }
        catch (JsonException ex)
        {
            return (null, ex);
        }
    }

    private static string Write(JsonSerializer serializer, object? value)
    {
        var text = new System.IO.StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        serializer.Serialize(text, value);
        return text.ToString();
    }

    private static (object? Value, Exception? Error) Read(JsonSerializer serializer, string json, Type type)
    {
        try
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(json));
            return (serializer.Deserialize(reader, type), null);
        }
        catch (JsonException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>The sample itself and its variations, one change at a time.</summary>
    internal static IEnumerable<(string What, string Json)> Variations(JObject sample, Type type)
    {
        yield return ("as is", sample.ToString());
        var undeclared = (JObject)sample.DeepClone();
        undeclared["zz_object"] = new JObject { ["a"] = new JArray(1, "b", JValue.CreateNull()) };
        undeclared["zz_array"] = new JArray(1.5, true);
        undeclared["zz_number"] = 12345678901234L;
        undeclared["zz_null"] = JValue.CreateNull();
        yield return ("with undeclared fields", undeclared.ToString());
        var extra = (JObject)sample.DeepClone();
        extra.AddFirst(new JProperty("zz_first", "x"));
        yield return ("with an undeclared field first", extra.ToString());

        var replacements = new (string What, JToken Value)[]
        {
            ("null", JValue.CreateNull()),
            ("a string", "text"),
            ("an empty string", string.Empty),
            ("an integral string", "42"),
            ("an integer", 7),
            ("a fraction", 1.5),
            ("an integral float", 993.0),
            ("a boolean", true),
            ("an empty array", new JArray()),
            ("an empty object", new JObject()),
            ("a date string", "2026-04-12T09:14:21+02:00"),
        };
        foreach (var property in sample.Properties().ToList())
        {
            var without = (JObject)sample.DeepClone();
            without.Remove(property.Name);
            yield return ($"without '{property.Name}'", without.ToString());

            var renamed = new JObject(sample.Properties().Select(p => p.Name == property.Name ? new JProperty(p.Name.ToUpperInvariant(), p.Value) : new JProperty(p)));
            yield return ($"with '{property.Name}' in upper case", renamed.ToString());

            foreach (var (what, value) in replacements)
            {
                yield return ($"with '{property.Name}' {what}", With(sample, property.Name, value));
            }

            if (property.Value is JArray { Count: > 0 } array)
            {
                yield return ($"with '{property.Name}' holding a null item", With(sample, property.Name, new JArray(array[0], JValue.CreateNull())));
                yield return ($"with '{property.Name}' holding a string item", With(sample, property.Name, new JArray(array[0], "x")));
            }
        }

        if (type.IsAbstract)
        {
            // A union: its discriminator (if any) moved last.
            var first = sample.Properties().First();
            var moved = new JObject(sample.Properties().Skip(1).Select(p => new JProperty(p)).Append(new JProperty(first)));
            yield return ($"with '{first.Name}' last", moved.ToString());
        }
    }

    internal static string? SchemaName(Type type)
    {
        if (SpecModel.Schemas[type.Name] is JObject)
        {
            return type.Name;
        }

        foreach (var (name, schema) in SpecModel.Schemas)
        {
            if ((string?)schema?["x-csharp-name"] == type.Name)
            {
                return name;
            }
        }

        return null;
    }

    private static JsonSerializer CreateReferenceWriter()
    {
        var settings = PostPressJsonSerializerSettings.Create();
        settings.ContractResolver = PostPressContractResolver.ReflectionWriteReference;
        return JsonSerializer.Create(settings);
    }

    private static JsonSerializer CreateReference()
    {
        var settings = PostPressJsonSerializerSettings.CreateForReading();
        settings.ContractResolver = PostPressContractResolver.ReflectionReference;
        return JsonSerializer.Create(settings);
    }
}
