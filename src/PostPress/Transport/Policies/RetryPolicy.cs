using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// Retries an attempt (Polly: exponential back-off with jitter from <see cref="PostPressClientOptions.InitialRetryDelay"/>,
/// capped by <see cref="PostPressClientOptions.MaxRetryDelay"/>; <c>Retry-After</c> wins when the server sends it) up
/// to <see cref="PostPressClientOptions.MaxRetries"/> times (or the call's own <see cref="PostPressRequestOptions.MaxRetries"/>,
/// at most <see cref="PostPressRequestOptions.MaxRetriesLimit"/>), for the outcomes <see cref="ShouldRetry"/> names.
/// </summary>
internal sealed class RetryPolicy : PipelinePolicy
{
    private static readonly ResiliencePropertyKey<PipelineMessage> MessageKey = new("postpress.message");

    private static readonly Action<ILogger, int, string, long, Exception?> Retrying =
        LoggerMessage.Define<int, string, long>(LogLevel.Information, new EventId(4, "PostPressRetry"),
            "PostPress retrying (attempt {NextAttempt}) after {Outcome}, waiting {DelayMs} ms");

    private readonly ResiliencePipeline<BufferedResponse> _retry;
    private readonly int _maxRetries;
    private readonly ILogger _logger;
    private readonly Uri _baseUri;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _initialDelay;
    private readonly TimeSpan _maxDelay;
    private readonly int _maxRetryAttempts;

    public RetryPolicy(PostPressClientOptions options, ILogger logger, Uri baseUri)
    {
        _maxRetries = options.MaxRetries;
        _logger = logger;
        _baseUri = baseUri;
        _timeProvider = options.TimeProvider;
        _initialDelay = options.InitialRetryDelay;
        _maxDelay = options.MaxRetryDelay;

        // Polly's count is fixed per pipeline: built for the most a call may ask for (the client's limit, too);
        // ShouldRetry stops at the call's own count (PipelineMessage.MaxRetries).
        _maxRetryAttempts = Math.Max(options.MaxRetries, PostPressRequestOptions.MaxRetriesLimit);
        _retry = new ResiliencePipelineBuilder<BufferedResponse> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<BufferedResponse>
            {
                MaxRetryAttempts = _maxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _initialDelay,
                MaxDelay = _maxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfterDelay(args.Outcome)),
                OnRetry = args =>
                {
                    OnRetry(args.Outcome, args.Context.Properties.TryGetValue(MessageKey, out var message) ? message : null, args.AttemptNumber, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Retry-After (seconds or HTTP-date) wins over the computed back-off, capped at MaxRetryDelay (both paths).</summary>
    private TimeSpan? RetryAfterDelay(Outcome<BufferedResponse> outcome)
    {
        if (outcome.Result is { } response && RetryAfterParser.Parse(response.Headers, _timeProvider.GetUtcNow()) is { } wait)
        {
            return wait > _maxDelay ? _maxDelay : wait;
        }

        return null;
    }

    /// <summary>A retry is decided (both paths): its log line, its counter, and the deferred overall timer armed.</summary>
    private void OnRetry(Outcome<BufferedResponse> outcome, PipelineMessage? message, int attemptNumber, TimeSpan delay)
    {
        var reason = outcome.Result is { } r ? Telemetry.Status(r.StatusCode) : outcome.Exception is { } e ? Telemetry.ErrorType(e) : "?";
        Retrying(_logger, attemptNumber + 2, reason, (long)delay.TotalMilliseconds, null);
        if (message is not null)
        {
            Telemetry.RecordRetry(message.Operation, _baseUri, reason);
            message.RetryDecided?.Invoke(message);
        }
    }

    /// <summary>
    /// The first attempt runs here, outside Polly: most calls succeed at once, and a Polly execution (context, properties,
    /// strategy state machine) cost about a fifth of a microsecond per call. An outcome <see cref="ShouldRetry"/> retries
    /// is handed to Polly as its first attempt (<see cref="RetryAsync"/>), which then decides the delay, logs the retry and
    /// runs the next attempts exactly as when it ran the first one itself.
    /// </summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        // The call's own count (PostPressRequestOptions.MaxRetries) or the client's; resolved here for ShouldRetry.
        var maxRetries = message.MaxRetries ?? _maxRetries;
        message.MaxRetries = maxRetries;
        message.Attempt = 1;
        if (maxRetries == 0)
        {
            return next.ProcessAsync(message);
        }

        ValueTask first;
        try
        {
            first = next.ProcessAsync(message);
        }
        catch (Exception ex)
        {
            first = new ValueTask(Task.FromException(ex));
        }

        if (first.IsCompletedSuccessfully)
        {
            PipelineResult.End(first);
            if (message.Response is { } response && !IsRetryableResult(response, message))
            {
                return default;
            }

            // Consumed already (a pooled ValueTask must not be awaited twice): its response is on the message.
            return RetryAsync(message, next, default);
        }

        return RetryAsync(message, next, first);
    }

    /// <summary>
    /// The first attempt's outcome (still running, failed, or a response to retry): returned as it is when it is not
    /// retried; otherwise Polly runs the retries, its first "attempt" being this outcome.
    /// </summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask RetryAsync(PipelineMessage message, PipelineNext next, ValueTask first)
    {
        Outcome<BufferedResponse> outcome;
        try
        {
            await first.ConfigureAwait(false);
            outcome = Outcome.FromResult(message.TakeResponse());
        }
        catch (Exception ex)
        {
            outcome = Outcome.FromException<BufferedResponse>(ex);
        }

        var token = message.CancellationToken;
        if (token.IsCancellationRequested || !ShouldRetryCall(outcome, message, token))
        {
            // What Polly did with a first outcome it does not retry (or once the call's token fired): hand it back.
            outcome.ThrowIfException();
            message.Response = outcome.Result;
            return;
        }

        var context = ResilienceContextPool.Shared.Get(token);
        context.Properties.Set(MessageKey, message);
        var state = new RetryState(message, next, outcome);
        try
        {
            outcome = await _retry.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    if (state.TakeFirst() is { } replayed)
                    {
                        // Polly's first attempt is the one already made (ShouldRetry decides it again, the same way).
                        return replayed;
                    }

                    var message = state.Message;
                    message.Attempt++;
                    message.CancellationToken = ctx.CancellationToken;
                    try
                    {
                        await state.Next.ProcessAsync(message).ConfigureAwait(false);
                        return Outcome.FromResult(message.TakeResponse());
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<BufferedResponse>(ex);
                    }
                },
                context,
                state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);

            // Polly did not ask for the first outcome (the call's token fired first): its response is not handed on.
            if (state.TakeFirst() is { } unusedOutcome)
            {
                unusedOutcome.Result?.Dispose();
            }
        }

        outcome.ThrowIfException();
        message.Response = outcome.Result;
    }

    /// <summary>Whether a response is retried (a status <see cref="ShouldRetryOutcome"/> names); the common case, a 2xx, never is.</summary>
    private static bool IsRetryableResult(BufferedResponse response, PipelineMessage message) =>
        response.StatusCode is 429 or 503 or 504 && ShouldRetryCall(Outcome.FromResult(response), message, message.CancellationToken);

    /// <summary>What Polly's callback needs: the message, the rest of the path and the first attempt's outcome to replay.</summary>
    private sealed class RetryState
    {
        private Outcome<BufferedResponse>? _first;

        public RetryState(PipelineMessage message, PipelineNext next, Outcome<BufferedResponse> first)
        {
            Message = message;
            Next = next;
            _first = first;
        }

        public PipelineMessage Message { get; }

        public PipelineNext Next { get; }

        public Outcome<BufferedResponse>? TakeFirst()
        {
            var first = _first;
            _first = null;
            return first;
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The synchronous twin: the same rules (<see cref="ShouldRetryCall"/>), the same <c>Retry-After</c> and log line/counter
    /// (<see cref="RetryAfterDelay"/>, <see cref="OnRetry"/>), the same back-off (<see cref="Backoff"/>, the formula of
    /// Polly's exponential back-off with jitter), and the delay waited on the calling thread (<see cref="SyncWait"/>).
    /// Polly's own synchronous execution is not used: on a clock other than the system's it waits for its delay by
    /// blocking on a task.
    /// </summary>
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        var maxRetries = message.MaxRetries ?? _maxRetries;
        message.MaxRetries = maxRetries;
        if (maxRetries == 0)
        {
            message.Attempt = 1;
            next.Process(message);
            return;
        }

        // No Polly context on this path: the rules take the message and the call's token directly (ShouldRetryCall).
        var token = message.CancellationToken;
        Outcome<BufferedResponse> outcome;
        var jitterState = 0.0;
        for (var retry = 0; ; retry++)
        {
            if (token.IsCancellationRequested)
            {
                outcome = Outcome.FromException<BufferedResponse>(new OperationCanceledException(token));
            }
            else
            {
                message.Attempt++;
                message.CancellationToken = token;
                try
                {
                    next.Process(message);
                    outcome = Outcome.FromResult(message.TakeResponse());
                }
                catch (Exception ex)
                {
                    outcome = Outcome.FromException<BufferedResponse>(ex);
                }
            }

            if (retry >= _maxRetryAttempts || !ShouldRetryCall(outcome, message, token))
            {
                break;
            }

            // As Polly does: the back-off is computed (advancing its state) even when Retry-After then wins.
            var backoff = Backoff(retry, _initialDelay, _maxDelay, ref jitterState, Random.Shared.NextDouble());
            var delay = RetryAfterDelay(outcome) ?? backoff;
            OnRetry(outcome, message, retry, delay);
            outcome.Result?.Dispose();
            try
            {
                SyncWait.Delay(_timeProvider, delay, token);
            }
            catch (OperationCanceledException ex)
            {
                outcome = Outcome.FromException<BufferedResponse>(ex);
                break;
            }
        }

        outcome.ThrowIfException();
        message.Response = outcome.Result;
    }

    /// <summary>
    /// The back-off before retry <paramref name="retry"/> (from 0) of the synchronous path: the decorrelated-jitter
    /// exponential formula Polly's <c>DelayBackoffType.Exponential</c> with <c>UseJitter</c> uses on the async path
    /// (George Polevoy's "DecorrelatedJitterV2": median near <c>initialDelay * 2^retry</c>), capped at
    /// <paramref name="maxDelay"/>. <paramref name="state"/> carries the previous value between retries of one call;
    /// <paramref name="sample"/> is a uniform random number in [0, 1).
    /// </summary>
    internal static TimeSpan Backoff(int retry, TimeSpan initialDelay, TimeSpan maxDelay, ref double state, double sample)
    {
        if (initialDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        const double Smoothing = 4.0;
        const double Scale = 1 / 1.4d;
        var t = retry + sample;
        var next = Math.Pow(2, t) * Math.Tanh(Math.Sqrt(Smoothing * t));
        if (double.IsInfinity(next))
        {
            state = next;
            return maxDelay;
        }

        var ticks = (next - state) * Scale * initialDelay.Ticks;
        state = next;
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)Math.Max(0, ticks));
    }
#endif

    /// <summary>
    /// Which outcomes are retried. Any method: 429, 503 and failures to connect (nothing reached the API). Idempotent
    /// methods (GET) also: 504, attempt timeouts, broken connections and bodies that break off. A POST is not retried
    /// once it may have reached the provider, so an action is never performed twice. Nothing is retried once a body read
    /// from a caller's non-seekable stream has been sent (<see cref="RequestContent.CanResend"/>).
    /// </summary>
    internal static bool ShouldRetry(Outcome<BufferedResponse> outcome, ResilienceContext context) =>
        ShouldRetryCall(outcome, context.Properties.TryGetValue(MessageKey, out var m) ? m : null, context.CancellationToken);

    private static bool ShouldRetryCall(Outcome<BufferedResponse> outcome, PipelineMessage? message, System.Threading.CancellationToken token)
    {
        var retry = ShouldRetryOutcome(outcome, message, token);

        // Within the call's retry count: attempt n may be followed by another while n <= MaxRetries.
        return retry && !(message is not null && message.MaxRetries is { } max && message.Attempt > max);
    }

    private static bool ShouldRetryOutcome(Outcome<BufferedResponse> outcome, PipelineMessage? message, System.Threading.CancellationToken token)
    {
        if (token.IsCancellationRequested && outcome.Exception is OperationCanceledException && outcome.Exception is not TimeoutRejectedException)
        {
            return false;
        }

        if (message is not null && message.Content is { CanResend: false })
        {
            // A caller's non-seekable stream was read by the attempt: the same body cannot be sent again.
            return false;
        }

        var idempotent = message is not null && message.Operation.Idempotent;

        // A write whose outcome is unknown (it may have been performed) is noted for UnknownOutcomePolicy, and retried only
        // when the API reports a duplicate (RetryUnknownOutcomes and the operation's duplicate error).
        if (message is not null && !idempotent && IsUnknownOutcome(outcome))
        {
            message.OutcomeUnknown = true;
            return message.RetryUnknownOutcome;
        }

        if (outcome.Exception is { } ex)
        {
            return ex switch
            {
                PostPressException => false, // redirects, oversized bodies: the same again
                TimeoutRejectedException => idempotent,
                HttpRequestException h => idempotent || IsConnectFailure(h),
                IOException => idempotent,
                _ => false,
            };
        }

        return outcome.Result!.StatusCode switch
        {
            429 => true,
            503 => true,
            504 => idempotent,
            _ => false,
        };
    }

    /// <summary>Whether an attempt of a write ended so that it may have been performed (sent, then no answer; or a 504).</summary>
    private static bool IsUnknownOutcome(Outcome<BufferedResponse> outcome) => outcome.Exception switch
    {
        null => outcome.Result!.StatusCode == 504,
        TimeoutRejectedException => true,
        HttpRequestException h => !IsConnectFailure(h),
        IOException => true,
        _ => false,
    };

    internal static bool IsConnectFailure(HttpRequestException ex)
    {
#if NET5_0_OR_GREATER
        if (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return true;
        }
#endif
        return ex.InnerException is SocketException s &&
            (s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable);
    }
}
