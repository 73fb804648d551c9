using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Unions;

/// <summary>
/// A union at the top of a response (a profile, an account) is dispatched by a peek at the body's bytes and read
/// directly (benchmarks/README.md); the outcome must be the one the union converter gives for the same JSON.
/// </summary>
public sealed class TopLevelUnionPeekTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        var sample = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        sample["provider"] = "LINKEDIN";
        data.Add(sample.ToString());

        // The discriminator last: the fields before it are read as the variant's.
        var last = (JObject)sample.DeepClone();
        last.Remove("provider");
        last["provider"] = "LINKEDIN";
        data.Add(last.ToString());

        // The discriminator's name in another case (the converter compares names ignoring case).
        var upper = (JObject)sample.DeepClone();
        upper.Remove("provider");
        upper.AddFirst(new JProperty("PROVIDER", "LINKEDIN"));
        data.Add(upper.ToString());

        // A provider added later: the Unknown variant, which keeps every field.
        var unknown = (JObject)sample.DeepClone();
        unknown["provider"] = "MASTODON";
        unknown["handle"] = "@jordan@example.social";
        data.Add(unknown.ToString());

        // A discriminator that is not a string, and no discriminator at all: the Unknown variant too.
        var number = (JObject)sample.DeepClone();
        number["provider"] = 7;
        data.Add(number.ToString());
        var none = (JObject)sample.DeepClone();
        none.Remove("provider");
        data.Add(none.ToString());

        // JSON that Json.NET reads and System.Text.Json does not (a comment): the converter decides.
        data.Add("/* cached */ " + sample.ToString());
        data.Add("{ // first\n" + sample.ToString().Substring(1));
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_top_level_union_is_read_as_the_union_converter_reads_it(string json)
    {
        var expected = PostPressJson.Deserialize<UserProfile>(json)!;
        using var client = Client(json);

        var actual = await client.Users.GetProfileAsync("jordan-walke", "acc_1");

        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(PostPressJson.Serialize(expected), PostPressJson.Serialize(actual));
    }

    [Fact]
    public async Task A_top_level_union_missing_a_required_member_is_still_a_serialization_error()
    {
        var sample = (JObject)SpecModel.Sample(SpecModel.Schema("LinkedInUserProfile"), maximal: true);
        sample["provider"] = "LINKEDIN";
        sample.Remove("headline");
        using var client = Client(sample.ToString());

        var error = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Users.GetProfileAsync("jordan-walke", "acc_1"));

        Assert.Contains("headline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_top_level_union_is_a_serialization_error()
    {
        using var client = Client("{\"provider\":\"LINKEDIN\",\"first_name\":\"Jo");

        await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Users.GetProfileAsync("jordan-walke", "acc_1"));
    }

    private static PostPressClient Client(string body) =>
        new(new PostPressClientOptions("pp_test_key") { BaseUri = new Uri("https://api.test/api/v1"), MaxRetries = 0 }, new HttpClient(new Canned(body)));

    private sealed class Canned : HttpMessageHandler
    {
        private readonly string _body;

        public Canned(string body) => _body = body;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(_body, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
