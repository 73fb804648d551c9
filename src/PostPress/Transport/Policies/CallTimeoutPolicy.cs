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

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        using var scope = Begin(message);
        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PostPressException && scope.Source.IsCancellationRequested)
        {
            if (Translate(ex, message, scope.Timeout) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        using var scope = Begin(message);
        try
        {
            next.Process(message);
        }
        catch (Exception ex) when (ex is not PostPressException && scope.Source.IsCancellationRequested)
        {
            if (Translate(ex, message, scope.Timeout) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }
#endif

    /// <summary>Checks the call may start and puts its token (caller, client lifetime, overall timer) on the message (both paths).</summary>
    private CallScope Begin(PipelineMessage message)
    {
        _lifetime.ThrowIfDisposed();
        var callerToken = message.CallerToken;
        callerToken.ThrowIfCancellationRequested();

        // A call's own timeout (PostPressRequestOptions) wins over the client's; such a call arms its timer at the start.
        var perCall = message.Timeout is not null || message.AttemptTimeout is not null;
        var timeout = message.Timeout ?? _timeout;
        var callSource = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _lifetime.Token);
        var timeoutSource = timeout is { } t && !_systemClock ? CreateTimeoutSource(t) : null;
        var timeoutLink = timeoutSource is null ? default : timeoutSource.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), callSource);
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
        return new CallScope(callSource, timeoutSource, timeoutLink, timeout);
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

    /// <summary>The call's token sources, disposed when the call ends (the link first, as the <c>using</c> declarations did).</summary>
    private readonly struct CallScope : IDisposable
    {
        private readonly CancellationTokenSource? _timeoutSource;
        private readonly CancellationTokenRegistration _timeoutLink;

        public CallScope(CancellationTokenSource source, CancellationTokenSource? timeoutSource, CancellationTokenRegistration timeoutLink, TimeSpan? timeout)
        {
            Source = source;
            _timeoutSource = timeoutSource;
            _timeoutLink = timeoutLink;
            Timeout = timeout;
        }

        public CancellationTokenSource Source { get; }

        public TimeSpan? Timeout { get; }

        public void Dispose()
        {
            _timeoutLink.Dispose();
            _timeoutSource?.Dispose();
            Source.Dispose();
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
