using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Unions;

/// <summary>
/// For every variant (every discriminator value) of every union in the spec, a maximal payload (all documented
/// fields) and a minimal one (required only) deserialize to the right C# type with every field in a typed property
/// (nothing in AdditionalProperties) and re-serialize to the same JSON.
/// </summary>
public sealed class UnionVariantTests
{
    public static IEnumerable<object?[]> Variants() =>
        SpecModel.UnionVariants().SelectMany(v => new[] { true, false }.Select(max => new object?[] { v.Union, v.Discriminator, v.Value, v.Variant, max }));

    /// <summary>Per discriminated union: a discriminator value the spec does not know, and the fallback type.</summary>
    public static TheoryData<string, string, string, string> UnknownValues() => new()
    {
        { "OwnProfile", "provider", "MASTODON", "UnknownOwnProfile" },
        { "UserProfile", "provider", "BLUESKY", "UnknownUserProfile" },
        { "Account", "type", "SIGNAL", "UnknownAccount" },
        { "RecruitingActivity", "event", "INMAIL_BOUNCED", "UnknownRecruitingActivity" },
        { "LinkedInUserActionRequest", "action", "followCompany", "UnknownLinkedInUserActionRequest" },
    };

    [Fact]
    public void Every_union_of_the_spec_is_covered()
    {
        var unions = SpecModel.UnionVariants().Select(v => v.Union).Distinct().OrderBy(n => n).ToList();
        Assert.Equal(
            new[] { "Account", "LinkedInUserActionRequest", "OwnProfile", "RecruiterSeatStatus", "RecruitingActivity", "SalesNavigatorSeatStatus", "UserProfile" },
            unions);
        Assert.Equal(14, SpecModel.UnionVariants().Count(v => v.Union == "Account"));
        Assert.Equal(10, SpecModel.UnionVariants().Count(v => v.Union == "RecruitingActivity"));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_deserializes_to_its_own_type_and_round_trips(string union, string? discriminator, string? value, string variant, bool maximal)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema(variant), maximal);
        if (discriminator is not null)
        {
            json[discriminator] = value;
        }

        var unionType = TypeOf(union);
        var result = PostPressJson.Deserialize(json.ToString(), unionType);

        Assert.NotNull(result);
        Assert.Equal(SpecModel.CSharpVariantName(union, variant), result!.GetType().Name);
        Assert.True(unionType.IsInstanceOfType(result));
        AssertNoAdditionalProperties(result, result.GetType().Name);

        var back = SpecModel.Parse(PostPressJson.Serialize(result));
        Assert.True(SpecModel.SemanticEquals(json, back), "round trip differs:\nsent     " + json.ToString(Formatting.None) + "\nreceived " + back.ToString(Formatting.None));

        if (discriminator is not null)
        {
            var prop = unionType.GetProperties().Single(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == discriminator);
            Assert.Equal(value, prop.GetValue(result)!.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(UnknownValues))]
    public void Unknown_discriminator_values_yield_the_Unknown_variant_and_keep_the_raw_json(string union, string discriminator, string value, string unknownType)
    {
        // A variant this SDK does not know yet: the fields every variant shares (so the base's required fields are
        // there), fields of its own, and the new discriminator value.
        var first = SpecModel.UnionVariants().First(v => v.Union == union).Variant;
        var json = (JObject)SpecModel.Sample(SpecModel.Schema(first), maximal: true);
        json[discriminator] = value;
        json["brand_new_field"] = new JObject { ["nested"] = new JArray(1, 2, 3), ["when"] = "2026-01-01T00:00:00Z" };
        json["count"] = 42;

        var result = PostPressJson.Deserialize(json.ToString(), TypeOf(union))!;

        Assert.Equal(unknownType, result.GetType().Name);
        var additional = (IDictionary<string, object>)result.GetType().GetProperty("AdditionalProperties")!.GetValue(result)!;
        Assert.Contains("brand_new_field", additional.Keys);
        var prop = TypeOf(union).GetProperties().Single(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == discriminator);
        Assert.Equal(value, prop.GetValue(result)!.ToString());
        var back = SpecModel.Parse(PostPressJson.Serialize(result));
        Assert.True(SpecModel.SemanticEquals(json, back), back.ToString());
    }

    [Theory]
    [MemberData(nameof(UnknownValues))]
    public void Unknown_variants_lacking_the_shared_fields_still_deserialize_and_round_trip(string union, string discriminator, string value, string unknownType)
    {
        var json = new JObject
        {
            [discriminator] = value,
            ["brand_new_field"] = new JObject { ["nested"] = new JArray(1, 2, 3) },
            ["count"] = 0,
            ["flag"] = false,
        };

        var result = PostPressJson.Deserialize(json.ToString(), TypeOf(union))!;

        Assert.Equal(unknownType, result.GetType().Name);
        var back = SpecModel.Parse(PostPressJson.Serialize(result));
        Assert.True(JToken.DeepEquals(json, back), back.ToString());
    }

    [Fact]
    public void Unknown_account_keeps_received_shared_fields_even_when_they_hold_default_values()
    {
        var json = (JObject)SpecModel.Parse("{\"type\":\"SIGNAL\",\"object\":\"Account\",\"id\":\"a\",\"groups\":[],\"created_at\":\"0001-01-01T00:00:00+00:00\"}");

        var account = Assert.IsType<UnknownAccount>(PostPressJson.Deserialize<Account>(json.ToString()));

        Assert.Equal("a", account.Id);
        Assert.Equal(new AccountType("SIGNAL"), account.Type);
        var back = SpecModel.Parse(PostPressJson.Serialize(account));
        Assert.True(SpecModel.SemanticEquals(json, back), back.ToString());
    }

    [Fact]
    public void Seat_unions_are_told_apart_by_their_properties_and_accept_null()
    {
        var profile = (LinkedInOwnProfile)PostPressJson.Deserialize<OwnProfile>(
            ((JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), true)).ToString())!;
        Assert.IsType<RecruiterSeat>(profile.Recruiter);

        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), true);
        json["recruiter"] = new JObject { ["error"] = "MULTIPLE_SESSIONS" };
        json["sales_navigator"] = null;
        var withError = (LinkedInOwnProfile)PostPressJson.Deserialize<OwnProfile>(json.ToString())!;
        var error = Assert.IsType<RecruiterSeatError>(withError.Recruiter);
        Assert.Equal(RecruiterSeatErrorCode.MultipleSessions, error.Error);
        Assert.Null(withError.SalesNavigator);

        var text = withError.Recruiter switch
        {
            RecruiterSeat seat => "seat " + seat.OwnerSeatId,
            RecruiterSeatError e => "error " + e.Error,
            null => "not available",
            _ => "unknown",
        };
        Assert.Equal("error MULTIPLE_SESSIONS", text);
    }

    internal static Type TypeOf(string name) =>
        typeof(PostPressClient).Assembly.GetType("PostPress.Models." + name) ?? throw new InvalidOperationException("no C# type " + name);

    /// <summary>Walks the object graph: every AdditionalProperties dictionary must be empty.</summary>
    internal static void AssertNoAdditionalProperties(object? value, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().Namespace?.StartsWith("PostPress", StringComparison.Ordinal) != true && value is not IEnumerable)
        {
            return;
        }

        if (value is IEnumerable list && value is not string)
        {
            var i = 0;
            foreach (var item in list)
            {
                AssertNoAdditionalProperties(item, path + "[" + i++ + "]");
            }

            return;
        }

        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var v = p.GetValue(value);
            if (p.Name == "AdditionalProperties")
            {
                var dict = (IDictionary<string, object>?)v;
                Assert.True(dict is null || dict.Count == 0, path + " has untyped fields: " + string.Join(", ", dict?.Keys ?? Array.Empty<string>()));
                continue;
            }

            AssertNoAdditionalProperties(v, path + "." + p.Name);
        }
    }
}
