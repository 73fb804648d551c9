using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PostPress.Models;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Unions;

/// <summary>
/// Unions whose discriminator is not the first member, as the API writes an account (<c>"object"</c> first, then
/// <c>"type"</c>): the generated union reader keeps the members read before the discriminator, replays them to the
/// variant's reader, and the variant then continues on the live reader. Errors keep their paths on both sides of that switch.
/// </summary>
public sealed class UnionGeneralPathTests
{
    private static JObject ApiOrdered(string type = "LINKEDIN")
    {
        var sample = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInAccount"), maximal: true);
        sample.Remove("type");
        sample.Remove("object");
        var ordered = new JObject(new JProperty("object", "Account"), new JProperty("type", type));
        foreach (var property in sample.Properties())
        {
            ordered.Add(new JProperty(property));
        }

        return ordered;
    }

    [Fact]
    public void Accounts_written_object_first_read_as_their_variants_in_a_list()
    {
        var json = new JArray(ApiOrdered(), ApiOrdered("MASTODON"), ApiOrdered()).ToString();

        var accounts = PostPressJson.Deserialize<List<Account>>(json)!;

        Assert.Equal(new[] { typeof(LinkedInAccount), typeof(UnknownAccount), typeof(LinkedInAccount) }, accounts.Select(a => a.GetType()));
        var first = (LinkedInAccount)accounts[0];
        Assert.Equal("Account", first.Object);
        Assert.Equal(AccountType.LinkedIn, first.Type);
        Assert.NotNull(first.ConnectionParams);
        Assert.Equal("MASTODON", accounts[1].Type.Value);
        var back = PostPressJson.Serialize(accounts[1]);
        Assert.True(SpecModel.SemanticEquals(SpecModel.Parse(json)[1]!, SpecModel.Parse(back)), back + "\n" + SpecModel.Parse(json)[1]);
    }

    [Fact]
    public void An_error_in_a_member_read_before_the_discriminator_names_its_path()
    {
        var bad = ApiOrdered();
        bad.Remove("type");
        bad.Remove("created_at");
        var reordered = new JObject(new JProperty("created_at", "not a date"), new JProperty("type", "LINKEDIN"));
        foreach (var property in bad.Properties())
        {
            reordered.Add(new JProperty(property));
        }

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<List<Account>>(new JArray(ApiOrdered(), reordered).ToString()));

        Assert.Contains("[1].created_at", ex.Message);
    }

    [Fact]
    public void An_error_after_the_discriminator_names_its_path()
    {
        var bad = ApiOrdered();
        bad["created_at"] = "not a date";

        var ex = Assert.Throws<PostPressSerializationException>(() => PostPressJson.Deserialize<List<Account>>(new JArray(ApiOrdered(), bad).ToString()));

        Assert.Contains("[1].created_at", ex.Message);
    }
}
