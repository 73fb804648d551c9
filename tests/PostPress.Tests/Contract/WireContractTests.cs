using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Contract;

/// <summary>
/// Each of the five operations against a real HTTP server: the exact request on the wire (method, escaped path,
/// query with array encoding and defaults, headers, JSON body) and the typed result for the page's example response.
/// </summary>
public sealed class WireContractTests : IDisposable
{
    private const string Account = "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private static JToken PageExample(string path, string method, string status, string name, bool request = false)
    {
        var op = SpecModel.Document["paths"]![path]![method]!;
        var content = request ? op["requestBody"]!["content"]! : op["responses"]![status]!["content"]!;
        return content["application/json"]!["examples"]![name]!["value"]!;
    }

    private void Serve(string path, string method, JToken body)
    {
        var request = method == "post" ? _api.Post(path) : _api.Get(path);
        _api.Reply(request, 200, body.ToString());
    }

    private WireMock.Logging.ILogEntry OnlyRequest() => Assert.Single(_api.Requests);

    private static void AssertStandardHeaders(WireMock.Logging.ILogEntry entry)
    {
        var headers = entry.RequestMessage.Headers!;
        Assert.Equal(MockApi.ApiKey, headers["X-API-KEY"].Single());
        Assert.Equal("application/json", headers["Accept"].Single());
        Assert.StartsWith("postpress-dotnet/", headers["User-Agent"].Single());
    }

    [Fact]
    public async Task GetOwnProfile()
    {
        Serve("/users/me", "get", PageExample("/users/me", "get", "200", "linkedin"));
        using var client = _api.Client();

        var me = await client.Users.GetMeAsync(Account);

        var entry = OnlyRequest();
        Assert.Equal("GET", entry.RequestMessage.Method);
        Assert.Equal("/api/v1/users/me", entry.RequestMessage.Path);
        Assert.Equal("?account_id=" + Account, new Uri(entry.RequestMessage.AbsoluteUrl).Query);
        AssertStandardHeaders(entry);

        var li = Assert.IsType<LinkedInOwnProfile>(me);
        Assert.Equal(OwnProfileProvider.LinkedIn, li.Provider);
        Assert.Equal("AccountOwnerProfile", li.Object);
        Assert.Equal("Ada", li.FirstName);
        Assert.Equal("ada-lovelace", li.PublicIdentifier);
        Assert.True(li.Premium);
        Assert.False(li.OpenProfile);
        Assert.Equal("org_1337", Assert.Single(li.Organizations).Id);
        var seat = Assert.IsType<RecruiterSeat>(li.Recruiter);
        Assert.Equal("seat_1", seat.OwnerSeatId);
        Assert.Equal("ct_1", seat.ContractId);
        Assert.Null(li.SalesNavigator);
    }

    [Fact]
    public async Task GetUserProfile_with_every_query_parameter()
    {
        Serve("/users/jordan-walke", "get", PageExample("/users/{identifier}", "get", "200", "linkedin"));
        using var client = _api.Client();
        var options = new UserProfileOptions { LinkedInApi = "recruiter", Notify = true };
        options.LinkedInSections.Add(LinkedInSectionSelector.AllPreview);
        options.LinkedInSections.Add(LinkedInSectionSelector.Experience);
        options.LinkedInSections.Add(LinkedInSectionSelector.Skills);

        var profile = await client.Users.GetProfileAsync("jordan-walke", Account, options);

        var entry = OnlyRequest();
        Assert.Equal("/api/v1/users/jordan-walke", entry.RequestMessage.Path);
        Assert.Equal(
            "?linkedin_sections=%2A_preview&linkedin_sections=experience&linkedin_sections=skills&linkedin_api=recruiter&notify=true&account_id=" + Account,
            new Uri(entry.RequestMessage.AbsoluteUrl).Query);
        AssertStandardHeaders(entry);

        var li = Assert.IsType<LinkedInUserProfile>(profile);
        Assert.Equal("Engineer at Acme", li.Headline);
        Assert.Equal(NetworkDistance.SecondDegree, li.NetworkDistance);
        Assert.Equal(12450L, li.FollowerCount);
        var job = Assert.Single(li.WorkExperience!);
        Assert.Equal("2022-04", job.Start);
        Assert.Null(job.End);
        Assert.True(job.Current);
        Assert.Equal(new[] { "React", "Node.js" }, job.Skills);
        Assert.Equal("2014", Assert.Single(li.Education!).End);
        Assert.Equal("NATIVE_OR_BILINGUAL", Assert.Single(li.Languages!).Proficiency);
        Assert.Empty(li.ThrottledSections!);
    }

    [Fact]
    public async Task GetUserProfile_sends_no_optional_parameter_it_was_not_given()
    {
        Serve("/users/jordan-walke", "get", PageExample("/users/{identifier}", "get", "200", "linkedin"));
        using var client = _api.Client();

        await client.Users.GetProfileAsync("jordan-walke", Account);

        Assert.Equal("?account_id=" + Account, new Uri(OnlyRequest().RequestMessage.AbsoluteUrl).Query);
    }

    [Fact]
    public async Task ListRelations()
    {
        Serve("/users/relations", "get", PageExample("/users/relations", "get", "200", "page"));
        using var client = _api.Client();

        var page = await client.Users.ListRelationsAsync(Account, filter: "Jordan W", limit: 100, cursor: "eyJvIjo1MH0=");

        var entry = OnlyRequest();
        Assert.Equal("/api/v1/users/relations", entry.RequestMessage.Path);
        Assert.Equal("?cursor=eyJvIjo1MH0%3D&filter=Jordan%20W&limit=100&account_id=" + Account, new Uri(entry.RequestMessage.AbsoluteUrl).Query);
        AssertStandardHeaders(entry);

        Assert.Equal("UserRelationsList", page.Object);
        Assert.Equal("eyJvIjoxMDB9", page.Cursor);
        var relation = Assert.Single(page.Items);
        Assert.Equal("jordan-walke", relation.PublicIdentifier);
        Assert.Equal(1747400000000L, relation.CreatedAt);
        Assert.Equal("urn:li:fsd_connection:(ACoAABxyz...,ACoAACr-1eYBl...)", relation.ConnectionUrn);
    }

    [Fact]
    public async Task ListRelations_last_page_has_a_null_cursor_and_defaults_are_left_to_the_server()
    {
        Serve("/users/relations", "get", PageExample("/users/relations", "get", "200", "lastPage"));
        using var client = _api.Client();

        var page = await client.Users.ListRelationsAsync(Account);

        Assert.Equal("?account_id=" + Account, new Uri(OnlyRequest().RequestMessage.AbsoluteUrl).Query);
        Assert.Null(page.Cursor);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task GetAccount()
    {
        Serve("/accounts/acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", "get", PageExample("/accounts/{id}", "get", "200", "linkedin"));
        using var client = _api.Client();

        var account = await client.Accounts.GetAsync("acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR");

        var entry = OnlyRequest();
        Assert.Equal("/api/v1/accounts/acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", entry.RequestMessage.Path);
        Assert.Equal(string.Empty, new Uri(entry.RequestMessage.AbsoluteUrl).Query);
        AssertStandardHeaders(entry);

        var li = Assert.IsType<LinkedInAccount>(account);
        Assert.Equal(AccountType.LinkedIn, li.Type);
        Assert.Equal("Anna - Sales", li.Name);
        Assert.Equal(new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.Zero), li.CreatedAt);
        Assert.Equal("anna-doe", li.ConnectionParams.Im.Username);
        Assert.Null(li.ConnectionParams.Im.PremiumId);
        Assert.Null(li.ConnectionParams.Im.PremiumContractId);
        Assert.Equal(LinkedInPremiumFeature.SalesNavigator, Assert.Single(li.ConnectionParams.Im.PremiumFeatures!));
        Assert.True(Assert.Single(li.ConnectionParams.Im.Organizations).MessagingEnabled);
        Assert.Equal("sig_default", li.CurrentSignature);
        Assert.Empty(li.Groups);
        var source = Assert.Single(li.Sources);
        Assert.Equal(AccountSourceServiceStatus.Ok, source.Status);
    }

    [Fact]
    public async Task PerformLinkedInUserAction_sends_the_pages_body_exactly()
    {
        Serve("/linkedin/user/AEMAACr-1eYBl...", "post", PageExample("/linkedin/user/{user_id}", "post", "200", "success"));
        using var client = _api.Client();

        var result = await client.LinkedIn.PerformUserActionAsync(
            "AEMAACr-1eYBl...",
            LinkedInUserAction.AddCandidateToPipeline(Account, "proj_01HXYZ4QK3WJ8FN3M6QH7TZ8GR", RecruiterPipelineStage.Uncontacted));

        var entry = OnlyRequest();
        Assert.Equal("POST", entry.RequestMessage.Method);
        Assert.Equal("/api/v1/linkedin/user/AEMAACr-1eYBl...", entry.RequestMessage.Path);
        AssertStandardHeaders(entry);
        Assert.StartsWith("application/json", entry.RequestMessage.Headers!["Content-Type"].Single());
        var sent = SpecModel.Parse(entry.RequestMessage.Body!);
        var documented = PageExample("/linkedin/user/{user_id}", "post", "200", "addCandidateToPipeline", request: true);
        Assert.True(JToken.DeepEquals(documented, sent), sent.ToString());

        Assert.Equal("LinkedinPerformActionOnUser", result.Object);
        Assert.True(result.Success);
    }

    public static IEnumerable<object[]> ResponseVariants() =>
        SpecModel.UnionVariants()
            .Where(v => v.Union is "OwnProfile" or "UserProfile" or "Account")
            .Select(v => new object[] { v.Union, v.Value!, v.Variant });

    [Theory]
    [MemberData(nameof(ResponseVariants))]
    public async Task Every_response_variant_comes_back_typed(string union, string value, string variant)
    {
        var body = (JObject)SpecModel.Sample(SpecModel.Schema(variant), maximal: true);
        var (path, call) = union switch
        {
            "OwnProfile" => ("/users/me", (Func<IPostPressClient, Task<object>>)(async c => await c.Users.GetMeAsync(Account))),
            "UserProfile" => ("/users/u1", async c => await c.Users.GetProfileAsync("u1", Account)),
            _ => ("/accounts/a1", (Func<IPostPressClient, Task<object>>)(async c => await c.Accounts.GetAsync("a1"))),
        };
        _api.Reply(_api.Get(path), 200, body.ToString());
        using var client = _api.Client();

        var result = await call(client);

        Assert.Equal(variant, result.GetType().Name);
        Unions.UnionVariantTests.AssertNoAdditionalProperties(result, variant);
        Assert.Equal(value, result.GetType().GetProperty(union == "Account" ? "Type" : "Provider")!.GetValue(result)!.ToString());
    }
}
