using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

/// <summary>What each policy does with a call's own settings (<see cref="PostPressRequestOptions"/> on the message).</summary>
public sealed class PerCallOptionsPolicyTests
{
    private static RetryPolicy Retry(int clientMaxRetries) => new(
        new PostPressClientOptions("pp_test_retry")
        {
            MaxRetries = clientMaxRetries,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(2),
        },
        NullLogger.Instance,
        new Uri("https://api.example.test"));

    [Fact]
    public async Task RequestPolicy_adds_the_extra_headers_after_the_sdks_own()
    {
        HttpRequestMessage? seen = null;
        string[]? traces = null;
        var end = new ScriptedEnd().Then(async m =>
        {
            seen = m.Request;
            traces = m.Request!.Headers.GetValues("X-Trace").ToArray();
            m.Response = await PolicyHarness.BufferedAsync(200);
        });
        using var message = PolicyHarness.Message();
        message.ExtraHeaders = new List<KeyValuePair<string, string>> { new("X-Trace", "a"), new("X-Trace", "b"), new("X-Tenant", "t1") };

        await PolicyHarness.RunAsync(message, new RequestPolicy("ua"), end);

        Assert.Equal(new[] { "a", "b" }, traces);
        Assert.Equal("t1", seen!.Headers.GetValues("X-Tenant").Single());
        Assert.Equal(PolicyHarness.Key, seen.Headers.GetValues("X-API-KEY").Single());
    }

    [Fact]
    public async Task CallTimeoutPolicy_uses_the_calls_timeout_instead_of_the_clients()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var end = new ScriptedEnd().Then(async m =>
        {
            m.Attempt = 1;
            started.SetResult();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();
        message.Timeout = TimeSpan.FromSeconds(2);
        var policy = new CallTimeoutPolicy(new ClientLifetime(), TimeSpan.FromSeconds(30), null, time);

        var call = PolicyHarness.RunAsync(message, policy, end).AsTask();
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => call);
        Assert.Contains("overall timeout (00:00:02)", ex.Message);
    }

    [Fact]
    public async Task CallTimeoutPolicy_gives_a_call_a_timeout_when_the_client_has_none()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var end = new ScriptedEnd().Then(async m =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();
        message.Timeout = TimeSpan.FromSeconds(3);
        var call = PolicyHarness.RunAsync(message, new CallTimeoutPolicy(new ClientLifetime(), null, null, time), end).AsTask();
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<PostPressTimeoutException>(() => call);
    }

    [Fact]
    public async Task AttemptTimeoutPolicy_bounds_an_attempt_by_the_calls_timeout_when_the_client_has_none()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var end = new ScriptedEnd().Then(async m =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();
        message.AttemptTimeout = TimeSpan.FromSeconds(4);

        var call = PolicyHarness.RunAsync(message, new AttemptTimeoutPolicy(null, time), end).AsTask();
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(4));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
    }

    [Fact]
    public async Task AttemptTimeoutPolicy_prefers_the_calls_shorter_timeout_over_the_clients()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource();
        var end = new ScriptedEnd().Then(async m =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, m.CancellationToken);
        });
        using var message = PolicyHarness.Message();
        message.AttemptTimeout = TimeSpan.FromSeconds(1);

        var call = PolicyHarness.RunAsync(message, new AttemptTimeoutPolicy(TimeSpan.FromSeconds(30), time), end).AsTask();
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => call);
    }

    [Fact]
    public async Task AttemptTimeoutPolicy_steps_aside_when_neither_the_call_nor_the_client_sets_one()
    {
        CancellationToken seen = default;
        var end = new ScriptedEnd().Then(async m =>
        {
            seen = m.CancellationToken;
            m.Response = await PolicyHarness.BufferedAsync(200);
        });
        using var message = PolicyHarness.Message();

        await PolicyHarness.RunAsync(message, new AttemptTimeoutPolicy(null, new FakeTimeProvider()), end);

        Assert.False(seen.CanBeCanceled);
        Assert.Equal(200, message.Response!.StatusCode);
    }

    [Theory]
    [InlineData(3, 0, 1)]
    [InlineData(3, 1, 2)]
    [InlineData(0, 2, 3)]
    [InlineData(1, 5, 6)]
    [InlineData(2, null, 3)]
    public async Task RetryPolicy_retries_up_to_the_calls_count_or_else_the_clients(int clientMaxRetries, int? callMaxRetries, int expectedAttempts)
    {
        var end = new ScriptedEnd();
        for (var i = 0; i < 12; i++)
        {
            end.Respond(503);
        }

        using var message = PolicyHarness.Message();
        message.MaxRetries = callMaxRetries;

        await PolicyHarness.RunAsync(message, Retry(clientMaxRetries), end);

        Assert.Equal(expectedAttempts, end.Calls);
        Assert.Equal(Enumerable.Range(1, expectedAttempts), end.Attempts);
        Assert.Equal(503, message.Response!.StatusCode);
    }

    [Fact]
    public async Task RetryPolicy_with_the_per_call_maximum_still_stops_at_the_limit()
    {
        var end = new ScriptedEnd();
        for (var i = 0; i < 15; i++)
        {
            end.Respond(503);
        }

        using var message = PolicyHarness.Message();
        message.MaxRetries = PostPressRequestOptions.MaxRetriesLimit;

        await PolicyHarness.RunAsync(message, Retry(0), end);

        Assert.Equal(PostPressRequestOptions.MaxRetriesLimit + 1, end.Calls);
    }
}
