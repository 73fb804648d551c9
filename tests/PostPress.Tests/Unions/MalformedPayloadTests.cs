using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Unions;

/// <summary>
/// Payloads that are JSON but not what the spec documents (wrong types, missing or odd discriminators) never escape
/// as InvalidCastException, NullReferenceException or a raw JsonException: either a typed model or a
/// <see cref="PostPressSerializationException"/>.
/// </summary>
public sealed class MalformedPayloadTests
{
    public static IEnumerable<object[]> Cases()
    {
        var unions = new[] { ("OwnProfile", "provider"), ("UserProfile", "provider"), ("Account", "type"), ("RecruitingActivity", "event"), ("LinkedInUserActionRequest", "action") };
        var odd = new (string Name, JToken? Value)[]
        {
            ("number", 5), ("null", JValue.CreateNull()), ("object", new JObject()), ("array", new JArray("LINKEDIN")), ("bool", true), ("missing", null), ("empty", ""),
        };
        foreach (var (union, discriminator) in unions)
        {
            foreach (var (name, value) in odd)
            {
                yield return new object[] { union, discriminator, name, value?.ToString(Newtonsoft.Json.Formatting.None) ?? "<missing>" };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Odd_discriminators_end_typed(string union, string discriminator, string name, string value)
    {
        var first = SpecModel.UnionVariants().First(v => v.Union == union).Variant;
        var json = (JObject)SpecModel.Sample(SpecModel.Schema(first), maximal: true);
        if (value == "<missing>")
        {
            json.Remove(discriminator);
        }
        else
        {
            json[discriminator] = JToken.Parse(value);
        }

        AssertTypedOutcome(json.ToString(), UnionVariantTests.TypeOf(union), name);
    }

    [Theory]
    [InlineData("Account", "{\"type\":\"LINKEDIN\",\"object\":\"Account\",\"id\":\"a\",\"name\":\"n\",\"created_at\":\"not a date\",\"groups\":[],\"sources\":[],\"connection_params\":{}}")]
    [InlineData("Account", "{\"type\":\"MAIL\",\"object\":\"Account\",\"id\":\"a\",\"name\":\"n\",\"created_at\":\"2026-01-01T00:00:00Z\",\"groups\":\"g\",\"sources\":[],\"connection_params\":{\"mail\":{}}}")]
    [InlineData("Account", "{\"type\":\"MAIL\",\"object\":\"Account\",\"id\":\"a\",\"name\":\"n\",\"created_at\":\"2026-01-01T00:00:00Z\",\"groups\":[],\"sources\":[{\"id\":\"s\",\"status\":7}],\"connection_params\":{\"mail\":{\"imap_host\":\"h\",\"imap_port\":\"x\",\"imap_user\":\"u\",\"smtp_host\":\"h\",\"smtp_port\":1,\"smtp_user\":\"u\"}}}")]
    [InlineData("UserRelationsList", "{\"object\":\"UserRelationsList\",\"items\":null,\"cursor\":null}")]
    [InlineData("UserRelationsList", "{\"object\":\"UserRelationsList\",\"items\":[{\"created_at\":\"yesterday\"}],\"cursor\":null}")]
    [InlineData("OwnProfile", "{\"provider\":\"LINKEDIN\",\"recruiter\":{\"neither\":1}}")]
    [InlineData("OwnProfile", "{\"provider\":\"LINKEDIN\",\"object\":\"AccountOwnerProfile\",\"recruiter\":\"seat\"}")]
    [InlineData("UserProfile", "{\"provider\":\"LINKEDIN\",\"recruiting_activity\":[{\"event\":42}]}")]
    [InlineData("ProblemDetails", "{\"title\":5,\"type\":[],\"status\":\"x\"}")]
    [InlineData("OwnProfile", "[]")]
    [InlineData("OwnProfile", "\"LINKEDIN\"")]
    [InlineData("OwnProfile", "{\"provider\":\"LINKEDIN\"")]
    public void Wrong_shapes_end_typed(string type, string json) => AssertTypedOutcome(json, UnionVariantTests.TypeOf(type), type);

    private static void AssertTypedOutcome(string json, Type type, string what)
    {
        try
        {
            var result = PostPressJson.Deserialize(json, type);
            Assert.True(result is null || type.IsInstanceOfType(result), what);
        }
        catch (PostPressSerializationException ex)
        {
            Assert.NotNull(ex.InnerException);
            Assert.Contains(type.Name, ex.Message);
        }
    }
}
