using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PostPress.Serialization;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Unions;

/// <summary>
/// The streaming union converter (<see cref="UnionJsonConverter"/>): the discriminator anywhere in the object (the
/// properties before it are replayed), unions nested in unions, variants deserialized directly, and the position of the
/// live reader after a union (nothing read past it).
/// </summary>
public sealed class StreamingUnionTests
{
    public static IEnumerable<object?[]> DiscriminatedVariants() =>
        SpecModel.UnionVariants().Where(v => v.Discriminator is not null).Select(v => new object?[] { v.Union, v.Discriminator, v.Value, v.Variant });

    [Theory]
    [MemberData(nameof(DiscriminatedVariants))]
    public void Discriminator_last_is_found_and_the_properties_before_it_are_replayed(string union, string discriminator, string value, string variant)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema(variant), maximal: true);
        json.Remove(discriminator);
        json.Add(discriminator, value);
        Assert.Equal(discriminator, json.Properties().Last().Name);

        var result = PostPressJson.Deserialize(json.ToString(), UnionVariantTests.TypeOf(union))!;

        Assert.Equal(SpecModel.CSharpVariantName(union, variant), result.GetType().Name);
        UnionVariantTests.AssertNoAdditionalProperties(result, result.GetType().Name);
        var back = SpecModel.Parse(PostPressJson.Serialize(result));
        Assert.True(SpecModel.SemanticEquals(json, back), back.ToString(Formatting.None));
        Assert.Equal(discriminator, ((JObject)back).Properties().First().Name); // written first again
    }

    [Fact]
    public void Discriminator_in_the_middle_after_nested_objects_and_arrays()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), maximal: true);
        json.Remove("provider");
        var reordered = new JObject();
        var props = json.Properties().ToList();
        for (int i = 0; i < props.Count; i++)
        {
            reordered.Add(props[i].Name, props[i].Value);
            if (i == props.Count / 2)
            {
                reordered.Add("provider", "LINKEDIN");
            }
        }

        reordered.AddFirst(new JProperty("brand_new_field", new JObject { ["list"] = new JArray(new JObject { ["a"] = 1 }, new JArray(2, 3)) }));

        var profile = Assert.IsType<LinkedInOwnProfile>(PostPressJson.Deserialize<OwnProfile>(reordered.ToString()));

        Assert.IsType<RecruiterSeat>(profile.Recruiter);
        Assert.Equal(new[] { "brand_new_field" }, profile.AdditionalProperties.Keys);
        var back = SpecModel.Parse(PostPressJson.Serialize(profile));
        Assert.True(SpecModel.SemanticEquals(reordered, back), back.ToString(Formatting.None));
    }

    [Fact]
    public void Nested_unions_are_read_inside_a_union_whose_discriminator_comes_last()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json.Remove("provider");
        var activities = new JArray();
        foreach (var v in SpecModel.UnionVariants().Where(v => v.Union == "RecruitingActivity"))
        {
            var activity = (JObject)SpecModel.Sample(SpecModel.Schema(v.Variant), maximal: true);
            activity.Remove("event");
            activity.Add("event", v.Value); // last: replayed inside the outer replay
            activities.Add(activity);
        }

        activities.Add(new JObject { ["created_at"] = "2026-01-01", ["event"] = "INMAIL_BOUNCED", ["extra"] = new JArray(1) });
        json["recruiting_activity"] = activities;
        json["provider"] = "LINKEDIN";
        json["after_everything"] = true;

        var profile = Assert.IsType<LinkedInUserProfile>(PostPressJson.Deserialize<UserProfile>(json.ToString()));

        var expected = SpecModel.UnionVariants().Where(v => v.Union == "RecruitingActivity").Select(v => v.Variant).Append("UnknownRecruitingActivity");
        Assert.Equal(expected, profile.RecruitingActivity!.Select(a => a.GetType().Name));
        Assert.Equal(true, profile.AdditionalProperties["after_everything"]);
        var back = SpecModel.Parse(PostPressJson.Serialize(profile));
        Assert.True(SpecModel.SemanticEquals(json, back), back.ToString(Formatting.None));
    }

    [Theory]
    [InlineData("recruiter", "{\"contract_id\":\"c1\",\"owner_seat_id\":\"s1\"}", typeof(RecruiterSeat))]
    [InlineData("recruiter", "{\"note\":{\"a\":[1,2]},\"error\":\"DISCONNECTED\"}", typeof(RecruiterSeatError))]
    [InlineData("recruiter", "{\"note\":1}", typeof(UnknownRecruiterSeatStatus))]
    [InlineData("sales_navigator", "{\"contract_id\":\"c1\",\"owner_seat_id\":\"s1\"}", typeof(SalesNavigatorSeat))]
    [InlineData("sales_navigator", "{\"error\":\"DISCONNECTED\"}", typeof(SalesNavigatorSeatError))]
    public void Seat_unions_are_told_apart_by_the_first_distinguishing_property_wherever_it_is(string field, string seat, Type expected)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), maximal: true);
        json[field] = JObject.Parse(seat);

        var profile = Assert.IsType<LinkedInOwnProfile>(PostPressJson.Deserialize<OwnProfile>(json.ToString()));

        object? value = field == "recruiter" ? profile.Recruiter : profile.SalesNavigator;
        Assert.IsType(expected, value);
        var back = SpecModel.Parse(PostPressJson.Serialize(profile));
        Assert.True(SpecModel.SemanticEquals(json, back), back.ToString(Formatting.None));
    }

    [Fact]
    public void A_variant_deserializes_directly_with_the_sdk_settings_and_streams()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json.Remove("provider");
        json.Add("provider", "LINKEDIN");

        var profile = PostPressJson.Deserialize<LinkedInUserProfile>(json.ToString())!;

        Assert.Equal("LINKEDIN", profile.Provider.Value);
        UnionVariantTests.AssertNoAdditionalProperties(profile, nameof(LinkedInUserProfile));
        Assert.True(SpecModel.SemanticEquals(json, SpecModel.Parse(PostPressJson.Serialize(profile))));

        // Every model's contract reads through its generated reader (obj/generated/ModelSerializers.g.cs): the variants
        // theirs (not the union converter their base's attribute would give them), the union bases the union's.
        Assert.IsType<GeneratedModelConverter<LinkedInUserProfile>>(PostPressContractResolver.Instance.ResolveContract(typeof(LinkedInUserProfile)).Converter);
        Assert.IsType<GeneratedModelConverter<UnknownUserProfile>>(PostPressContractResolver.Instance.ResolveContract(typeof(UnknownUserProfile)).Converter);
        Assert.IsType<GeneratedModelConverter<RecruiterSeat>>(PostPressContractResolver.Instance.ResolveContract(typeof(RecruiterSeat)).Converter);
        Assert.IsType<GeneratedModelConverter<UserProfile>>(PostPressContractResolver.Instance.ResolveContract(typeof(UserProfile)).Converter);
        Assert.IsType<GeneratedModelConverter<RecruiterSeatStatus>>(PostPressContractResolver.Instance.ResolveContract(typeof(RecruiterSeatStatus)).Converter);
    }

    [Fact]
    public void Plain_json_net_settings_also_read_unions_and_variants()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInOwnProfile"), maximal: true);
        json.Remove("provider");
        json.Add("provider", "LINKEDIN");
        var settings = new JsonSerializerSettings { DateParseHandling = DateParseHandling.None };

        var viaBase = Assert.IsType<LinkedInOwnProfile>(JsonConvert.DeserializeObject<OwnProfile>(json.ToString(), settings));
        var direct = JsonConvert.DeserializeObject<LinkedInOwnProfile>(json.ToString(), settings)!;
        var unknown = (JObject)json.DeepClone();
        unknown["provider"] = "MASTODON";
        var list = JsonConvert.DeserializeObject<List<OwnProfile>>(new JArray(json, unknown).ToString(), settings)!;

        Assert.IsType<RecruiterSeat>(viaBase.Recruiter);
        Assert.Equal(viaBase.FirstName, direct.FirstName);
        Assert.IsType<RecruiterSeat>(direct.Recruiter);
        Assert.Equal(new[] { typeof(LinkedInOwnProfile), typeof(UnknownOwnProfile) }, list.Select(p => p.GetType()));
    }

    [Fact]
    public void Unions_in_a_list_leave_the_reader_on_their_end()
    {
        var a = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        a["type"] = "MAIL";
        var b = (JObject)SpecModel.Sample(SpecModel.Schema("SlackAccount"), maximal: true);
        b.Remove("type");
        b.Add("type", "SLACK");
        var c = new JObject { ["id"] = "x", ["type"] = "SIGNAL" };
        var json = new JObject { ["items"] = new JArray(a, b, JValue.CreateNull(), c), ["after"] = "still read" }.ToString();

        var result = PostPressJson.Deserialize<Holder>(json)!;

        Assert.Equal(new[] { "MailAccount", "SlackAccount", null, "UnknownAccount" }, result.Items.Select(i => i?.GetType().Name));
        Assert.Equal("still read", result.After);
    }

    [Fact]
    public void Unknown_variant_round_trips_byte_for_byte()
    {
        // Shared fields first in the SDK's order, then fields this SDK does not know; the date-time and date-looking
        // strings are written back exactly as received.
        const string json = "{\"type\":\"SIGNAL\",\"object\":\"Account\",\"id\":\"acc_1\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"groups\":[\"g\"],"
            + "\"phone\":\"+33 6 00 00 00 00\",\"linked_at\":\"2026-04-12T09:14:21+02:00\",\"limits\":{\"daily\":50,\"ratio\":0.25,\"windows\":[[1,2],[]],\"note\":null},\"verified\":false}";

        var account = Assert.IsType<UnknownAccount>(PostPressJson.Deserialize<Account>(json));

        Assert.Equal(new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.Zero), account.CreatedAt);
        Assert.Equal(json, PostPressJson.Serialize(account));

        // Discriminator last: the same object, written with the discriminator first.
        var shuffled = (JObject)SpecModel.Parse(json);
        shuffled.Remove("type");
        shuffled.Add("type", "SIGNAL");
        Assert.Equal(json, PostPressJson.Serialize(PostPressJson.Deserialize<Account>(shuffled.ToString(Formatting.None))));
    }

    [Theory]
    [InlineData("{\"name\":\"n\",\"groups\":[1,2", "unexpected end inside the replayed prefix")]
    [InlineData("{\"name\":\"n\"", "end before the discriminator")]
    [InlineData("{\"type\":\"MAIL\",\"id\":\"a\"", "end after the discriminator")]
    [InlineData("{\"type\":{\"nested\":\"MAIL\"},\"id\":\"a\"}", "object discriminator")]
    [InlineData("{\"type\":[\"MAIL\"]}", "array discriminator")]
    [InlineData("{\"id\":\"a\",\"type\":\"MAIL\",\"created_at\":\"2026-01-01T00:00:00Z\",\"object\":\"Account\",\"name\":\"n\",\"groups\":[],\"sources\":[],\"connection_params\":{\"mail\":{\"imap_host\":\"h\",\"imap_port\":993.5,\"imap_user\":\"u\",\"smtp_host\":\"h\",\"smtp_port\":1,\"smtp_user\":\"u\"}}}", "fraction in a replayed union")]
    public void Broken_union_objects_are_serialization_exceptions(string json, string what)
    {
        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>(json));
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
        Assert.Contains(nameof(Account), ex.Message);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Errors_in_or_after_a_replay_name_the_path_in_the_document(bool beforeDiscriminator)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json.Remove("provider");
        json.Remove("work_experience_total_count");
        json.Add(beforeDiscriminator ? "work_experience_total_count" : "provider", beforeDiscriminator ? 2.5 : "LINKEDIN");
        json.Add(beforeDiscriminator ? "provider" : "work_experience_total_count", beforeDiscriminator ? "LINKEDIN" : 2.5);
        var wrapper = new JObject { ["profiles"] = new JArray(new JObject { ["provider"] = "BLUESKY" }, json) };

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<ProfileHolder>(wrapper.ToString()));

        Assert.Contains("profiles[1].work_experience_total_count", ex.Message);
        Assert.Contains("2.5", ex.Message);
    }

    public sealed class Holder
    {
        [JsonProperty("items")]
        public List<Account?> Items { get; set; } = new();

        [JsonProperty("after")]
        public string? After { get; set; }
    }

    public sealed class ProfileHolder
    {
        [JsonProperty("profiles")]
        public List<UserProfile> Profiles { get; set; } = new();
    }
}
