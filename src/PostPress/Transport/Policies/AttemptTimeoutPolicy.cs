using System;
using System.Threading;
using System.Threading.Tasks;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// Bounds one attempt, body included, by the call's own <see cref="PostPressRequestOptions.AttemptTimeout"/>
/// (<see cref="PipelineMessage.AttemptTimeout"/>) or else <see cref="PostPressClientOptions.AttemptTimeout"/>, on the
/// client's <see cref="TimeProvider"/>: the attempt's token is cancelled by a timer or by the call's token; an attempt
/// that runs out throws Polly's <see cref="TimeoutRejectedException"/>, which the retry rules see. Always in the
/// pipeline; steps aside (no state machine) when neither the call nor the client sets an attempt timeout. On the system
/// clock the token source is an <c>AttemptDeadline</c> from a per-thread spare: no allocation and no timer-queue
/// work per attempt (a Polly pipeline of its own for this one strategy cost about a quarter of a microsecond more per
/// call; a cached source armed with <c>CancelAfter</c> and reset after each attempt, about 0.06 us more).
/// </summary>
internal sealed class AttemptTimeoutPolicy : PipelinePolicy
{
    private static readonly Action<object?> CancelSource = static s => ((CancellationTokenSource)s!).Cancel();

    /// <summary>The client's attempt timeout, or <see langword="null"/> when it has none.</summary>
    private readonly TimeSpan? _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly bool _systemClock;

    public AttemptTimeoutPolicy(TimeSpan? attemptTimeout, TimeProvider timeProvider)
    {
        _timeout = attemptTimeout;
        _timeProvider = timeProvider;
        _systemClock = ReferenceEquals(timeProvider, TimeProvider.System);
    }

    /// <summary>Whether the client sets an attempt timeout (calls without their own are then bounded).</summary>
    internal bool HasClientTimeout => _timeout is not null;

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        (message.AttemptTimeout ?? _timeout) is { } timeout ? Bound(message, next, timeout) : next.ProcessAsync(message);

    /// <summary>Arms the attempt's timer; when the attempt completed synchronously and well, disarms it without a state machine.</summary>
    private ValueTask Bound(PipelineMessage message, PipelineNext next, TimeSpan timeout)
    {
        var outer = message.CancellationToken;
        AttemptSource source;
        try
        {
            source = Arm(message, timeout);
        }
        catch (Exception ex)
        {
            return PipelineResult.Faulted(ex);
        }

        ValueTask pending;
        try
        {
            pending = next.ProcessAsync(message);
        }
        catch (Exception ex)
        {
            pending = PipelineResult.Faulted(ex);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return BoundAsync(message, pending, timeout, outer, source);
        }

        PipelineResult.End(pending);
        Disarm(message, outer, source);
        return default;
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask BoundAsync(PipelineMessage message, ValueTask pending, TimeSpan timeout, CancellationToken outer, AttemptSource source)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (source.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            throw Rejected(timeout, ex);
        }
        finally
        {
            Disarm(message, outer, source);
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if ((message.AttemptTimeout ?? _timeout) is not { } timeout)
        {
            next.Process(message);
            return;
        }

        var outer = message.CancellationToken;
        var source = Arm(message, timeout);
        try
        {
            next.Process(message);
        }
        catch (OperationCanceledException ex) when (source.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            throw Rejected(timeout, ex);
        }
        finally
        {
            Disarm(message, outer, source);
        }
    }
#endif

    /// <summary>
    /// Starts the attempt's timer, links it to the call's token and puts its token on the message (both paths); when the
    /// timer cannot be started, leaves the message as it was and throws. On the system clock (net6.0+) the source is an
    /// <c>AttemptDeadline</c> (a reused source and timer, no timer-queue work per attempt); otherwise a new source
    /// with a timer of the client's <see cref="TimeProvider"/> (or <c>CancelAfter</c> on netstandard2.0).
    /// </summary>
    private AttemptSource Arm(PipelineMessage message, TimeSpan timeout)
    {
        var outer = message.CancellationToken;
        var source = default(AttemptSource);
        try
        {
#if NET6_0_OR_GREATER
            if (_systemClock && message.CallSpare is { AttemptInUse: false } spare && outer == spare.Source.Token)
            {
                // The call's own source: its paired attempt source is linked to it once, no registration per attempt.
                var paired = source.Deadline = spare.Attempt ??= AttemptDeadline.LinkedTo(outer);
                spare.AttemptInUse = true;
                source.Spare = spare;
                paired.Start(timeout);
                message.CancellationToken = paired.Token;
                return source;
            }

            if (_systemClock)
            {
                var deadline = source.Deadline = AttemptDeadline.Rent();
                deadline.Start(timeout);
                source.Link = outer.CanBeCanceled ? outer.Register(CancelDeadline, deadline) : default;
                message.CancellationToken = deadline.Token;
                return source;
            }
#endif
            var cts = source.Source = new CancellationTokenSource();
            source.Link = outer.CanBeCanceled ? outer.Register(CancelSource, cts) : default;
            if (_systemClock)
            {
                cts.CancelAfter(timeout);
            }
            else
            {
                source.Timer = _timeProvider.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), cts, timeout, Timeout.InfiniteTimeSpan);
            }

            message.CancellationToken = cts.Token;
            return source;
        }
        catch
        {
            Disarm(message, outer, source);
            throw;
        }
    }

    /// <summary>Ends the attempt's timer and gives the message its outer token back (both paths).</summary>
    private static void Disarm(PipelineMessage message, CancellationToken outer, AttemptSource source)
    {
        message.CancellationToken = outer;
        source.Link.Dispose();
        source.Timer?.Dispose();
        source.Source?.Dispose();
#if NET6_0_OR_GREATER
        if (source.Spare is { } spare)
        {
            spare.AttemptInUse = false;
            if (!source.Deadline!.EndAttempt())
            {
                spare.Attempt = null;
            }
        }
        else
        {
            source.Deadline?.End();
        }
#endif
    }

    /// <summary>What an attempt that ran out throws (both paths): Polly's exception, which the retry rules see.</summary>
    private static TimeoutRejectedException Rejected(TimeSpan timeout, OperationCanceledException cancelled) =>
        new("The attempt did not complete within " + timeout + ".", timeout, cancelled);

#if NET6_0_OR_GREATER
    private static readonly Action<object?> CancelDeadline = static s => ((AttemptDeadline)s!).Cancel();
#endif

    /// <summary>The attempt's source: a reused <c>AttemptDeadline</c>, or a source of its own with its timer; and its link to the call's token.</summary>
    private struct AttemptSource
    {
#if NET6_0_OR_GREATER
        public AttemptDeadline? Deadline;
        public CallSpare? Spare;
#endif
        public CancellationTokenSource? Source;
        public ITimer? Timer;
        public CancellationTokenRegistration Link;

        public readonly bool IsCancellationRequested =>
#if NET6_0_OR_GREATER
            Deadline?.IsCancellationRequested ??
#endif
            Source!.IsCancellationRequested;
    }
}
