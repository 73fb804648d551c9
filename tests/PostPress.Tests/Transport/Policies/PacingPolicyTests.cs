using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class PacingPolicyTests
{
    private static readonly OperationInfo ProfileRead = new("getUserProfile", "GET", "/users/{identifier}") { Tag = "Users", AccountKey = "account_id" };

    private static readonly OperationInfo Relations = new("listRelations", "GET", "/users/relations") { Tag = "Users", AccountKey = "account_id", CostClass = "heavy" };

    private static readonly OperationInfo NoAccount = new("getAccount", "GET", "/accounts/{id}") { Tag = "Accounts" };

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of the path: records (account, fake time) of each start, answers 200 (or what <see cref="Answer"/> says).</summary>
    private sealed class RecordingEnd : PipelinePolicy
    {
        private readonly TimeProvider _time;

        public RecordingEnd(TimeProvider time) => _time = time;

        public ConcurrentQueue<(string Account, TimeSpan At)> Starts { get; } = new();

        public Func<PipelineMessage, int> Answer { get; set; } = _ => 200;

        public (string, string)[] Headers { get; set; } = Array.Empty<(string, string)>();

        public Func<PipelineMessage, Task>? Hold { get; set; }

        public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
        {
            Starts.Enqueue((message.AccountId ?? "-", _time.GetUtcNow() - Start));
            if (Hold is not null)
            {
                await Hold(message);
            }

            var status = Answer(message);
            message.Response = await PolicyHarness.BufferedAsync(status, "{}", status == 429 ? Headers : Array.Empty<(string, string)>());
        }

#if !POSTPRESS_NETSTANDARD_ASSET
        public override void Process(PipelineMessage message, PipelineNext next)
        {
            if (Hold is not null)
            {
                throw new InvalidOperationException("Hold is async: the synchronous path cannot run it.");
            }

            Starts.Enqueue((message.AccountId ?? "-", _time.GetUtcNow() - Start));
            var status = Answer(message);
            message.Response = PolicyHarness.Buffered(status, "{}", status == 429 ? Headers : Array.Empty<(string, string)>());
        }
#endif
    }

    private static PipelineMessage Message(OperationInfo operation, string? account, CancellationToken token = default) =>
        new(operation, new Uri("https://api.example.test/api/v1/users/x"), null, PolicyHarness.Key, token) { AccountId = account };

    private static async Task RunAsync(PacingPolicy pacing, RecordingEnd end, PipelineMessage message)
    {
        using (message)
        {
            await PolicyHarness.RunAsync(message, pacing, end);
        }
    }

    /// <summary>Advances the fake clock to <paramref name="target"/> and waits (real time, bounded) until <paramref name="done"/> holds.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan target, Func<bool> done)
    {
        var now = time.GetUtcNow() - Start;
        if (target > now)
        {
            time.Advance(target - now);
        }

        for (var i = 0; i < 2000 && !done(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(done(), "The expected calls had not started at " + target + ".");
    }

    [Fact]
    public async Task A_thousand_profile_reads_over_twenty_accounts_finish_at_the_computed_time_and_no_account_exceeds_its_budget()
    {
        var time = new FakeTimeProvider(Start);
        var policy = new PostPressPacingPolicy { PermitLimit = 5, Window = TimeSpan.FromSeconds(10) };
        var options = new PostPressPacingOptions();
        options.Operations["getUserProfile"] = policy;
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time);
        var accounts = Enumerable.Range(0, 20).Select(i => "acc_" + i).ToArray();

        var calls = Enumerable.Range(0, 1000).Select(i => RunAsync(pacing, end, Message(ProfileRead, accounts[i % 20]))).ToList();

        // 50 calls per account at 5 per 10 s: 5 start at 0 s, 5 at 10 s, ... the last 5 at 90 s.
        for (var window = 0; window < 10; window++)
        {
            var expected = 100 * (window + 1);
            await AdvanceUntilAsync(time, TimeSpan.FromSeconds(10 * window), () => end.Starts.Count >= expected && (window < 9 || calls.All(c => c.IsCompleted)));
            Assert.Equal(expected, end.Starts.Count);
            Assert.Equal(window == 9, calls.All(c => c.IsCompleted));
        }

        await Task.WhenAll(calls);
        Assert.Equal(TimeSpan.FromSeconds(90), end.Starts.Max(s => s.At));
        foreach (var account in accounts)
        {
            var starts = end.Starts.Where(s => s.Account == account).Select(s => s.At).OrderBy(t => t).ToList();
            Assert.Equal(50, starts.Count);

            // No 10 s window holds more than 5 starts: the 6th start after any start is at least 10 s later.
            for (var i = 5; i < starts.Count; i++)
            {
                Assert.True(starts[i] - starts[i - 5] >= TimeSpan.FromSeconds(10), account + ": starts " + starts[i - 5] + " and " + starts[i]);
            }
        }
    }

    [Fact]
    public async Task A_limit_as_large_as_int_MaxValue_is_a_budget_not_an_allocation()
    {
        // The per-account history grows with the calls made: a huge PermitLimit used to size a queue up front (OOM).
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { PermitLimit = int.MaxValue, Window = TimeSpan.FromSeconds(1), MaxConcurrency = int.MaxValue } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time) { Answer = _ => 200 };

        for (var i = 0; i < 3; i++)
        {
            await RunAsync(pacing, end, Message(ProfileRead, "acc_big"));
        }

        Assert.Equal(3, end.Starts.Count(s => s.Account == "acc_big"));
        Assert.All(end.Starts, s => Assert.Equal(TimeSpan.Zero, s.At));
    }

    [Fact]
    public async Task A_429_with_Retry_After_pauses_that_account_only()
    {
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(1) } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time) { Headers = new[] { ("Retry-After", "30") } };
        var throttledOnce = 0;
        end.Answer = m => m.AccountId == "acc_slow" && Interlocked.Exchange(ref throttledOnce, 1) == 0 ? 429 : 200;

        await RunAsync(pacing, end, Message(ProfileRead, "acc_slow"));          // 429: acc_slow paused for 30 s
        var slow = RunAsync(pacing, end, Message(ProfileRead, "acc_slow"));
        var fast = Enumerable.Range(0, 5).Select(_ => RunAsync(pacing, end, Message(ProfileRead, "acc_fast"))).ToList();

        // acc_fast goes at its own pace (1 s spacing): its 5 calls are done by 4 s, acc_slow still waits.
        for (var second = 0; second <= 4; second++)
        {
            var expected = second + 1;
            await AdvanceUntilAsync(time, TimeSpan.FromSeconds(second), () => fast.Count(f => f.IsCompleted) == expected);
        }

        Assert.False(slow.IsCompleted);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, end.Starts.Where(s => s.Account == "acc_fast").Select(s => (int)s.At.TotalSeconds).ToArray());

        await AdvanceUntilAsync(time, TimeSpan.FromSeconds(30), () => slow.IsCompleted);
        await slow;
        Assert.Equal(TimeSpan.FromSeconds(30), end.Starts.Where(s => s.Account == "acc_slow").Select(s => s.At).Last());
    }

    [Fact]
    public async Task A_429_without_Retry_After_pauses_for_the_policy_pause()
    {
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { PauseAfterRateLimit = TimeSpan.FromSeconds(7) } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time);
        var first = true;
        end.Answer = _ => { var s = first ? 429 : 200; first = false; return s; };

        await RunAsync(pacing, end, Message(ProfileRead, "acc_1"));
        var next = RunAsync(pacing, end, Message(ProfileRead, "acc_1"));
        time.Advance(TimeSpan.FromSeconds(6));
        await Task.Delay(20);
        Assert.False(next.IsCompleted);
        await AdvanceUntilAsync(time, TimeSpan.FromSeconds(7), () => next.IsCompleted);
        await next;
    }

    [Fact]
    public async Task A_call_cancelled_while_waiting_ends_at_once_and_does_not_use_a_slot()
    {
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time);

        await RunAsync(pacing, end, Message(ProfileRead, "acc_1"));
        using var cts = new CancellationTokenSource();
        var waiting = RunAsync(pacing, end, Message(ProfileRead, "acc_1", cts.Token));
        var behind = RunAsync(pacing, end, Message(ProfileRead, "acc_1"));
        Assert.False(waiting.IsCompleted);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(TimeSpan.Zero, time.GetUtcNow() - Start);

        // The call behind it takes the next slot (10 s), not the one after.
        await AdvanceUntilAsync(time, TimeSpan.FromSeconds(10), () => behind.IsCompleted);
        await behind;
        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromSeconds(10) }, end.Starts.Select(s => s.At).ToArray());
    }

    [Fact]
    public async Task Max_concurrency_holds_a_call_until_one_of_the_account_ends()
    {
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { MaxConcurrency = 2 } };
        var pacing = new PacingPolicy(options, time);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var end = new RecordingEnd(time) { Hold = m => m.AccountId == "acc_1" ? release.Task : Task.CompletedTask };

        var calls = Enumerable.Range(0, 3).Select(_ => RunAsync(pacing, end, Message(ProfileRead, "acc_1"))).ToList();
        await RunAsync(pacing, end, Message(ProfileRead, "acc_2")); // another account is not held
        Assert.Equal(2, end.Starts.Count(s => s.Account == "acc_1"));

        release.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal(3, end.Starts.Count(s => s.Account == "acc_1"));
    }

    [Fact]
    public async Task Spacing_with_jitter_stays_between_spacing_and_spacing_plus_jitter()
    {
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(2), Jitter = TimeSpan.FromSeconds(1) } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time);

        var calls = Enumerable.Range(0, 4).Select(_ => RunAsync(pacing, end, Message(ProfileRead, "acc_1"))).ToList();
        // Up to 60 s of fake time in 250 ms steps (4 starts need at most 3 gaps of 3.25 s; a loaded machine may let a
        // step pass before a call has set its timer, which then fires on a later step), then a bounded wait: a stuck
        // call fails the test instead of hanging it.
        for (var i = 0; i < 240 && !calls.All(c => c.IsCompleted); i++)
        {
            await AdvanceUntilAsync(time, time.GetUtcNow() - Start + TimeSpan.FromMilliseconds(250), () => true);
            await Task.Delay(10);
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        var starts = end.Starts.Select(s => s.At).ToList();
        for (var i = 1; i < starts.Count; i++)
        {
            var gap = starts[i] - starts[i - 1];
            Assert.InRange(gap, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3.25)); // the clock moves in 250 ms steps
        }
    }

    [Fact]
    public void Rules_resolve_by_operation_then_cost_class_then_tag_then_default_and_skip_operations_without_an_account()
    {
        var byOperation = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(1) };
        var byCost = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(2) };
        var byTag = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(3) };
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy() };
        options.Operations["getUserProfile"] = byOperation;
        options.CostClasses["heavy"] = byCost;
        options.Tags["Users"] = byTag;
        var pacing = new PacingPolicy(options, new FakeTimeProvider(Start));

        Assert.Equal(TimeSpan.FromSeconds(1), pacing.RuleFor(ProfileRead)!.MinSpacing);
        Assert.Equal(TimeSpan.FromSeconds(2), pacing.RuleFor(Relations)!.MinSpacing);
        Assert.Equal(TimeSpan.FromSeconds(3), pacing.RuleFor(new OperationInfo("getOwnProfile", "GET", "/users/me") { Tag = "Users", AccountKey = "account_id" })!.MinSpacing);
        Assert.Equal(TimeSpan.Zero, pacing.RuleFor(new OperationInfo("x", "GET", "/x") { Tag = "Other", AccountKey = "account_id" })!.MinSpacing);
        Assert.Null(pacing.RuleFor(NoAccount));
    }

    [Fact]
    public async Task A_call_without_an_account_id_is_not_paced()
    {
        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { PermitLimit = 1, Window = TimeSpan.FromHours(1) } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time);

        for (var i = 0; i < 3; i++)
        {
            await RunAsync(pacing, end, Message(ProfileRead, null));
        }

        Assert.Equal(3, end.Starts.Count);
        Assert.Equal(0, pacing.Pacer.LaneCount);
    }

    [Fact]
    public async Task Waits_and_throttling_are_measured_without_the_account_id()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PostPressDiagnostics.MeterName && instrument.Name.StartsWith("postpress.client.pacing", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value)))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value)))));
        listener.Start();

        var time = new FakeTimeProvider(Start);
        var options = new PostPressPacingOptions { Default = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(5) } };
        var pacing = new PacingPolicy(options, time);
        var end = new RecordingEnd(time) { Headers = new[] { ("Retry-After", "1") } };
        end.Answer = _ => end.Starts.Count == 1 ? 429 : 200;
        var account = "acc_metrics_" + Guid.NewGuid().ToString("N");

        await RunAsync(pacing, end, Message(ProfileRead, account));
        var second = RunAsync(pacing, end, Message(ProfileRead, account));
        await AdvanceUntilAsync(time, TimeSpan.FromSeconds(5), () => second.IsCompleted);
        await second;

        var mine = measurements.Where(m => m.Tags.Contains("getUserProfile")).ToList();
        Assert.Contains(mine, m => m.Instrument == "postpress.client.pacing.throttled" && m.Value == 1);
        Assert.Contains(mine, m => m.Instrument == "postpress.client.pacing.waits" && m.Value == 1);
        Assert.Contains(mine, m => m.Instrument == "postpress.client.pacing.wait.duration" && m.Value == 5);
        Assert.DoesNotContain(measurements, m => m.Tags.Contains(account));
    }

    [Theory]
    [InlineData(0, 10, 0, 0, null)]
    [InlineData(5, 0, 0, 0, null)]
    [InlineData(null, 0, -1, 0, null)]
    [InlineData(null, 0, 0, -1, null)]
    [InlineData(null, 0, 0, 0, 0)]
    public void A_bad_policy_is_rejected_when_the_client_is_created(int? permits, int windowSeconds, int spacingSeconds, int jitterSeconds, int? concurrency)
    {
        var options = new PostPressClientOptions("pp_test_pacing") { Pacing = new PostPressPacingOptions() };
        options.Pacing.Tags["Users"] = new PostPressPacingPolicy
        {
            PermitLimit = permits,
            Window = TimeSpan.FromSeconds(windowSeconds),
            MinSpacing = TimeSpan.FromSeconds(spacingSeconds),
            Jitter = TimeSpan.FromSeconds(jitterSeconds),
            MaxConcurrency = concurrency,
        };

        var e = Assert.ThrowsAny<ArgumentException>(() => new PostPressClient(options));
        Assert.Contains("Pacing.Tags[\"Users\"]", e.Message);
    }

    [Fact]
    public void The_pacing_policy_is_only_in_the_pipeline_when_pacing_is_configured()
    {
        using var off = new PostPressClient(new PostPressClientOptions("pp_test_pacing"));
        using var on = new PostPressClient(new PostPressClientOptions("pp_test_pacing") { Pacing = new PostPressPacingOptions() });

        Assert.DoesNotContain(off.Pipeline.Policies, p => p is PacingPolicy);
        var policies = on.Pipeline.Policies.Select(p => p.GetType()).ToList();
        Assert.True(policies.IndexOf(typeof(RetryPolicy)) < policies.IndexOf(typeof(PacingPolicy)));
        Assert.True(policies.IndexOf(typeof(PacingPolicy)) < policies.IndexOf(typeof(AttemptTimeoutPolicy)));
    }

    [Fact]
    public void The_readme_example_policies_give_a_client_that_paces_profile_reads_and_linkedin_writes()
    {
        // --- README "Provider limits" ---
        var pacing = new PostPressPacingOptions();
        pacing.Operations["getUserProfile"] = new PostPressPacingPolicy
        {
            PermitLimit = 60, Window = TimeSpan.FromHours(1),
            MinSpacing = TimeSpan.FromSeconds(20), Jitter = TimeSpan.FromSeconds(10), MaxConcurrency = 1,
        };
        pacing.Tags["LinkedIn"] = new PostPressPacingPolicy { PermitLimit = 100, Window = TimeSpan.FromDays(1) };
        using var client = new PostPressClient(new PostPressClientOptions("pp_test_readme") { Pacing = pacing, Timeout = null });
        // ---

        var policy = client.Pipeline.Policies.OfType<PacingPolicy>().Single();
        Assert.Equal(60, policy.RuleFor(ProfileRead)!.PermitLimit);
        Assert.Equal(100, policy.RuleFor(new OperationInfo("performLinkedInUserAction", "POST", "/linkedin/user/{user_id}") { Tag = "LinkedIn", AccountKey = "account_id", AccountKeyInBody = true })!.PermitLimit);
        Assert.Null(policy.RuleFor(Relations));
    }

    [Fact]
    public void Clients_with_the_same_pacing_options_share_the_budgets_and_other_options_do_not()
    {
        var pacing = new PostPressPacingOptions { Default = new PostPressPacingPolicy { MinSpacing = TimeSpan.FromSeconds(1) } };
        using var client = new PostPressClient(new PostPressClientOptions("pp_test_pacing") { Pacing = pacing });
        var derived = (PostPressClient)client.WithOptions(o => o.MaxRetries = 0);
        using var other = new PostPressClient(new PostPressClientOptions("pp_test_pacing") { Pacing = new PostPressPacingOptions() });

        var mine = client.Pipeline.Policies.OfType<PacingPolicy>().Single();
        Assert.Same(mine, derived.Pipeline.Policies.OfType<PacingPolicy>().Single());
        Assert.NotSame(mine, other.Pipeline.Policies.OfType<PacingPolicy>().Single());
    }

    [Theory]
    [InlineData("/users/x?account_id=acc_1", "acc_1")]
    [InlineData("/users/x?limit=5&account_id=acc%201&cursor=c", "acc 1")]
    [InlineData("/users/x?xaccount_id=acc_1", null)]
    [InlineData("/users/x", null)]
    public void The_account_is_read_from_the_query(string pathAndQuery, string? expected) =>
        Assert.Equal(expected, AccountKeyReader.FromQuery("account_id", pathAndQuery));

    [Theory]
    [InlineData("{\"api\":\"recruiter\",\"nested\":{\"account_id\":\"no\"},\"account_id\":\"acc_9\"}", "acc_9")]
    [InlineData("{\"account_id\":5}", null)]
    [InlineData("[1]", null)]
    [InlineData("{\"account_id\":", null)]
    public void The_account_is_read_from_the_top_level_of_the_body(string body, string? expected) =>
        Assert.Equal(expected, AccountKeyReader.FromBody("account_id", System.Text.Encoding.UTF8.GetBytes(body)));
}
