using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class RetryPolicyTests
{
    private static RetryPolicy Policy(int maxRetries = 3, TimeProvider? time = null) => new(
        new PostPressClientOptions("pp_test_retry")
        {
            MaxRetries = maxRetries,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            TimeProvider = time ?? TimeProvider.System,
        },
        NullLogger.Instance,
        new Uri("https://api.example.test"));

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Retries_429_and_503_then_keeps_the_success_numbering_attempts_from_one(CallMode mode)
    {
        var end = new ScriptedEnd().Respond(503).Respond(429).Respond(200, "{\"ok\":true}");
        using var message = PolicyHarness.Message();
        var decided = 0;
        message.RetryDecided = _ => decided++;

        await PolicyHarness.RunAsync(mode, message, Policy(), end);

        Assert.Equal(new[] { 1, 2, 3 }, end.Attempts);
        Assert.Equal(3, message.Attempt);
        Assert.Equal(200, message.Response!.StatusCode);
        Assert.Equal(2, decided);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Gives_up_after_max_retries_with_the_last_response(CallMode mode)
    {
        var end = new ScriptedEnd().Respond(503).Respond(503).Respond(503);
        using var message = PolicyHarness.Message();
        await PolicyHarness.RunAsync(mode, message, Policy(maxRetries: 2), end);
        Assert.Equal(3, end.Calls);
        Assert.Equal(503, message.Response!.StatusCode);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_post_is_not_retried_once_it_may_have_reached_the_api_but_a_get_is(CallMode mode)
    {
        foreach (var (operation, expectedCalls) in new[] { (PolicyHarness.Post, 1), (PolicyHarness.Get, 2) })
        {
            var end = new ScriptedEnd().Throw(new IOException("connection reset mid-body")).Respond(200);
            using var message = PolicyHarness.Message(operation);
            var run = PolicyHarness.RunAsync(mode, message, Policy(), end).AsTask();
            if (expectedCalls == 1)
            {
                await Assert.ThrowsAsync<IOException>(() => run);
            }
            else
            {
                await run;
            }

            Assert.Equal(expectedCalls, end.Calls);
        }
    }

    [Theory]
    [InlineData(504, false)]
    [InlineData(500, false)]
    [InlineData(400, false)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    public async Task Which_statuses_a_post_retries(int status, bool retried)
    {
        var end = new ScriptedEnd().Respond(status).Respond(200);
        using var message = PolicyHarness.Message(PolicyHarness.Post);
        await PolicyHarness.RunAsync(message, Policy(), end);
        Assert.Equal(retried ? 2 : 1, end.Calls);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Attempt_timeouts_of_a_get_are_retried_and_sdk_exceptions_are_not(CallMode mode)
    {
        var end = new ScriptedEnd().Throw(new TimeoutRejectedException()).Respond(200);
        using var message = PolicyHarness.Message();
        await PolicyHarness.RunAsync(mode, message, Policy(), end);
        Assert.Equal(2, end.Calls);

        var refused = new ScriptedEnd().Throw(new PostPressResponseTooLargeException(200, 10, 20)).Respond(200);
        using var other = PolicyHarness.Message();
        await Assert.ThrowsAsync<PostPressResponseTooLargeException>(() => PolicyHarness.RunAsync(mode, other, Policy(), refused).AsTask());
        Assert.Equal(1, refused.Calls);
    }

    [Fact]
    public async Task Retry_after_on_the_fake_clock_is_waited_for()
    {
        var time = new FakeTimeProvider();
        var end = new ScriptedEnd().Respond(429, "{}", ("Retry-After", "1")).Respond(200);
        using var message = PolicyHarness.Message();
        var policy = new RetryPolicy(
            new PostPressClientOptions("pp_test_retry") { MaxRetries = 1, MaxRetryDelay = TimeSpan.FromSeconds(30), TimeProvider = time },
            NullLogger.Instance,
            new Uri("https://api.example.test"));

        var call = PolicyHarness.RunAsync(message, policy, end).AsTask();
        for (var i = 0; i < 200 && end.Calls < 1; i++)
        {
            await Task.Delay(5);
        }

        await Task.Delay(20);
        Assert.Equal(1, end.Calls);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await call;
        Assert.Equal(2, end.Calls);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Without_retries_there_is_one_attempt_numbered_one(CallMode mode)
    {
        var end = new ScriptedEnd().Respond(503);
        using var message = PolicyHarness.Message();
        await PolicyHarness.RunAsync(mode, message, Policy(maxRetries: 0), end);
        Assert.Equal(new[] { 1 }, end.Attempts);
    }
}

public sealed class AttemptTimeoutPolicyTests
{
    [Fact]
    public async Task An_attempt_that_runs_out_throws_timeout_rejected_on_the_clients_clock()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        CancellationToken seen = default;
        var end = new ScriptedEnd().Then(async m =>
        {
            seen = m.CancellationToken;
            started.SetResult();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();

        var call = PolicyHarness.RunAsync(message, new AttemptTimeoutPolicy(TimeSpan.FromSeconds(5), time), end).AsTask();
        await started.Task;
        Assert.True(seen.CanBeCanceled);
        time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
    }

    [Fact]
    public async Task A_fast_attempt_passes()
    {
        var end = new ScriptedEnd().Respond(200);
        using var message = PolicyHarness.Message();
        await PolicyHarness.RunAsync(message, new AttemptTimeoutPolicy(TimeSpan.FromSeconds(5), new FakeTimeProvider()), end);
        Assert.Equal(200, message.Response!.StatusCode);
    }
}
