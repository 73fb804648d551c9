#if NET8_0_OR_GREATER
using System;
using System.Threading;

namespace PostPress;

/// <summary>
/// Waits of the synchronous path (retry delays, pacing): the calling thread blocks on a wait handle or an event, never on
/// a task, and a cancelled token ends the wait at once with <see cref="OperationCanceledException"/>.
/// </summary>
internal static class SyncWait
{
    private static readonly TimerCallback SetEvent = static s => ((ManualResetEventSlim)s!).Set();

    /// <summary>
    /// Waits <paramref name="delay"/> on <paramref name="time"/>: on the system clock with
    /// <c>cancellationToken.WaitHandle.WaitOne(delay)</c> (as Polly's and Azure.Core's synchronous retries do); on another
    /// clock (a test's fake one) until a timer of that clock sets an event.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Delay(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        if (ReferenceEquals(time, TimeProvider.System))
        {
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.WaitHandle.WaitOne(delay);
                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                Thread.Sleep(delay);
            }

            return;
        }

        // Not disposed: a timer callback racing with a cancelled wait may still set it (it holds no kernel handle unless
        // its WaitHandle is asked for, which nothing here does).
        var elapsed = new ManualResetEventSlim(false);
        using var timer = time.CreateTimer(SetEvent, elapsed, delay, Timeout.InfiniteTimeSpan);
        elapsed.Wait(cancellationToken);
    }
}
#endif
