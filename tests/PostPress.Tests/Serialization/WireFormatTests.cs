using System;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// Exact round trip in the documented wire format: date-times are written as <c>YYYY-MM-DDTHH:MM:SS.sssZ</c> (so what
/// was read is written back unchanged), and a number with a fraction for an integer field is a
/// <see cref="PostPressSerializationException"/>, never rounded.
/// </summary>
public sealed class WireFormatTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData("2026-04-12T09:14:21.000Z", "2026-04-12T09:14:21.000Z")]
    [InlineData("2026-04-12T09:14:21.123Z", "2026-04-12T09:14:21.123Z")]
    [InlineData("2026-04-12T11:14:21.5+02:00", "2026-04-12T09:14:21.500Z")]
    [InlineData("2026-04-12T09:14:21Z", "2026-04-12T09:14:21.000Z")]
    [InlineData("2026-04-12T09:14:21", "2026-04-12T09:14:21.000Z")]
    public void Date_times_are_written_in_the_documented_utc_format(string received, string written)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        json["type"] = "MAIL";
        json["created_at"] = received;

        var account = Assert.IsType<MailAccount>(PostPressJson.Deserialize<Account>(json.ToString()));
        var back = SpecModel.Parse(PostPressJson.Serialize(account));

        Assert.Equal(DateTimeOffset.Parse(written, System.Globalization.CultureInfo.InvariantCulture), account.CreatedAt);
        Assert.Equal(written, (string?)back["created_at"]);
        json["created_at"] = written;
        Assert.True(JToken.DeepEquals(json, back), back.ToString());
    }

    [Fact]
    public void A_payload_in_the_documented_format_round_trips_byte_for_byte()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        json.Remove("type");
        json.AddFirst(new JProperty("type", "MAIL"));
        json["created_at"] = "2026-04-12T09:14:21.000Z";
        json["brand_new_date"] = "2026-04-12T09:14:21+02:00";
        var text = json.ToString(Newtonsoft.Json.Formatting.None);

        var account = PostPressJson.Deserialize<Account>(text);

        Assert.Equal(text, PostPressJson.Serialize(account));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.25")]
    [InlineData("1e40")]
    [InlineData("3000000000")]
    [InlineData("\"1.5\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void Int_field_rejects_what_is_not_an_int32(string value) =>
        AssertRejected("MailAccount", "MAIL", j => j["connection_params"]!["mail"]!["imap_port"] = JToken.Parse(value), "imap_port");

    [Theory]
    [InlineData("2.5")]
    [InlineData("2147483648")]
    [InlineData("{}")]
    public void Nullable_int_field_rejects_what_is_not_an_int32(string value) =>
        AssertRejected("LinkedInUserProfile", "LINKEDIN", j => j["work_experience_total_count"] = JToken.Parse(value), "work_experience_total_count");

    [Theory]
    [InlineData("1747400000123.5")]
    [InlineData("9.3e18")]
    [InlineData("99999999999999999999")]
    public void Nullable_long_field_rejects_what_is_not_an_int64(string value) =>
        AssertRejected("LinkedInUserProfile", "LINKEDIN", j => j["follower_count"] = JToken.Parse(value), "follower_count");

    [Theory]
    [InlineData("993", 993)]
    [InlineData("993.0", 993)]
    [InlineData("9.93e2", 993)]
    [InlineData("\"993\"", 993)]
    public void Int_field_accepts_integral_numbers(string value, int expected)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        json["type"] = "MAIL";
        json["connection_params"]!["mail"]!["imap_port"] = JToken.Parse(value);

        var account = Assert.IsType<MailAccount>(PostPressJson.Deserialize<Account>(json.ToString()));

        Assert.Equal(expected, account.ConnectionParams.Mail.ImapPort);
    }

    [Fact]
    public void Long_and_nullable_fields_accept_integral_values_and_null()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json["provider"] = "LINKEDIN";
        json["follower_count"] = 1747400000123.0;
        json["work_experience_total_count"] = null;

        var profile = Assert.IsType<LinkedInUserProfile>(PostPressJson.Deserialize<UserProfile>(json.ToString()));

        Assert.Equal(1747400000123L, profile.FollowerCount);
        Assert.Null(profile.WorkExperienceTotalCount);
    }

    [Fact]
    public async Task A_fraction_for_an_integer_field_in_a_response_is_a_serialization_exception()
    {
        var relations = (JObject)SpecModel.Sample(SpecModel.Schema("UserRelationsList"), maximal: true);
        relations["items"]![0]!["created_at"] = 1747400000123.5;
        _api.Reply(_api.Get("/users/relations"), 200, relations.ToString());
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Users.ListRelationsAsync("acc_1"));

        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("items[0].created_at", ex.Message);
        Assert.IsAssignableFrom<Newtonsoft.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task A_date_time_from_a_response_is_written_back_as_received()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true);
        json["type"] = "LINKEDIN";
        json["created_at"] = "2026-04-12T09:14:21.000Z";
        _api.Reply(_api.Get("/accounts/acc_1"), 200, json.ToString());
        using var client = _api.Client();

        var account = await client.Accounts.GetAsync("acc_1");

        Assert.Equal("2026-04-12T09:14:21.000Z", (string?)SpecModel.Parse(PostPressJson.Serialize(account))["created_at"]);
    }

    private static void AssertRejected(string schema, string discriminatorValue, Action<JObject> edit, string field)
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema(schema), maximal: true);
        json[schema.EndsWith("Account", StringComparison.Ordinal) ? "type" : "provider"] = discriminatorValue;
        edit(json);
        var union = schema.EndsWith("Account", StringComparison.Ordinal) ? typeof(Account) : typeof(UserProfile);

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize(json.ToString(), union));

        Assert.Contains(field, ex.Message);
        Assert.IsAssignableFrom<Newtonsoft.Json.JsonException>(ex.InnerException);
    }
}
