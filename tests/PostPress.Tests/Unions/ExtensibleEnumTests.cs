using System;
using System.Linq;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Unions;

/// <summary>Enum values the spec does not list deserialize without throwing, are preserved, and known ones stay usable as constants.</summary>
public sealed class ExtensibleEnumTests
{
    [Fact]
    public void Unknown_enum_values_in_a_response_are_kept()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json["network_distance"] = "FOURTH_DEGREE";
        json["throttled_sections"] = new JArray("experience", "featured");
        json["invitation"] = new JObject { ["type"] = "FORWARDED", ["status"] = "PENDING" };

        var profile = (LinkedInUserProfile)PostPressJson.Deserialize<UserProfile>(json.ToString())!;

        Assert.Equal("FOURTH_DEGREE", profile.NetworkDistance!.Value.Value);
        Assert.False(profile.NetworkDistance.Value.IsKnown);
        Assert.Equal(new[] { LinkedInSection.Experience, new LinkedInSection("featured") }, profile.ThrottledSections);
        Assert.Equal(LinkedInInvitationStatus.Pending, profile.Invitation!.Status);
        var back = SpecModel.Parse(PostPressJson.Serialize(profile));
        Assert.Equal("FOURTH_DEGREE", (string?)back["network_distance"]);
        Assert.Equal("featured", (string?)back["throttled_sections"]![1]);
        Assert.Equal("FORWARDED", (string?)back["invitation"]!["type"]);
    }

    [Fact]
    public void Unknown_account_source_status_and_error_type_are_kept()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("MailAccount"), maximal: true);
        json["type"] = "MAIL";
        json["sources"] = new JArray(new JObject { ["id"] = "imap", ["status"] = "PAUSED" });
        json["connection_params"]!["mail"]!["imap_encryption"] = "quantum";

        var account = Assert.IsType<MailAccount>(PostPressJson.Deserialize<Account>(json.ToString()));

        Assert.Equal(new AccountSourceServiceStatus("PAUSED"), account.Sources.Single().Status);
        Assert.Equal("quantum", account.ConnectionParams.Mail.ImapEncryption.ToString());

        var problem = PostPressJson.Deserialize<ProblemDetails>("{\"title\":\"t\",\"type\":\"errors/new_in_2027\",\"status\":418}")!;
        Assert.Equal("errors/new_in_2027", problem.Type.Value);
        Assert.False(problem.Type.IsKnown);
    }

    [Fact]
    public void Known_values_are_constants_with_value_semantics()
    {
        Assert.Equal("SECOND_DEGREE", NetworkDistance.SecondDegree.Value);
        Assert.True(NetworkDistance.SecondDegree == new NetworkDistance("SECOND_DEGREE"));
        Assert.True(NetworkDistance.SecondDegree.IsKnown);
        Assert.Equal(4, NetworkDistance.KnownValues.Count);
        Assert.Equal(50, ErrorType.KnownValues.Count);
        Assert.Equal("*_preview", LinkedInSectionSelector.AllPreview.ToString());
        Assert.Equal("PERSONNAL", InstagramProfileType.Personal.Value);
        NetworkDistance fromString = "OUT_OF_NETWORK";
        Assert.Equal(NetworkDistance.OutOfNetwork, fromString);
        var text = fromString switch
        {
            var d when d == NetworkDistance.FirstDegree => "1st",
            var d when d == NetworkDistance.OutOfNetwork => "out",
            _ => "other",
        };
        Assert.Equal("out", text);
    }

    [Fact]
    public void Strings_that_look_like_dates_are_not_rewritten()
    {
        var json = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        json["summary"] = "2026-04-12T09:14:21.000Z";
        json["work_experience"]![0]!["start"] = "2022-04-01T00:00:00";

        var profile = (LinkedInUserProfile)PostPressJson.Deserialize<UserProfile>(json.ToString())!;

        Assert.Equal("2026-04-12T09:14:21.000Z", profile.Summary);
        Assert.Equal("2022-04-01T00:00:00", profile.WorkExperience![0].Start);
    }

    [Fact]
    public void Malformed_json_is_a_typed_serialization_exception()
    {
        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>("{\"object\":"));
        Assert.Contains("Account", ex.Message);
        Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<Account>("{\"type\":\"MAIL\",\"id\":3}"));
    }
}
