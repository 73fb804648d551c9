#if !POSTPRESS_NETSTANDARD_ASSET
using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

/// <summary>
/// <see cref="AttemptDeadline"/>, the reused source and timer of attempts on the system clock: every attempt's token is
/// cancelled at its own deadline whatever the attempts before it armed, never before it, and a cancelled source is
/// never handed to a later attempt. Each test runs on one dedicated thread (the spare is per thread); the bounds are
/// generous (seconds), the early checks far from the deadlines.
/// </summary>
public sealed class AttemptDeadlineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static Task OnOneThread(Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        thread.Start();
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public Task A_reused_source_is_reset_and_a_shorter_deadline_than_the_armed_one_still_fires() => OnOneThread(() =>
    {
        var first = AttemptDeadline.Rent();
        first.Start(TimeSpan.FromMinutes(30)); // arms the timer half an hour out
        var token = first.Token;
        first.End();

        var second = AttemptDeadline.Rent();
        Assert.Same(first, second); // the thread's spare
        second.Start(TimeSpan.FromMilliseconds(100));
        Assert.True(second.Token.WaitHandle.WaitOne(Bound), "the 100 ms attempt was not cancelled");
        Assert.True(second.IsCancellationRequested);
        Assert.Equal(token, second.Token);
        second.End();

        // Cancelled: retired, never handed out again.
        var third = AttemptDeadline.Rent();
        Assert.NotSame(second, third);
        Assert.False(third.IsCancellationRequested);
        third.End();
    });

    [Fact]
    public Task A_timer_that_fires_for_an_earlier_attempt_does_not_end_a_later_one_before_its_deadline() => OnOneThread(() =>
    {
        var deadline = AttemptDeadline.Rent();
        deadline.Start(TimeSpan.FromMilliseconds(100)); // the timer is due in 100 ms
        deadline.End();

        deadline = AttemptDeadline.Rent();
        deadline.Start(TimeSpan.FromSeconds(3)); // reuses it: the timer fires at 100 ms and must re-arm, not cancel
        Assert.False(deadline.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)), "cancelled 2 s before its deadline");
        Assert.True(deadline.Token.WaitHandle.WaitOne(Bound), "not cancelled after its deadline");
        deadline.End();
    });

    [Fact]
    public Task A_timer_that_went_quiet_while_idle_is_armed_again_by_the_next_attempt() => OnOneThread(() =>
    {
        var deadline = AttemptDeadline.Rent();
        deadline.Start(TimeSpan.FromMilliseconds(50));
        deadline.End();
        Thread.Sleep(300); // the timer fired with no attempt active and went quiet

        var again = AttemptDeadline.Rent();
        Assert.Same(deadline, again);
        Assert.False(again.IsCancellationRequested);
        again.Start(TimeSpan.FromMilliseconds(100));
        Assert.True(again.Token.WaitHandle.WaitOne(Bound), "the attempt after the quiet period was not cancelled");
        again.End();
    });

    [Fact]
    public Task Many_short_attempts_in_a_row_are_never_cancelled_early_and_leave_no_registration_behind() => OnOneThread(() =>
    {
        for (var i = 0; i < 2_000; i++)
        {
            var deadline = AttemptDeadline.Rent();
            deadline.Start(TimeSpan.FromSeconds(i % 2 == 0 ? 5 : 20));
            var fired = false;
            using (deadline.Token.Register(() => fired = true))
            {
                Assert.False(deadline.IsCancellationRequested);
            }

            deadline.End();
            Assert.False(fired);
        }
    });

    [Fact]
    public Task A_source_cancelled_by_the_call_is_not_reused() => OnOneThread(() =>
    {
        var deadline = AttemptDeadline.Rent();
        deadline.Start(TimeSpan.FromSeconds(30));
        deadline.Cancel(); // the call's token was cancelled
        Assert.True(deadline.IsCancellationRequested);
        deadline.End();

        var next = AttemptDeadline.Rent();
        Assert.NotSame(deadline, next);
        next.Start(TimeSpan.FromSeconds(30));
        Assert.False(next.IsCancellationRequested);
        next.End();
    });

    [Fact]
    public async Task The_policy_times_out_an_attempt_after_a_longer_one_reused_the_source_on_both_paths()
    {
        foreach (var mode in new[] { CallMode.Async, CallMode.Sync })
        {
            var policy = new AttemptTimeoutPolicy(TimeSpan.FromMinutes(30), TimeProvider.System);
            using (var quick = PolicyHarness.Message())
            {
                await PolicyHarness.RunAsync(mode, quick, policy, new ScriptedEnd().Do(_ => { }));
            }

            using var message = PolicyHarness.Message();
            message.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            var end = new ScriptedEnd().Do(m =>
            {
                m.CancellationToken.WaitHandle.WaitOne(Bound);
                m.CancellationToken.ThrowIfCancellationRequested();
            });

            await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => PolicyHarness.RunAsync(mode, message, policy, end).AsTask());
            Assert.Equal(CancellationToken.None, message.CancellationToken);
        }
    }
}
#endif
