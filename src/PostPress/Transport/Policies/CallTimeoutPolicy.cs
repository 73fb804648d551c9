using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// The call's token: the caller's, the client's lifetime (<see cref="PostPressClient.Dispose()"/> cancels calls in
/// flight) and the overall <see cref="PostPressClientOptions.Timeout"/> (or the call's own
/// <see cref="PostPressRequestOptions.Timeout"/>, <see cref="PipelineMessage.Timeout"/>) over every attempt and delay. Whichever ended
/// the call decides what the caller gets: their own <see cref="OperationCanceledException"/>, one saying the client was
/// disposed, or <see cref="PostPressTimeoutException"/>.
/// </summary>
internal sealed class CallTimeoutPolicy : PipelinePolicy
{
    /// <summary>Below this gap between the overall and the attempt timeout the overall timer is armed at the start.</summary>
    private static readonly TimeSpan LazyOverallMargin = TimeSpan.FromSeconds(1);

    private static readonly Action<PipelineMessage> ArmLazilyAction = ArmLazily;

    private static readonly Action<object?> CancelSource = static s => ((CancellationTokenSource)s!).Cancel();

#if NET6_0_OR_GREATER
    /// <summary>This thread's spare call source (linked to its client's lifetime) and its paired attempt source.</summary>
    [ThreadStatic]
    private static CallSpare? t_cached;
#endif

    private readonly ClientLifetime _lifetime;
    private readonly TimeSpan? _timeout;
    private readonly TimeSpan? _attemptTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly bool _armLazily;
    private readonly bool _systemClock;

    public CallTimeoutPolicy(ClientLifetime lifetime, TimeSpan? timeout, TimeSpan? attemptTimeout, TimeProvider timeProvider)
    {
        _lifetime = lifetime;
        _timeout = timeout;
        _attemptTimeout = attemptTimeout;
        _timeProvider = timeProvider;
        _systemClock = ReferenceEquals(timeProvider, TimeProvider.System);

        // The first attempt is bounded by a shorter attempt timeout, so the overall timer is only needed once a retry
        // is decided (armed then with what is left): most calls succeed at once and never pay for it.
        _armLazily = _systemClock && timeout is { } overall && attemptTimeout is { } attempt && overall - attempt >= LazyOverallMargin;
    }

    /// <summary>
    /// Sets up the call's token, then runs the rest of the path; when it completes synchronously and well (no state
    /// machine), the sources are released at once. The call's source is linked to the client's lifetime when it is
    /// created and comes from a per-thread spare (reset after the call, as <see cref="AttemptTimeoutPolicy"/> does) while
    /// the thread keeps calling through the same client: a call registers nothing on the lifetime's token (shared by every
    /// call of the client), only on the caller's token when it can be cancelled, and allocates no source.
    /// </summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        CallSources sources;
        try
        {
            sources = Start(message);
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

        if (pending.IsCompletedSuccessfully)
        {
            PipelineResult.End(pending);
            sources.Dispose();
            return default;
        }

        return EndAsync(message, pending, sources);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask EndAsync(PipelineMessage message, ValueTask pending, CallSources sources)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PostPressException && sources.Spare!.Source.IsCancellationRequested)
        {
            if (Translate(ex, message, sources.Timeout) is { } translated)
            {
                throw translated;
            }

            throw;
        }
        finally
        {
            sources.Dispose();
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        var sources = Start(message);
        try
        {
            next.Process(message);
        }
        catch (Exception ex) when (ex is not PostPressException && sources.Spare!.Source.IsCancellationRequested)
        {
            if (Translate(ex, message, sources.Timeout) is { } translated)
            {
                throw translated;
            }

            throw;
        }
        finally
        {
            sources.Dispose();
        }
    }
#endif

    /// <summary>
    /// Checks the call may start and puts its token (caller, client lifetime, overall timer) on the message (both
    /// paths); when it cannot, releases what it took and throws.
    /// </summary>
    private CallSources Start(PipelineMessage message)
    {
        _lifetime.ThrowIfDisposed();
        var callerToken = message.CallerToken;
        callerToken.ThrowIfCancellationRequested();

        // A call's own timeout (PostPressRequestOptions) wins over the client's; such a call arms its timer at the start.
        var perCall = message.Timeout is not null || message.AttemptTimeout is not null;
        var timeout = message.Timeout ?? _timeout;
        var sources = default(CallSources);
        try
        {
            var spare = sources.Spare = Rent(_lifetime.Token);
            var callSource = spare.Source;
            spare.Armed = false;
            spare.LazyPending = false;
            spare.Exposed = (message.AttemptTimeout ?? _attemptTimeout) is null;
            message.CallSpare = spare;
            sources.Timeout = timeout;
            sources.CallerLink = callerToken.CanBeCanceled ? callerToken.Register(CancelSource, callSource) : default;
            if (timeout is { } t && !_systemClock)
            {
                var timeoutSource = sources.TimeoutSource = CreateTimeoutSource(t);
                sources.TimeoutLink = timeoutSource.Token.Register(CancelSource, callSource);
            }

            if (timeout is { } overall && _systemClock)
            {
                if (_armLazily && !perCall)
                {
                    spare.LazyPending = true;
                    spare.LazyTimeout = overall;
                    spare.CallStarted = Stopwatch.GetTimestamp();
                    message.RetryDecided = ArmLazilyAction;
                }
                else
                {
                    spare.Armed = true;
                    callSource.CancelAfter(overall);
                }
            }

            message.CallToken = callSource.Token;
            message.CancellationToken = callSource.Token;
            return sources;
        }
        catch
        {
            sources.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What the caller gets when the call's token ended it (both paths): <see langword="null"/> to rethrow the caller's own
    /// cancellation as it is, else a cancellation naming the caller or the disposed client, or the overall timeout.
    /// </summary>
    private Exception? Translate(Exception ex, PipelineMessage message, TimeSpan? timeout)
    {
        var what = message.Operation.SpanName;
        var callerToken = message.CallerToken;
        if (callerToken.IsCancellationRequested)
        {
            if (ex is OperationCanceledException oce && oce.CancellationToken == callerToken)
            {
                return null;
            }

            return new OperationCanceledException(what + " was cancelled.", ex, callerToken);
        }

        if (_lifetime.IsDisposed)
        {
            return new OperationCanceledException(what + " was cancelled because the PostPressClient was disposed while the call was in flight.", ex, _lifetime.Token);
        }

        return new PostPressTimeoutException(what + " did not complete within the overall timeout (" + timeout + ") in " + message.Attempt + " attempt(s).", ex);
    }

    /// <summary>
    /// A call source linked to the client's lifetime: this thread's spare one when it is linked to the same lifetime
    /// (no registration on the lifetime's token per call: the link was made once, when the source was created), else a
    /// new linked source.
    /// </summary>
    private static CallSpare Rent(CancellationToken lifetime)
    {
#if NET6_0_OR_GREATER
        var cached = t_cached;
        if (cached is not null && cached.Lifetime == lifetime)
        {
            t_cached = null;
            return cached;
        }
#endif
        return new CallSpare(lifetime);
    }

    /// <summary>
    /// Keeps the source as this thread's spare when it was not cancelled, replacing a spare of another client's lifetime;
    /// otherwise disposes it (which also ends its link). It is reset first (<c>CancellationTokenSource.TryReset</c>: a
    /// pending timer and every registration on its token cleared, not its own link to the lifetime), with its paired
    /// attempt source retired since that link goes too, unless nothing can have been left on it (<see cref="CallSpare"/>).
    /// </summary>
    private static void Return(CallSpare spare)
    {
#if NET6_0_OR_GREATER
        var source = spare.Source;
        if (!source.IsCancellationRequested)
        {
            if (spare.Armed || spare.Exposed || spare.Attempt is null || spare.AttemptInUse)
            {
                spare.Attempt?.Retire();
                spare.Attempt = null;
                spare.AttemptInUse = false;
                if (!source.TryReset())
                {
                    spare.Dispose();
                    return;
                }
            }

            var previous = t_cached;
            if (previous is null || previous.Lifetime != spare.Lifetime)
            {
                t_cached = spare;
                previous?.Dispose();
                return;
            }
        }
#endif
        spare.Dispose();
    }

    /// <summary>The call's source (linked to the client's lifetime), its link to the caller's token, and a test clock's timer.</summary>
    private struct CallSources
    {
        public CallSpare? Spare;
        public CancellationTokenRegistration CallerLink;
        public CancellationTokenSource? TimeoutSource;
        public CancellationTokenRegistration TimeoutLink;
        public TimeSpan? Timeout;

        /// <summary>Unlinks, then releases the call's source (back to the per-thread cache when it can be reused).</summary>
        public void Dispose()
        {
            TimeoutLink.Dispose();
            TimeoutSource?.Dispose();
            CallerLink.Dispose();
            if (Spare is { } spare)
            {
                Return(spare);
            }
        }
    }

    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout)
    {
#if NET8_0_OR_GREATER
        return new CancellationTokenSource(timeout, _timeProvider);
#else
        return System.Threading.Tasks.TimeProviderTaskExtensions.CreateCancellationTokenSource(_timeProvider, timeout);
#endif
    }

    /// <summary>Arms the overall timer deferred at the start with the time left (called before the first retry's delay).</summary>
    private static void ArmLazily(PipelineMessage message)
    {
        if (message.CallSpare is not { LazyPending: true } spare)
        {
            return;
        }

        spare.LazyPending = false;
        spare.Armed = true;
        var source = spare.Source;
        var left = spare.LazyTimeout - TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - spare.CallStarted) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        try
        {
            if (left <= TimeSpan.Zero)
            {
                source.Cancel();
            }
            else
            {
                source.CancelAfter(left);
            }
        }
        catch (ObjectDisposedException)
        {
            // The call ended meanwhile.
        }
    }
}
