#if NET6_0_OR_GREATER
using System;
using System.Threading;

namespace PostPress;

/// <summary>
/// The token source of an attempt bounded by a timeout on the system clock (<see cref="AttemptTimeoutPolicy"/>), reused
/// attempt after attempt through a per-thread spare, with one timer that is not re-armed per attempt.
/// <para>
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> arms a timer under the timer queue's lock and a reset
/// disarms it under the lock again: twice per attempt, about a tenth of a small call. Here an attempt only records its
/// deadline (a coarse millisecond clock) and marks itself active with one compare-and-swap; the timer is armed when the
/// source is idle and unarmed, or when the new deadline is earlier than the time it is armed for. When the timer fires,
/// it cancels the source only if the active attempt's deadline has passed; if an attempt is active with time left (a
/// later attempt reusing the source), it re-arms for what is left; if none is active, it goes quiet until the next
/// attempt arms it. The token is still cancelled at the attempt's deadline (to the timer's resolution), also while a
/// handler blocks the calling thread. A source cancelled (by its timer or by the call's token) is never reused.
/// </para>
/// <para>
/// State: a generation (bumped by every attempt, so a timer callback that read an earlier attempt cannot end a later
/// one) and three flags, changed only by compare-and-swap; the timer callback and the slow paths serialize on a lock
/// the fast path never takes.
/// </para>
/// </summary>
internal sealed class AttemptDeadline
{
    private const long Active = 1;
    private const long Armed = 2;
    private const long Dead = 4;
    private const int GenerationShift = 3;

    /// <summary>The longest a <see cref="Timer"/> can be armed for (timeouts are at most an hour: options validate it).</summary>
    private const long MaxDueMs = 0xFFFFFFFE;

    private static readonly TimerCallback OnTimerCallback = static s => ((AttemptDeadline)s!).OnTimer();

    [ThreadStatic]
    private static AttemptDeadline? t_spare;

    private readonly CancellationTokenSource _source;
    private readonly Timer _timer;
    private readonly object _gate = new();
    private long _state;
    private long _deadline;
    private long _due;

    private AttemptDeadline(CancellationToken parent = default)
    {
        // A source paired with a call's source is linked to it once, here (CallSpare): no registration per attempt.
        _source = parent.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(parent) : new CancellationTokenSource();

        // The timer must not capture the first attempt's execution context (its AsyncLocals, its Activity) for good.
        if (ExecutionContext.IsFlowSuppressed())
        {
            _timer = new Timer(OnTimerCallback, this, Timeout.Infinite, Timeout.Infinite);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _timer = new Timer(OnTimerCallback, this, Timeout.Infinite, Timeout.Infinite);
            }
        }
    }

    /// <summary>The attempt's token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the attempt's token was cancelled (its deadline passed, or the call's token was cancelled).</summary>
    public bool IsCancellationRequested => _source.IsCancellationRequested;

    /// <summary>This thread's spare, or a new source.</summary>
    public static AttemptDeadline Rent()
    {
        var spare = t_spare;
        if (spare is not null)
        {
            t_spare = null;
            return spare;
        }

        return new AttemptDeadline();
    }

    /// <summary>
    /// A source linked to a call's source for good (<see cref="CallSpare"/>): the call's cancellation reaches every
    /// attempt through that one link, made when the source is created, instead of a registration per attempt.
    /// </summary>
    public static AttemptDeadline LinkedTo(CancellationToken call) => new(call);

    /// <summary>Starts an attempt that ends at the latest <paramref name="timeout"/> from now.</summary>
    public void Start(TimeSpan timeout)
    {
        var ms = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
        var deadline = Environment.TickCount64 + ms;
        Volatile.Write(ref _deadline, deadline);
        while (true)
        {
            var s = Volatile.Read(ref _state);
            if ((s & Armed) != 0 && Volatile.Read(ref _due) <= deadline)
            {
                // The timer fires no later than this deadline: nothing to arm.
                if (Interlocked.CompareExchange(ref _state, Next(s) | Armed, s) == s)
                {
                    return;
                }

                continue;
            }

            lock (_gate)
            {
                // Only this owner sets Active; under the gate no callback changes Armed.
                s = Volatile.Read(ref _state);
                Volatile.Write(ref _due, deadline);
                _timer.Change(Math.Min(ms, MaxDueMs), Timeout.Infinite);
                Volatile.Write(ref _state, Next(s) | Armed);
                return;
            }
        }
    }

    /// <summary>
    /// Ends the attempt: the source goes back as this thread's spare when it was not cancelled (its token's leftover
    /// registrations cleared), else it is retired with its timer.
    /// </summary>
    public void End()
    {
        if (!EndAttempt())
        {
            return;
        }

        if (t_spare is null)
        {
            t_spare = this;
        }
        else
        {
            Retire();
        }
    }

    /// <summary>
    /// Ends the attempt without handing the source to anyone: <see langword="true"/> when it can serve another attempt
    /// (its token's leftover registrations cleared, its own link to a call's source kept), <see langword="false"/> when it
    /// was cancelled and is now retired with its timer.
    /// </summary>
    public bool EndAttempt()
    {
        while (true)
        {
            var s = Volatile.Read(ref _state);
            if ((s & Dead) != 0 || _source.IsCancellationRequested)
            {
                Retire();
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, s & ~Active, s) == s)
            {
                break;
            }
        }

        // No timer of the source itself is armed (its timer is ours), so a reset only clears registrations on its token.
        if (!_source.TryReset())
        {
            Retire();
            return false;
        }

        return true;
    }

    /// <summary>Cancels the attempt's token now (the call's token was cancelled).</summary>
    public void Cancel()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Retired meanwhile: the attempt is over.
        }
    }

    private static long Next(long s) => ((((s >> GenerationShift) + 1) << GenerationShift) | Active) & ~Dead;

    private void OnTimer()
    {
        lock (_gate)
        {
            while (true)
            {
                var s = Volatile.Read(ref _state);
                if ((s & Dead) != 0)
                {
                    return;
                }

                if ((s & Active) == 0)
                {
                    // Idle: quiet until the next attempt arms it.
                    if (Interlocked.CompareExchange(ref _state, s & ~Armed, s) == s)
                    {
                        return;
                    }

                    continue;
                }

                var deadline = Volatile.Read(ref _deadline);
                var left = deadline - Environment.TickCount64;
                if (left > 0)
                {
                    // A later attempt reuses the source, or the coarse clock lags the timer: armed again for what is left.
                    Volatile.Write(ref _due, deadline);
                    _timer.Change(Math.Min(left, MaxDueMs), Timeout.Infinite);
                    if (Volatile.Read(ref _state) == s)
                    {
                        return;
                    }

                    continue;
                }

                if (Interlocked.CompareExchange(ref _state, s | Dead, s) == s)
                {
                    break;
                }
            }
        }

        // Outside the lock, as CancelAfter's own timer does it: the token's callbacks run on this timer thread.
        Cancel();
    }

    /// <summary>Stops the timer for good and releases the source (a callback running meanwhile finds it dead).</summary>
    public void Retire()
    {
        lock (_gate)
        {
            Volatile.Write(ref _state, Volatile.Read(ref _state) | Dead);
            _timer.Dispose();
        }

        _source.Dispose();
    }
}
#endif
