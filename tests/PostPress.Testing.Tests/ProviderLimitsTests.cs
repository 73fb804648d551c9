using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>
/// Issue 19 through the public API against the sandbox: per-account provider limits and pacing, and writes whose
/// outcome is unknown (performed, then the connection dropped, the answer held back, or a 504).
/// </summary>
public sealed class ProviderLimitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static RecruiterPipelineActionRequest Action(string account = "acc_1") =>
        LinkedInUserAction.AddCandidateToPipeline(account, "proj_1", RecruiterPipelineStage.Contacted);

    [Fact]
    public async Task The_sandbox_answers_429_with_Retry_After_once_an_account_exceeds_its_budget_and_counts_each_account_alone()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { AccountLimit = new SandboxAccountLimit(2, TimeSpan.FromMinutes(1)) });
        using var client = sandbox.CreateClient(o => o.MaxRetries = 0);

        await client.Users.GetProfileAsync("jordan-walke", "acc_a");
        await client.Users.GetMeAsync("acc_a");                                  // the budget is per account, across operations
        var e = await Assert.ThrowsAsync<RateLimitException>(() => client.Users.GetProfileAsync("jordan-walke", "acc_a"));
        Assert.Equal(ErrorType.TooManyRequests, e.ErrorType);
        Assert.InRange(e.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)); // the rest of the window, whole seconds

        await client.Users.GetProfileAsync("jordan-walke", "acc_b");            // another account: its own budget
        await client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action("acc_b")); // the account of a body counts too
        await Assert.ThrowsAsync<RateLimitException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action("acc_b")));
        await client.Accounts.GetAsync("acc_a");                                 // not an account-scoped operation
    }

    [Fact]
    public async Task Paced_reads_stay_within_the_sandbox_limit_and_finish_when_the_windows_allow()
    {
        var time = new FakeTimeProvider(Start);
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions
        {
            AccountLimit = new SandboxAccountLimit(3, TimeSpan.FromMinutes(1)),
            TimeProvider = time,
        });
        var pacing = new PostPressPacingOptions();
        pacing.Tags["Users"] = new PostPressPacingPolicy { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) };
        using var client = sandbox.CreateClient(o =>
        {
            o.TimeProvider = time;
            o.Pacing = pacing;
            o.MaxRetries = 0;
            o.Timeout = null;
            o.AttemptTimeout = null;
        });

        var accounts = new[] { "acc_1", "acc_2", "acc_3" };
        var calls = accounts.SelectMany(a => Enumerable.Range(0, 6).Select(_ => client.Users.GetProfileAsync("jordan-walke", a))).ToList();

        await WaitForAsync(() => sandbox.Requests.Count(r => r.ResponseStatus != 0) == 9);
        Assert.False(calls.All(c => c.IsCompleted));
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(calls);

        Assert.Equal(18, sandbox.Requests.Count);
        Assert.All(sandbox.Requests, r => Assert.Equal(200, r.ResponseStatus));   // never over the provider's budget
        Assert.Equal(6, sandbox.Requests.Count(r => r.Query["account_id"][0] == "acc_2"));
    }

    [Fact]
    public async Task A_write_applied_then_dropped_throws_the_unknown_outcome_exception_with_what_is_known()
    {
        await using var sandbox = await PostPressSandbox.StartAsync();
        sandbox.Next(1, "performLinkedInUserAction").ApplyThenDropConnection();
        using var client = sandbox.CreateClient(o => o.InitialRetryDelay = TimeSpan.FromMilliseconds(1));

        var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action()));

        Assert.Equal("performLinkedInUserAction", e.OperationId);
        Assert.Null(e.StatusCode);
        Assert.True(e.RequestSent);
        Assert.Equal(1, e.Attempts);
        Assert.Contains("\"account_id\":\"acc_1\"", e.RequestBody);
        Assert.DoesNotContain(sandbox.ApiKey, e.RequestBody + e.Message + e);
        Assert.IsType<PostPressConnectionException>(e.InnerException);
        Assert.Single(sandbox.Requests);                                         // not retried: it may have been performed
    }

    [Fact]
    public async Task Opted_in_a_retry_answered_action_already_performed_ends_with_the_already_performed_outcome()
    {
        await using var sandbox = await PostPressSandbox.StartAsync();
        sandbox.Next(1, "performLinkedInUserAction").ApplyThenDropConnection();
        using var client = sandbox.CreateClient(o =>
        {
            o.RetryUnknownOutcomes = true;
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);
        });

        var e = await Assert.ThrowsAsync<PostPressActionAlreadyPerformedException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action()));

        Assert.Equal(2, e.Attempts);
        Assert.Equal(422, e.Answer.StatusCode);
        Assert.Equal(ErrorType.ActionAlreadyPerformed, e.Answer.ErrorType);
        Assert.Equal(2, sandbox.Requests.Count);
        Assert.Equal(sandbox.Requests[0].Body, sandbox.Requests[1].Body);
    }

    [Fact]
    public async Task Opted_in_a_write_whose_first_attempt_did_not_apply_returns_the_retry_result()
    {
        await using var sandbox = await PostPressSandbox.StartAsync();
        sandbox.Next(1, "performLinkedInUserAction").ResetConnection();          // the answer breaks off; nothing remembered
        using var client = sandbox.CreateClient(o =>
        {
            o.RetryUnknownOutcomes = true;
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);
        });

        var result = await client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action());

        Assert.True(result.Success);
        Assert.Equal(2, sandbox.Requests.Count);
    }

    [Fact]
    public async Task A_504_after_the_write_applied_is_an_unknown_outcome_and_opted_in_is_resolved_by_the_retry()
    {
        await using var sandbox = await PostPressSandbox.StartAsync();
        sandbox.Next(1, "performLinkedInUserAction").ApplyThenGatewayTimeout();
        using (var client = sandbox.CreateClient(o => o.InitialRetryDelay = TimeSpan.FromMilliseconds(1)))
        {
            var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action()));
            Assert.Equal(504, e.StatusCode);
            Assert.IsAssignableFrom<PostPressApiException>(e.InnerException);
        }

        sandbox.Reset();
        sandbox.Next(1, "performLinkedInUserAction").ApplyThenGatewayTimeout();
        using var retrying = sandbox.CreateClient(o =>
        {
            o.RetryUnknownOutcomes = true;
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);
        });
        await Assert.ThrowsAsync<PostPressActionAlreadyPerformedException>(() => retrying.LinkedIn.PerformUserActionAsync("AEMAAB1", Action()));
    }

    [Fact]
    public async Task A_write_applied_then_answered_too_late_times_out_into_the_unknown_outcome_exception()
    {
        await using var sandbox = await PostPressSandbox.StartAsync();
        sandbox.Next(1, "performLinkedInUserAction").ApplyThenDelay(TimeSpan.FromSeconds(10));
        using var client = sandbox.CreateClient(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var e = await Assert.ThrowsAsync<PostPressUnknownOutcomeException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action()));

        Assert.True(e.RequestSent);
        Assert.IsType<PostPressTimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task A_read_whose_connection_drops_is_retried_as_before_not_an_unknown_outcome()
    {
        await using var sandbox = await PostPressSandbox.StartAsync();
        sandbox.Next(1, "getUserProfile").ApplyThenDropConnection();
        using var client = sandbox.CreateClient(o => o.InitialRetryDelay = TimeSpan.FromMilliseconds(1));

        await client.Users.GetProfileAsync("jordan-walke", "acc_1");
        Assert.Equal(2, sandbox.Requests.Count);
    }

    [Fact]
    public async Task With_duplicate_detection_a_repeated_action_is_answered_with_the_duplicate_error()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { DetectDuplicateActions = true });
        using var client = sandbox.CreateClient();

        await client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action());
        var e = await Assert.ThrowsAsync<UnprocessableEntityException>(() => client.LinkedIn.PerformUserActionAsync("AEMAAB1", Action()));
        Assert.Equal(ErrorType.ActionAlreadyPerformed, e.ErrorType);            // no unknown outcome: a plain 422
        await client.LinkedIn.PerformUserActionAsync("AEMAAB2", Action());      // another user: a new action
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition());
    }
}
