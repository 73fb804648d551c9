using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using PostPress.Tests.Unions;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// System.Text.Json with no setup (the generated converters the models carry by attribute): it writes the models in the
/// wire format (the same JSON as <see cref="PostPressJson"/>) and reads them back, unions and unknown variants included.
/// </summary>
public sealed class SystemTextJsonTests
{
    private static readonly JsonSerializerOptions Options = new();

    [Theory]
    [MemberData(nameof(UnionVariantTests.Variants), MemberType = typeof(UnionVariantTests))]
    public void Every_variant_is_written_as_on_the_wire_and_read_back(string union, string? discriminator, string? value, string variant, bool maximal)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema(variant), maximal);
        if (discriminator is not null)
        {
            json[discriminator] = value;
        }

        var unionType = UnionVariantTests.TypeOf(union);
        var model = PostPressJson.Deserialize(json.ToString(), unionType)!;
        var wire = PostPressJson.Serialize(model);

        var stj = JsonSerializer.Serialize(model, unionType, Options);
        var back = JsonSerializer.Deserialize(stj, unionType, Options)!;

        Assert.True(JToken.DeepEquals(SpecModel.Parse(wire), SpecModel.Parse(stj)), "System.Text.Json wrote\n" + stj + "\nNewtonsoft wrote\n" + wire);
        Assert.Equal(model.GetType(), back.GetType());
        Assert.Equal(wire, PostPressJson.Serialize(back));
    }

    [Theory]
    [MemberData(nameof(UnionVariantTests.UnknownValues), MemberType = typeof(UnionVariantTests))]
    public void Unknown_variants_round_trip_through_system_text_json(string union, string discriminator, string value, string unknownType)
    {
        var json = (JObject)SpecModel.Parse("{\"" + discriminator + "\":\"" + value + "\",\"brand_new_field\":{\"nested\":[1,2.5,1.0,\"2026-01-01T00:00:00+02:00\",null,12345678901234567890,\"caf\u00e9 <b>\"]},\"flag\":false}");
        var unionType = UnionVariantTests.TypeOf(union);

        var model = JsonSerializer.Deserialize(json.ToString(), unionType, Options)!;
        var stj = JsonSerializer.Serialize(model, unionType, Options);

        Assert.Equal(unknownType, model.GetType().Name);
        Assert.True(JToken.DeepEquals(json, SpecModel.Parse(stj)), stj);
    }

    [Fact]
    public void Models_inside_the_callers_own_types_keep_the_wire_format_under_any_naming_policy()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var profile = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), maximal: true);
        profile["provider"] = "LINKEDIN";
        var account = (JObject)SpecModel.Sample(SpecModel.Schema("SlackAccount"), maximal: true);
        account["type"] = "SLACK";
        account["created_at"] = "2026-04-12T09:14:21.000Z";
        var dto = new Envelope
        {
            Distance = new NetworkDistance("FOURTH_DEGREE"),
            Me = PostPressJson.Deserialize<OwnProfile>(profile.ToString())!,
            Accounts = new List<Account> { PostPressJson.Deserialize<Account>(account.ToString())! },
        };

        var text = JsonSerializer.Serialize(dto, options);
        var json = SpecModel.Parse(text);
        var back = JsonSerializer.Deserialize<Envelope>(text, options)!;

        Assert.Empty(options.Converters);
        Assert.Equal("FOURTH_DEGREE", (string?)json["distance"]);
        Assert.Equal(JTokenType.Null, json["missing"]!.Type);
        Assert.True(JToken.DeepEquals(profile, json["me"]), json["me"]!.ToString());
        Assert.True(JToken.DeepEquals(account, json["accounts"]![0]), json["accounts"]![0]!.ToString());
        Assert.Equal(new NetworkDistance("FOURTH_DEGREE"), back.Distance);
        Assert.Null(back.Missing);
        Assert.IsType<LinkedInOwnProfile>(back.Me);
        Assert.IsType<SlackAccount>(back.Accounts.Single());
        Assert.Equal(PostPressJson.Serialize(dto.Me), PostPressJson.Serialize(back.Me));
    }

    [Fact]
    public void Extensible_enums_are_strings()
    {
        Assert.Equal("\"SECOND_DEGREE\"", JsonSerializer.Serialize(NetworkDistance.SecondDegree, Options));
        Assert.Equal(NetworkDistance.OutOfNetwork, JsonSerializer.Deserialize<NetworkDistance>("\"OUT_OF_NETWORK\"", Options));
        Assert.Equal("MASTODON", JsonSerializer.Deserialize<OwnProfileProvider>("\"MASTODON\"", Options).Value);
        Assert.Null(JsonSerializer.Deserialize<NetworkDistance?>("null", Options));
    }

    [Theory]
    [InlineData(typeof(Account), "{\"type\":\"MAIL\",\"id\":3}")]
    [InlineData(typeof(Account), "[]")]
    [InlineData(typeof(UserRelationsList), "{\"object\":\"UserRelationsList\",\"items\":[{\"created_at\":1.5}],\"cursor\":null}")]
    [InlineData(typeof(NetworkDistance), "null")]
    [InlineData(typeof(NetworkDistance), "{}")]
    public void Invalid_models_are_json_exceptions(Type type, string json)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, type, Options));
        Assert.Contains(type.Name, ex.Message);
    }

    [Fact]
    public void AddPostPressConverters_is_kept_as_a_harmless_no_op()
    {
        var options = new JsonSerializerOptions();
#pragma warning disable CS0618 // the obsolete no-op under test
        var returned = options.AddPostPressConverters();
        Assert.Throws<ArgumentNullException>(() => PostPressSystemTextJson.AddPostPressConverters(null!));
#pragma warning restore CS0618

        Assert.Same(options, returned);
        Assert.Empty(options.Converters);
        Assert.Equal("\"SECOND_DEGREE\"", JsonSerializer.Serialize(NetworkDistance.SecondDegree, options));
    }

    public sealed class Envelope
    {
        public NetworkDistance? Distance { get; set; }

        public NetworkDistance? Missing { get; set; }

        public OwnProfile Me { get; set; } = null!;

        public List<Account> Accounts { get; set; } = new();
    }
}
