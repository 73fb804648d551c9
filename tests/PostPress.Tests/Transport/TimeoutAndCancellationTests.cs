using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using WireMock.ResponseBuilders;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>Timeouts become <see cref="PostPressTimeoutException"/>; the caller's cancellation stays an OperationCanceledException.</summary>
public sealed class TimeoutAndCancellationTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    private void Slow(TimeSpan delay) => _api.Server.Given(_api.Get("/accounts/acc_01"))
        .RespondWith(Response.Create().WithStatusCode(200).WithDelay(delay).WithBody("{}"));

    [Fact]
    public async Task Attempt_timeout_is_retried_then_reported_as_timeout()
    {
        Slow(TimeSpan.FromSeconds(3));
        using var client = _api.Client(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.MaxRetries = 1;
        });

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Contains("2 attempt", ex.Message);
        Assert.Contains(_api.Logs.Lines, l => l.Contains("attempt 1 failed with Timeout"));
        Assert.Contains(_api.Logs.Lines, l => l.Contains("attempt 2 failed with Timeout"));
    }

    [Fact]
    public async Task Overall_timeout_is_reported_as_timeout()
    {
        Slow(TimeSpan.FromSeconds(3));
        using var client = _api.Client(o =>
        {
            o.AttemptTimeout = null;
            o.Timeout = TimeSpan.FromMilliseconds(200);
        });

        await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync("acc_01"));
    }

    [Fact]
    public async Task Overall_timeout_armed_at_the_first_retry_still_ends_a_call_that_keeps_retrying()
    {
        // AttemptTimeout well below Timeout: the overall timer is armed when the first retry is decided (not at the
        // start), with the time left; it must still end the call at Timeout, between attempts or during one.
        Slow(TimeSpan.FromSeconds(5));
        using var client = _api.Client(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.Timeout = TimeSpan.FromMilliseconds(1400); // 11 attempts of 150 ms with their delays take about 2 s
            o.MaxRetries = 10;
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(20);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(40);
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Contains("overall timeout", ex.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(1300), TimeSpan.FromSeconds(4));
        Assert.Contains(_api.Logs.Lines, l => l.Contains("attempt 3 failed with Timeout"));
    }

    [Fact]
    public async Task Caller_cancellation_stays_an_OperationCanceledException()
    {
        Slow(TimeSpan.FromSeconds(3));
        using var client = _api.Client();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Accounts.GetAsync("acc_01", cts.Token));

        Assert.IsNotType<PostPressTimeoutException>(ex);
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains("attempt 2"));
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains("retrying"));
    }

    [Fact]
    public async Task Already_cancelled_token_sends_nothing()
    {
        using var client = _api.Client();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Accounts.GetAsync("acc_01", cts.Token));

        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task Connection_refused_is_a_connection_exception()
    {
        var port = _api.Server.Port;
        _api.Server.Stop();
        using var client = new PostPressClient(new PostPressClientOptions(MockApi.ApiKey)
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1"),
            MaxRetries = 1,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        });

        var ex = await Assert.ThrowsAsync<PostPressConnectionException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Contains("2 attempt", ex.Message);
    }

    [Fact]
    public async Task A_post_that_could_not_connect_is_retried_because_nothing_was_sent()
    {
        var port = _api.Server.Port;
        _api.Server.Stop();
        using var client = new PostPressClient(_api.Options(o =>
        {
            o.BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1");
            o.MaxRetries = 2;
        }));

        var ex = await Assert.ThrowsAsync<PostPressConnectionException>(() =>
            client.LinkedIn.PerformUserActionAsync("AEM1", LinkedInUserAction.SaveLead("acc_1")));

        Assert.Contains("3 attempt", ex.Message);
        Assert.Equal(2, _api.Logs.Lines.Count(l => l.Contains("PostPress retrying")));
    }
}
