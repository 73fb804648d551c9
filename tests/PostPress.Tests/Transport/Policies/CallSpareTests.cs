using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

/// <summary>
/// The call's source kept between calls with its paired attempt source (<see cref="CallSpare"/>): the link between
/// them outlives the call, so the caller's cancellation and the client's disposal still reach the attempt of a later
/// call; whatever a call may have left on the call's token (a timer, a registration of a handler that saw it) never
/// reaches a later call. Each test runs its calls on one thread (the spare is per thread).
/// </summary>
public sealed class CallSpareTests
{
    private static async Task OnOneThread(Func<Task> body)
    {
        // A dedicated thread with no synchronization context: every step below completes synchronously on it.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        await Task.Run(() => thread.Join(TimeSpan.FromSeconds(30)));
        if (failure is not null)
        {
            throw new Xunit.Sdk.XunitException("failed on the test thread: " + failure);
        }
    }

    private static PipelinePolicy[] Path(ClientLifetime lifetime, TimeSpan? attemptTimeout, ScriptedEnd end) => new PipelinePolicy[]
    {
        new CallTimeoutPolicy(lifetime, TimeSpan.FromMinutes(10), attemptTimeout, TimeProvider.System),
        new AttemptTimeoutPolicy(attemptTimeout, TimeProvider.System),
        end,
    };

    [Fact]
    public Task The_caller_and_the_client_reach_the_attempt_of_a_later_call_through_the_kept_link() => OnOneThread(async () =>
    {
        var lifetime = new ClientLifetime();
        var seen = new CancellationToken[3];
        var end = new ScriptedEnd()
            .Do(m => seen[0] = m.CancellationToken)
            .Do(m => seen[1] = m.CancellationToken)
            .Do(m => seen[2] = m.CancellationToken);
        var path = Path(lifetime, TimeSpan.FromMinutes(1), end);
        for (var i = 0; i < 2; i++)
        {
            using var message = PolicyHarness.Message();
            await PolicyHarness.RunAsync(message, path);
        }

#if !POSTPRESS_NETSTANDARD_ASSET
        Assert.Equal(seen[0], seen[1]); // the same paired attempt source, kept with the call's source
#endif

        // A later call's caller cancels: the kept link carries it from the call's source to the attempt's token.
        using var caller = new CancellationTokenSource();
        var reached = false;
        var cancelling = new ScriptedEnd().Do(m =>
        {
            caller.Cancel();
            reached = m.CancellationToken.IsCancellationRequested;
        });
        using (var message = PolicyHarness.Message(token: caller.Token))
        {
            await PolicyHarness.RunAsync(message, Path(lifetime, TimeSpan.FromMinutes(1), cancelling));
        }

        Assert.True(reached);

        // The next call gets a fresh pair (the cancelled one is never reused), and the client's disposal reaches it.
        var disposedReached = false;
        var disposing = new ScriptedEnd().Do(m =>
        {
            Assert.False(m.CancellationToken.IsCancellationRequested);
            lifetime.Dispose();
            disposedReached = m.CancellationToken.IsCancellationRequested;
        });
        using (var message = PolicyHarness.Message())
        {
            await PolicyHarness.RunAsync(message, Path(lifetime, TimeSpan.FromMinutes(1), disposing));
        }

        Assert.True(disposedReached);
    });

    [Fact]
    public Task A_registration_a_handler_left_on_the_call_token_never_fires_for_a_later_call() => OnOneThread(async () =>
    {
        // No attempt timeout: the transport sees the call's token itself, so the source is reset after the call.
        var lifetime = new ClientLifetime();
        var leakedFired = false;
        var leaky = new ScriptedEnd().Do(m => m.CancellationToken.Register(() => leakedFired = true)); // never disposed
        using (var message = PolicyHarness.Message())
        {
            await PolicyHarness.RunAsync(message, Path(lifetime, null, leaky));
        }

        using var caller = new CancellationTokenSource();
        var reached = false;
        var cancelling = new ScriptedEnd().Do(m =>
        {
            caller.Cancel();
            reached = m.CancellationToken.IsCancellationRequested;
        });
        using (var message = PolicyHarness.Message(token: caller.Token))
        {
            await PolicyHarness.RunAsync(message, Path(lifetime, null, cancelling));
        }

        Assert.True(reached);
        Assert.False(leakedFired);
    });

    [Fact]
    public Task A_timer_a_call_armed_on_its_source_never_ends_a_later_call() => OnOneThread(async () =>
    {
        var lifetime = new ClientLifetime();
        using (var message = PolicyHarness.Message())
        {
            message.Timeout = TimeSpan.FromMilliseconds(200); // a call's own timeout: armed at its start
            await PolicyHarness.RunAsync(message, Path(lifetime, TimeSpan.FromMilliseconds(150), new ScriptedEnd().Do(_ => { })));
        }

        var cancelledDuringLaterCall = true;
        var waiting = new ScriptedEnd().Do(m =>
        {
            Thread.Sleep(600); // well past the first call's 200 ms
            cancelledDuringLaterCall = m.CancellationToken.IsCancellationRequested || m.CallToken.IsCancellationRequested;
        });
        using (var message = PolicyHarness.Message())
        {
            await PolicyHarness.RunAsync(message, Path(lifetime, TimeSpan.FromMinutes(1), waiting));
        }

        Assert.False(cancelledDuringLaterCall);
    });

    [Fact]
    public Task An_attempt_that_timed_out_is_followed_by_attempts_with_a_fresh_source_that_still_get_the_callers_cancellation() => OnOneThread(async () =>
    {
        var lifetime = new ClientLifetime();
        var attempt = new AttemptTimeoutPolicy(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        var call = new CallTimeoutPolicy(lifetime, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(100), TimeProvider.System);
        using var caller = new CancellationTokenSource();
        var secondReached = false;
        var end = new ScriptedEnd()
            .Do(m =>
            {
                m.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                m.CancellationToken.ThrowIfCancellationRequested();
            })
            .Do(m =>
            {
                caller.Cancel();
                secondReached = m.CancellationToken.IsCancellationRequested;
            });
        var retryOnce = new RetryOncePolicy();
        using var message = PolicyHarness.Message(token: caller.Token);

        await PolicyHarness.RunAsync(message, call, retryOnce, attempt, end);

        Assert.True(retryOnce.SawTimeout);
        Assert.True(secondReached);
    });

    /// <summary>Runs the rest twice when the first try ends in the attempt's timeout (the retry decision alone).</summary>
    private sealed class RetryOncePolicy : PipelinePolicy
    {
        public bool SawTimeout { get; private set; }

        public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
        {
            try
            {
                await next.ProcessAsync(message);
            }
            catch (Polly.Timeout.TimeoutRejectedException)
            {
                SawTimeout = true;
                await next.ProcessAsync(message);
            }
        }

#if !POSTPRESS_NETSTANDARD_ASSET
        public override void Process(PipelineMessage message, PipelineNext next) => throw new NotSupportedException();
#endif
    }
}
