using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>Pacing through the public API: a wait counts against the overall Timeout (not the attempt's), on both clocks.</summary>
public sealed class PacingTimeoutTests : IDisposable
{
    private readonly MockApi _api = new();

    public PacingTimeoutTests()
    {
        var profile = SpecModel.Document["paths"]!["/users/{identifier}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["linkedin"]!["value"]!.ToString();
        _api.Reply(_api.Get("/users/jordan-walke"), 200, profile);
    }

    public void Dispose() => _api.Dispose();

    private static PostPressPacingOptions OneCallPerHour() =>
        new() { Default = new PostPressPacingPolicy { PermitLimit = 1, Window = TimeSpan.FromHours(1) } };

    [Fact]
    public async Task A_pacing_wait_longer_than_the_timeout_ends_in_a_timeout_on_the_fake_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var client = _api.Client(o =>
        {
            o.TimeProvider = time;
            o.Pacing = OneCallPerHour();
            o.Timeout = TimeSpan.FromSeconds(60);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
        });

        await client.Users.GetProfileAsync("jordan-walke", "acc_1");
        var waiting = client.Users.GetProfileAsync("jordan-walke", "acc_1");
        var other = await client.Users.GetProfileAsync("jordan-walke", "acc_2");   // another account is not held
        Assert.NotNull(other);

        time.Advance(TimeSpan.FromSeconds(10));                                    // past the attempt timeout: no effect
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(50));
        await Assert.ThrowsAsync<PostPressTimeoutException>(() => waiting);
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task A_pacing_wait_arms_the_deferred_overall_timer_on_the_system_clock()
    {
        // Timeout - AttemptTimeout >= 1 s: the overall timer is deferred to the first retry, or to the first pacing wait.
        using var client = _api.Client(o =>
        {
            o.Pacing = OneCallPerHour();
            o.Timeout = TimeSpan.FromSeconds(1.5);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(400);
        });

        // The first call (which takes the hour's slot) through a copy without timeouts: it shares the pacing, and a slow
        // machine cannot time it out.
        await client.WithOptions(o => { o.Timeout = null; o.AttemptTimeout = null; }).Users.GetProfileAsync("jordan-walke", "acc_1");
        await Assert.ThrowsAsync<PostPressTimeoutException>(() => client.Users.GetProfileAsync("jordan-walke", "acc_1"));
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task The_callers_token_ends_a_pacing_wait_with_its_own_cancellation()
    {
        using var client = _api.Client(o => o.Pacing = OneCallPerHour());
        await client.Users.GetProfileAsync("jordan-walke", "acc_1");

        using var cts = new CancellationTokenSource();
        var waiting = client.Users.GetProfileAsync("jordan-walke", "acc_1", cancellationToken: cts.Token);
        cts.Cancel();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(cts.Token, e.CancellationToken);
    }
}
