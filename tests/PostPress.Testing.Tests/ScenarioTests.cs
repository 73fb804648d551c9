using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>The scenario API (failures, 429/503 with Retry-After, resets, delays, slow bodies) and the request journal.</summary>
public sealed class ScenarioTests : IClassFixture<SandboxFixture>
{
    private readonly PostPressSandbox _sandbox;

    public ScenarioTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
    }

    [Fact]
    public async Task The_next_calls_of_one_operation_answer_a_status_and_a_documented_code()
    {
        _sandbox.Next(2, "getAccount").Fail(404, "errors/invalid_resource_identifier");
        using var client = Clients.Fast(_sandbox);

        Assert.IsType<LinkedInOwnProfile>(await client.Users.GetMeAsync("acc_1"));   // another operation: unaffected
        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_1"));
            Assert.Equal(ErrorType.InvalidResourceIdentifier, e.ErrorType);
            Assert.Equal("The provided resource identifier is invalid.", e.Detail); // getAccount's own wording in the spec
        }

        Assert.IsType<LinkedInAccount>(await client.Accounts.GetAsync("acc_1"));      // the third call succeeds
    }

    [Fact]
    public async Task Without_a_code_the_first_code_the_operation_documents_is_used()
    {
        _sandbox.Next().Fail(422);
        using var client = Clients.Fast(_sandbox);
        var e = await Assert.ThrowsAsync<UnprocessableEntityException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1",
            LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted)));
        Assert.Equal(ErrorType.InvalidAccount, e.ErrorType);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_by_the_sdk()
    {
        _sandbox.Next(1, "getAccount").RateLimit(TimeSpan.FromSeconds(3));
        using var client = Clients.Fast(_sandbox);
        Assert.IsType<LinkedInAccount>(await client.Accounts.GetAsync("acc_1"));
        Assert.Equal([429, 200], _sandbox.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task A_429_surfaces_Retry_After_when_retries_are_off()
    {
        _sandbox.Next().RateLimit(TimeSpan.FromSeconds(3));
        using var client = Clients.Fast(_sandbox, maxRetries: 0);
        var e = await Assert.ThrowsAsync<RateLimitException>(() => client.Accounts.GetAsync("acc_1"));
        Assert.Equal(TimeSpan.FromSeconds(3), e.RetryAfter);
        Assert.Equal(ErrorType.TooManyRequests, e.ErrorType);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_a_typed_exception()
    {
        _sandbox.Next(3).ServiceUnavailable(TimeSpan.FromSeconds(2), "errors/network_down");
        using var client = Clients.Fast(_sandbox, maxRetries: 2);
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.Users.GetMeAsync("acc_1"));
        Assert.Equal(ErrorType.NetworkDown, e.ErrorType);
        Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
        Assert.Equal(3, _sandbox.Requests.Count);               // 1 + 2 retries
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_a_connection_exception()
    {
        _sandbox.Next().ResetConnection();
        using var client = Clients.Fast(_sandbox, maxRetries: 0);
        await Assert.ThrowsAsync<PostPressConnectionException>(() => client.Accounts.GetAsync("acc_1"));
        Assert.Equal(0, _sandbox.Requests.Single().ResponseStatus);
    }

    [Fact]
    public async Task A_GET_reset_mid_body_is_retried()
    {
        _sandbox.Next(1, "getAccount").ResetConnection();
        using var client = Clients.Fast(_sandbox);
        Assert.IsType<LinkedInAccount>(await client.Accounts.GetAsync("acc_1"));
        Assert.Equal(2, _sandbox.Requests.Count);
    }

    [Fact]
    public async Task A_slow_body_arrives_complete()
    {
        _sandbox.Next().SlowBody(TimeSpan.FromMilliseconds(200));
        using var client = _sandbox.CreateClient();
        var profile = Assert.IsType<LinkedInUserProfile>(await client.Users.GetProfileAsync("jordan-walke", "acc_1"));
        Assert.Equal("Engineer at Acme", profile.Headline);
    }

    [Fact]
    public async Task A_slow_body_longer_than_the_overall_timeout_times_out()
    {
        _sandbox.Next().SlowBody(TimeSpan.FromSeconds(5));
        using var client = _sandbox.CreateClient(o =>
        {
            o.MaxRetries = 0;
            o.Timeout = TimeSpan.FromMilliseconds(300);
        });
        await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Users.GetProfileAsync("jordan-walke", "acc_1"));
    }

    [Fact]
    public async Task A_delay_longer_than_the_attempt_timeout_times_out()
    {
        _sandbox.Next().Delay(TimeSpan.FromSeconds(5));
        using var client = _sandbox.CreateClient(o =>
        {
            o.MaxRetries = 0;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        });
        await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync("acc_1"));
    }

    [Fact]
    public async Task The_journal_records_method_path_query_headers_and_body_but_never_the_key()
    {
        using var client = _sandbox.CreateClient();
        await client.LinkedIn.PerformUserActionAsync("AEMAAB1",
            LinkedInUserAction.AddCandidateToPipeline("acc_9", "proj_1", RecruiterPipelineStage.Contacted));
        await client.Users.ListRelationsAsync("acc_9", filter: "ada", limit: 7);

        var post = _sandbox.Requests[0];
        Assert.Equal("performLinkedInUserAction", post.OperationId);
        Assert.Equal("POST", post.Method);
        Assert.Equal("/api/v1/linkedin/user/AEMAAB1", post.Path);
        Assert.Contains("\"hiring_project_id\":\"proj_1\"", post.Body, StringComparison.Ordinal);
        Assert.True(post.HadApiKey);
        Assert.False(post.Headers.ContainsKey("X-API-KEY"));
        Assert.DoesNotContain(_sandbox.ApiKey, string.Join(";", post.Headers.Values), StringComparison.Ordinal);
        Assert.StartsWith("postpress-dotnet/", post.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal(200, post.ResponseStatus);

        var list = _sandbox.Requests[1];
        Assert.Equal(["ada"], list.Query["filter"]);
        Assert.Equal(["7"], list.Query["limit"]);
        Assert.Null(list.Body);

        _sandbox.ClearRequests();
        Assert.Empty(_sandbox.Requests);
    }

    [Fact]
    public async Task The_journal_keeps_the_latest_requests_up_to_its_capacity()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { JournalCapacity = 2 });
        using var client = sandbox.CreateClient();
        foreach (var id in new[] { "acc_1", "acc_2", "acc_3" })
        {
            await client.Accounts.GetAsync(id);
        }

        Assert.Equal(["/api/v1/accounts/acc_2", "/api/v1/accounts/acc_3"], sandbox.Requests.Select(r => r.Path));
    }

    [Fact]
    public void Scenario_arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _sandbox.Next(0));
        Assert.Throws<ArgumentException>(() => _sandbox.Next(1, "nope"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sandbox.Next().Fail(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => _sandbox.Next().SlowBody(TimeSpan.Zero));
    }
}
