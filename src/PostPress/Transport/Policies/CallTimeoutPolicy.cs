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
    [ThreadStatic]
    private static CancellationTokenSource? t_cached;
#endif

    private readonly ClientLifetime _lifetime;
    private readonly TimeSpan? _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly bool _armLazily;
    private readonly bool _systemClock;

    public CallTimeoutPolicy(ClientLifetime lifetime, TimeSpan? timeout, TimeSpan? attemptTimeout, TimeProvider timeProvider)
    {
        _lifetime = lifetime;
        _timeout = timeout;
        _timeProvider = timeProvider;
        _systemClock = ReferenceEquals(timeProvider, TimeProvider.System);

        // The first attempt is bounded by a shorter attempt timeout, so the overall timer is only needed once a retry
        // is decided (armed then with what is left): most calls succeed at once and never pay for it.
        _armLazily = _systemClock && timeout is { } overall && attemptTimeout is { } attempt && overall - attempt >= LazyOverallMargin;
    }

    /// <summary>
    /// Sets up the call's token, then runs the rest of the path; when it completes synchronously and well (no state
    /// machine), the sources are released at once. On the system clock the call's source comes from a small per-thread
    /// cache (reset after the call, as <see cref="AttemptTimeoutPolicy"/> does), linked to the caller's token and the
    /// client's lifetime by two registrations: no linked source is allocated per call.
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
        catch (Exception ex) when (ex is not PostPressException && sources.Source!.IsCancellationRequested)
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
        catch (Exception ex) when (ex is not PostPressException && sources.Source!.IsCancellationRequested)
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
            var callSource = sources.Source = Rent();
            sources.Timeout = timeout;
            sources.CallerLink = callerToken.CanBeCanceled ? callerToken.Register(CancelSource, callSource) : default;
            sources.LifetimeLink = _lifetime.Token.Register(CancelSource, callSource);
            if (timeout is { } t && !_systemClock)
            {
                var timeoutSource = sources.TimeoutSource = CreateTimeoutSource(t);
                sources.TimeoutLink = timeoutSource.Token.Register(CancelSource, callSource);
            }

            if (timeout is { } overall && _systemClock)
            {
                if (_armLazily && !perCall)
                {
                    message.LazyTimeoutSource = callSource;
                    message.LazyTimeout = overall;
                    message.CallStarted = Stopwatch.GetTimestamp();
                    message.RetryDecided = ArmLazilyAction;
                }
                else
                {
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

    private static CancellationTokenSource Rent()
    {
#if NET6_0_OR_GREATER
        var cached = t_cached;
        if (cached is not null)
        {
            t_cached = null;
            return cached;
        }
#endif
        return new CancellationTokenSource();
    }

    private static void Return(CancellationTokenSource source)
    {
#if NET6_0_OR_GREATER
        // TryReset clears a pending CancelAfter and every registration on the token; a cancelled source is not reused.
        if (t_cached is null && source.TryReset())
        {
            t_cached = source;
            return;
        }
#endif
        source.Dispose();
    }

    /// <summary>The call's source, its links to the caller's token and the client's lifetime, and a test clock's timer.</summary>
    private struct CallSources
    {
        public CancellationTokenSource? Source;
        public CancellationTokenRegistration CallerLink;
        public CancellationTokenRegistration LifetimeLink;
        public CancellationTokenSource? TimeoutSource;
        public CancellationTokenRegistration TimeoutLink;
        public TimeSpan? Timeout;

        /// <summary>Unlinks, then releases the call's source (back to the per-thread cache when it can be reused).</summary>
        public void Dispose()
        {
            TimeoutLink.Dispose();
            TimeoutSource?.Dispose();
            CallerLink.Dispose();
            LifetimeLink.Dispose();
            if (Source is { } source)
            {
                Return(source);
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
        if (message.LazyTimeoutSource is not { } source)
        {
            return;
        }

        message.LazyTimeoutSource = null;
        var left = message.LazyTimeout - TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - message.CallStarted) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
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
