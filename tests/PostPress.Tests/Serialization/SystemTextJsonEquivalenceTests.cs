using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Newtonsoft.Json.Linq;
using PostPress.Serialization;
using PostPress.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace PostPress.Tests.Serialization;

/// <summary>
/// The generated System.Text.Json converters (obj/generated/SystemTextJsonConverters.g.cs) against the SDK's Json.NET
/// path (<see cref="PostPressJson"/>), for every model with a schema, over the samples and variations
/// <see cref="GeneratedSerializerEquivalenceTests"/> uses (each member missing, null, of another JSON type, named in
/// another case; undeclared fields; a union's discriminator last):
/// <list type="bullet">
/// <item><description>reading: both read it (the same variant, and the same JSON when both objects are written by
/// <see cref="PostPressJson"/>) or both refuse it — System.Text.Json with a <see cref="JsonException"/> (its convention for
/// converters), nothing else;</description></item>
/// <item><description>writing: System.Text.Json writes the same JSON as <see cref="PostPressJson"/>. Compared byte for
/// byte with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> (which escapes as Json.NET does), and token for
/// token (same members in the same order, same number text, same string values) with System.Text.Json's default
/// encoder, which escapes more characters (<c>&lt;</c>, <c>&amp;</c>, non-ASCII) as <c>\uXXXX</c>: the same JSON, not the
/// same bytes.</description></item>
/// </list>
/// </summary>
public sealed class SystemTextJsonEquivalenceTests
{
    private static readonly JsonSerializerOptions Default = new();

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ITestOutputHelper _output;

    public SystemTextJsonEquivalenceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Models() => GeneratedSerializerEquivalenceTests.Models();

    [Fact]
    public void Every_model_union_and_extensible_enum_carries_a_generated_converter()
    {
        var types = typeof(Account).Assembly.GetTypes()
            .Where(t => t.Namespace == "PostPress.Models" && !t.IsNested && (ModelSerializers.ConverterFor(t) is not null || t.GetInterface("IExtensibleEnum") is not null))
            .ToList();
        var missing = types.Where(t => SystemTextJsonConverters.ConverterFor(t) is null
            || t.GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false).Length != 1).Select(t => t.Name).ToList();

        Assert.True(types.Count > 50, $"only {types.Count} types found");
        Assert.True(missing.Count == 0, "without a generated System.Text.Json converter: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void System_text_json_reads_and_writes_every_sample_and_variation_as_PostPressJson(string typeName, string schemaName)
    {
        var type = typeof(Account).Assembly.GetType("PostPress.Models." + typeName)!;
        int cases = 0;
        foreach (bool maximal in new[] { true, false })
        {
            if (SpecModel.Sample(SpecModel.Schema(schemaName), maximal) is not JObject sample)
            {
                continue;
            }

            foreach (var (what, json) in GeneratedSerializerEquivalenceTests.Variations(sample, type))
            {
                Compare(type, json, $"{typeName} ({(maximal ? "maximal" : "minimal")}) {what}");
                cases++;
            }
        }

        _output.WriteLine($"{typeName}: {cases} payloads compared");
        Assert.True(cases > 0);
    }

    [Fact]
    public void System_text_json_dispatches_unions_as_PostPressJson()
    {
        var account = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true);
        var noType = (JObject)account.DeepClone();
        noType.Remove("type");
        var last = (JObject)noType.DeepClone();
        last.Add("type", account["type"]!);
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
            ["array"] = "[]",
            ["null"] = "null",
            ["string"] = "\"x\"",
            ["empty string"] = "\"\"",
        };
        foreach (var (what, json) in payloads)
        {
            Compare(typeof(Account), json, "Account " + what);
        }

        var seat = (JObject)SpecModel.Sample(SpecModel.Schema("RecruiterSeatError"), maximal: true);
        Compare(typeof(RecruiterSeatStatus), seat.ToString(), "RecruiterSeatStatus by property");
        Compare(typeof(RecruiterSeatStatus), new JObject(seat.Properties().Reverse()).ToString(), "RecruiterSeatStatus by property, reversed");
        Compare(typeof(RecruiterSeatStatus), "{\"x\": 1}", "RecruiterSeatStatus neither");
        Compare(typeof(List<Account>), new JArray(account, JObject.Parse(With(account, "type", "MASTODON")), JValue.CreateNull()).ToString(), "a list of accounts");
    }

    [Fact]
    public void Explicit_nulls_formats_and_extension_data_of_every_kind_are_written_as_PostPressJson_writes_them()
    {
        var account = PostPressJson.Deserialize<LinkedInAccount>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        account.CurrentSignature = null;
        account.Signatures = null;
        account.Groups = new List<string> { "a", null!, "c <&> caf\u00e9" };
        account.AdditionalProperties["zz_token"] = new JObject { ["x"] = new JArray(1, JValue.CreateNull(), "y", 1.0, System.Numerics.BigInteger.Parse("12345678901234567890", System.Globalization.CultureInfo.InvariantCulture)) };
        account.AdditionalProperties["zz_null"] = null!;
        account.AdditionalProperties["zz_number"] = 1.5;
        account.AdditionalProperties["zz_whole"] = 2.0;
        account.AdditionalProperties["zz_date"] = new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.FromHours(2));
        account.AdditionalProperties["zz_model"] = new AccountSignature { Title = "t", Content = "c" };
        CompareWrite(account, typeof(LinkedInAccount), "an account with nulls and extension data");
        CompareWrite(account, typeof(Account), "the same account as its union");

        var unknown = new UnknownAccount { Id = "acc_1", Name = "n" };
        ((IUnknownVariant)unknown).ReceivedFields.Add("id");
        unknown.AdditionalProperties["type"] = "MASTODON";
        CompareWrite(unknown, typeof(Account), "an unknown account built in code, one field received");

        var action = LinkedInUserAction.AddCandidateToPipeline("acc", "proj", RecruiterPipelineStage.Contacted);
        CompareWrite(action, typeof(LinkedInUserActionRequest), "a request body built by the helper");
        Assert.Equal("null", JsonSerializer.Serialize(default(NetworkDistance)));
        Assert.Equal("\"brand-new\"", JsonSerializer.Serialize(new NetworkDistance("brand-new")));
    }

    [Fact]
    public void A_required_member_left_null_is_a_json_exception_when_written()
    {
        var account = PostPressJson.Deserialize<LinkedInAccount>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        account.Name = null!;

        var wire = Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => PostPressJson.Serialize(account));
        var stj = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(account));
        Assert.Equal(wire.Message, stj.Message);
    }

    [Fact]
    public void A_self_referencing_loop_is_a_json_exception_and_the_next_write_works()
    {
        var account = PostPressJson.Deserialize<LinkedInAccount>(SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true).ToString())!;
        account.AdditionalProperties["self"] = account;

        var ex = Assert.ThrowsAny<Exception>(() => JsonSerializer.Serialize(account));
        Assert.True(ex is JsonException || ex is Newtonsoft.Json.JsonException, ex.GetType().Name);

        account.AdditionalProperties.Remove("self");
        Assert.Contains("\"id\"", JsonSerializer.Serialize(account), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"LINKEDIN\",")]
    [InlineData("{\"type\":\"LINKEDIN\" \"id\":1}")]
    [InlineData("{\"type\":")]
    [InlineData("[{}")]
    public void Malformed_json_is_a_json_exception_from_system_text_json_and_a_PostPressSerializationException_from_PostPressJson(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Account>(json));
        Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(json));
    }

    [Fact]
    public void A_source_generated_context_uses_the_converters_for_the_models_and_everything_they_contain()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true);
        var account = PostPressJson.Deserialize<Account>(json.ToString())!;
        var wire = PostPressJson.Serialize(account);

        // The context knows Account only; the variant, its enums, lists and nested models are the converter's.
        string text = JsonSerializer.Serialize(account, ModelsContext.Default.Account);
        var back = JsonSerializer.Deserialize(text, ModelsContext.Default.Account)!;
        var viaOptions = JsonSerializer.Serialize(account, typeof(Account), new JsonSerializerOptions { TypeInfoResolver = ModelsContext.Default });

        Assert.Equal(SpecModel.Parse(wire).ToString(Newtonsoft.Json.Formatting.None), SpecModel.Parse(text).ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(text, viaOptions);
        Assert.IsType<LinkedInAccount>(back);
        Assert.Equal(wire, PostPressJson.Serialize(back));
        Assert.Equal("\"FOURTH_DEGREE\"", JsonSerializer.Serialize(new NetworkDistance("FOURTH_DEGREE"), ModelsContext.Default.NetworkDistance));
        Assert.IsType<UnknownOwnProfile>(JsonSerializer.Deserialize("{\"provider\":\"MASTODON\",\"x\":1}", ModelsContext.Default.OwnProfile));
    }

    private static string With(JObject source, string name, JToken value)
    {
        var copy = (JObject)source.DeepClone();
        copy[name] = value;
        return copy.ToString();
    }

    /// <summary>Both read <paramref name="json"/> the same way (or both refuse it), and both write what they read the same way.</summary>
    private static void Compare(Type type, string json, string what)
    {
        var (expected, expectedError) = ReadWithPostPressJson(json, type);
        var (actual, actualError) = ReadWithSystemTextJson(json, type);
        if (expectedError is not null || actualError is not null)
        {
            Assert.True(
                expectedError is not null && actualError is not null,
                $"{what}: PostPressJson {(expectedError is null ? "read it" : "failed: " + expectedError.Message)}; System.Text.Json {(actualError is null ? "read it" : "failed: " + actualError.Message)}.\n{json}");
            return;
        }

        Assert.True(expected?.GetType() == actual?.GetType(), $"{what}: PostPressJson read a {expected?.GetType().Name}, System.Text.Json a {actual?.GetType().Name}.\n{json}");
        string expectedJson = PostPressJson.Serialize(expected);
        Assert.True(expectedJson == PostPressJson.Serialize(actual), $"{what}: the objects differ.\nPostPressJson:    {expectedJson}\nSystem.Text.Json: {PostPressJson.Serialize(actual)}\ninput: {json}");
        CompareWrite(expected, type, what);
    }

    private static void CompareWrite(object? value, Type type, string what)
    {
        string wire = PostPressJson.Serialize(value);
        string relaxed = JsonSerializer.Serialize(value, type, Relaxed);
        string escaped = JsonSerializer.Serialize(value, type, Default);

        Assert.True(wire == relaxed, $"{what}: written differently.\nPostPressJson:    {wire}\nSystem.Text.Json: {relaxed}");
        Assert.True(
            SpecModel.Parse(wire).ToString(Newtonsoft.Json.Formatting.None) == SpecModel.Parse(escaped).ToString(Newtonsoft.Json.Formatting.None),
            $"{what}: written differently with the default encoder.\nPostPressJson:    {wire}\nSystem.Text.Json: {escaped}");

        // And what System.Text.Json wrote reads back (with System.Text.Json) to what PostPressJson reads from it.
        var back = JsonSerializer.Deserialize(escaped, type, Default);
        var reference = PostPressJson.Deserialize(wire, type);
        Assert.True(back?.GetType() == reference?.GetType(), $"{what}: read back as {back?.GetType().Name}, PostPressJson reads {reference?.GetType().Name}.");
        Assert.True(PostPressJson.Serialize(reference) == PostPressJson.Serialize(back), $"{what}: System.Text.Json did not read back what it wrote as PostPressJson does.\n{escaped}\n{PostPressJson.Serialize(back)}");
    }

    private static (object? Value, Exception? Error) ReadWithPostPressJson(string json, Type type)
    {
        try
        {
            return (PostPressJson.Deserialize(json, type), null);
        }
        catch (PostPressSerializationException ex)
        {
            return (null, ex);
        }
    }

    private static (object? Value, Exception? Error) ReadWithSystemTextJson(string json, Type type)
    {
        try
        {
            return (JsonSerializer.Deserialize(json, type, Default), null);
        }
        catch (JsonException ex)
        {
            // The only exception type allowed out of the converters for bad input.
            return (null, ex);
        }
    }
}

/// <summary>A source-generated context that knows only the top-level types; the converters do the rest.</summary>
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(OwnProfile))]
[JsonSerializable(typeof(NetworkDistance))]
internal sealed partial class ModelsContext : JsonSerializerContext
{
}
