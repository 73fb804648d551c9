using System.Text.Json.Nodes;
using PostPress.Testing;
using Xunit;

namespace PostPress.TestingSample;

/// <summary>
/// Testing with the sandbox: the real SDK client over HTTP against an in-process postpress API built from its
/// OpenAPI document. Use it to check what your code sends (the journal), how it reads every response variant, and
/// how it copes with errors, rate limits and broken connections.
/// </summary>
public sealed class CandidateImporterSandboxTests : IAsyncLifetime
{
    private PostPressSandbox _sandbox = null!;
    private PostPressClient _client = null!;

    private int _engineers;

    public async Task InitializeAsync()
    {
        _sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 450 });
        _client = _sandbox.CreateClient(o =>
        {
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);   // keep retried scenarios fast
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(10);
        });

        // The sandbox makes up each relation's person (name, headline, ...) from its seed: count the engineers among them.
        await foreach (var relation in _client.Users.ListAllRelationsAsync("acc_1", pageSize: 200))
        {
            _engineers += relation.Headline.Contains("engineer", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        _sandbox.ClearRequests();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Every_matching_relation_is_added_to_the_project()
    {
        var report = await new CandidateImporter(_client).ImportAsync("acc_1", "proj_7", "engineer");

        Assert.InRange(_engineers, 1, 449);         // some of the 450 generated relations are engineers, not all
        Assert.Equal(_engineers, report.Added);
        var posts = _sandbox.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(_engineers, posts.Count);
        var body = JsonNode.Parse(posts[0].Body!)!;
        Assert.Equal("addCandidateToPipeline", body["action"]!.GetValue<string>());
        Assert.Equal("proj_7", body["hiring_project_id"]!.GetValue<string>());
        Assert.Equal(3, _sandbox.Requests.Count(r => r.OperationId == SandboxOperations.ListRelations));   // pages of 200
    }

    [Fact]
    public async Task A_candidate_already_in_the_project_is_reported_and_the_import_goes_on()
    {
        _sandbox.Next(2, SandboxOperations.PerformLinkedInUserAction).Fail(422, SandboxErrors.ActionAlreadyPerformed);

        var report = await new CandidateImporter(_client).ImportAsync("acc_1", "proj_7", "engineer");

        Assert.Equal(_engineers - 2, report.Added);
        Assert.Equal(2, report.Failed.Count);
        Assert.All(report.Failed, f => Assert.EndsWith(SandboxErrors.ActionAlreadyPerformed, f));
    }

    [Fact]
    public async Task A_rate_limited_page_is_retried_by_the_sdk()
    {
        _sandbox.Next(1, SandboxOperations.ListRelations).RateLimit(TimeSpan.FromSeconds(1));

        var report = await new CandidateImporter(_client).ImportAsync("acc_1", "proj_7", "engineer");

        Assert.Equal(_engineers, report.Added);
    }

    [Theory]
    [InlineData(AccountVariants.LinkedIn, "^LinkedIn account Anna - Sales$")]                      // the spec's example
    [InlineData(AccountVariants.Mail, @"^mailbox [A-Z][\w'-]+ [A-Z][\w'-]+ on imap\.[a-z]+\.com$")]  // made up by the sandbox
    [InlineData(AccountVariants.Slack, @"^SLACK account [A-Z][\w'-]+ [A-Z][\w'-]+$")]
    public async Task Every_account_variant_is_described(string type, string expected)
    {
        _sandbox.Respond(SandboxOperations.GetAccount).WithVariant(type);
        Assert.Matches(expected, await new CandidateImporter(_client).DescribeAccountAsync("acc_1"));
    }

    [Fact]
    public async Task A_missing_account_is_described()
    {
        _sandbox.Next(1, SandboxOperations.GetAccount).Fail(404);
        Assert.Equal("no account acc_x", await new CandidateImporter(_client).DescribeAccountAsync("acc_x"));
    }
}
