using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests;

/// <summary>The README's "Using the SDK" code, run against the mock server, so the README stays true.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private static string Example(string path, string method, string name) =>
        SpecModel.Document["paths"]![path]![method]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]![name]!["value"]!.ToString();

#if !POSTPRESS_NETSTANDARD_ASSET
    [Fact]
    public void Readme_synchronous_example_runs()
    {
        _api.Reply(_api.Get("/users/me"), 200, Example("/users/me", "get", "linkedin"));
        _api.Reply(_api.Get("/accounts/acc_1"), 200, Example("/accounts/{id}", "get", "linkedin"));
        _api.Reply(_api.Get("/users/relations"), 200, Example("/users/relations", "get", "lastPage"));
        using var client = new PostPressClient(_api.Options());
        var output = new List<string>();

        // --- README "Using the SDK", synchronous twins ---
        OwnProfile me = client.Users.GetMe("acc_1");
        PostPressResponse<Account> response = client.Accounts.GetWithResponse("acc_1");   // + status, headers, request id
        foreach (UserRelation r in client.Users.ListAllRelations("acc_1", pageSize: 500))  // pages fetched synchronously
            output.Add(r.PublicIdentifier);
        // --- end of README code ---

        Assert.IsType<LinkedInOwnProfile>(me);
        Assert.Equal(200, response.StatusCode);
        Assert.IsType<LinkedInAccount>(response.Value);
        Assert.Equal(JObject.Parse(Example("/users/relations", "get", "lastPage"))["items"]!.Count(), output.Count);
        Assert.Equal(3, _api.Requests.Count);
    }
#endif

    [Fact]
    public async Task Readme_walkthrough_runs()
    {
        _api.Reply(_api.Get("/users/me"), 200, Example("/users/me", "get", "linkedin"));
        _api.Reply(_api.Get("/users/jordan-walke"), 200, Example("/users/{identifier}", "get", "linkedin"));
        _api.Reply(_api.Get("/users/relations"), 200, Example("/users/relations", "get", "lastPage"));
        _api.Reply(_api.Get("/accounts/acc_1"), 200, Example("/accounts/{id}", "get", "linkedin"));
        _api.Reply(_api.Get("/accounts/acc_gone"), 401, "{\"title\":\"Unauthorized\",\"type\":\"errors/disconnected_account\",\"status\":401}");
        _api.Reply(_api.Post("/linkedin/user/AEMAAB"), 200, "{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}");
        var output = new List<string>();

        // --- README "Using the SDK" (with the mock's base address) ---
        using var client = new PostPressClient(_api.Options());

        OwnProfile me = await client.Users.GetMeAsync("acc_1");
        switch (me)
        {
            case LinkedInOwnProfile li:
                output.Add($"{li.FirstName} – {li.Headline}");
                if (li.Recruiter is RecruiterSeat seat) output.Add(seat.OwnerSeatId);
                break;
            case GmailOwnProfile gmail: output.Add(gmail.Email); break;
            case UnknownOwnProfile other: output.Add($"provider not known to this SDK version: {other.Provider}"); break;
        }

        UserProfile profile = await client.Users.GetProfileAsync("jordan-walke", "acc_1",
            new UserProfileOptions { LinkedInSections = { LinkedInSectionSelector.AllPreview, LinkedInSectionSelector.Skills } });

        await foreach (UserRelation r in client.Users.ListAllRelationsAsync("acc_1", pageSize: 500))
            output.Add(r.PublicIdentifier);

        Account account = await client.Accounts.GetAsync("acc_1");

        await client.LinkedIn.PerformUserActionAsync("AEMAAB",
            LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted));

        try { await client.Accounts.GetAsync("acc_gone"); }
        catch (RateLimitException e) { output.Add($"retry after {e.RetryAfter}"); }
        catch (PostPressApiException e) when (e.ErrorType == ErrorType.DisconnectedAccount) { output.Add("reconnect"); }
        // --- end of README code ---

        Assert.Equal(new[] { "Ada – Founder at postpress", "seat_1", "reconnect" }, output);
        Assert.IsType<LinkedInUserProfile>(profile);
        Assert.IsType<LinkedInAccount>(account);
    }

    [Fact]
    public async Task Readme_per_call_options_example_runs()
    {
        _api.Reply(_api.Get("/accounts/acc_1"), 200, Example("/accounts/{id}", "get", "linkedin"));
        _api.Reply(_api.Get("/users/relations"), 200, Example("/users/relations", "get", "lastPage"));
        using var client = _api.Client();
        var otherAccountKey = "pp_test_OTHER_ACCOUNT_a1";
        var correlationId = "corr-1";
        var cancellationToken = System.Threading.CancellationToken.None;

        // README "Per-call options":
        var options = new PostPressRequestOptions
        {
            ApiKey = otherAccountKey,                 // instead of the client's key, for this call only
            Timeout = TimeSpan.FromSeconds(10),       // overall, over every attempt and retry delay
            AttemptTimeout = TimeSpan.FromSeconds(3), // each attempt
            MaxRetries = 0,                           // 0..10 (PostPressRequestOptions.MaxRetriesLimit)
        }
        .AddHeader("X-Correlation-Id", correlationId);

        var account = await client.Accounts.GetAsync("acc_1", options, cancellationToken);
        await foreach (var relation in client.Users.ListAllRelationsAsync("acc_1", null, null, options)) { /* every page */ }

        Assert.IsType<LinkedInAccount>(account);
        Assert.All(_api.Requests, r =>
        {
            Assert.Equal(otherAccountKey, r.RequestMessage.Headers!["X-API-KEY"].Single());
            Assert.Equal(correlationId, r.RequestMessage.Headers!["X-Correlation-Id"].Single());
        });
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task Readme_dependency_injection_runs()
    {
        _api.Reply(_api.Get("/accounts/acc_1"), 200, Example("/accounts/{id}", "get", "linkedin"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PostPress:ApiKey"] = MockApi.ApiKey,
            ["PostPress:BaseUri"] = _api.BaseUri.ToString(),
        }).Build();
        var services = new ServiceCollection();

        services.AddPostPress(configuration);

        using var provider = services.BuildServiceProvider();
        var account = await provider.GetRequiredService<IPostPressClient>().Accounts.GetAsync("acc_1");
        Assert.IsType<LinkedInAccount>(account);
    }
}
