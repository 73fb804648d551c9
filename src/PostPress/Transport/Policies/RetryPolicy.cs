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
                    OnRetry(args.Outcome, args.Context, args.AttemptNumber, args.RetryDelay);
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
    private void OnRetry(Outcome<BufferedResponse> outcome, ResilienceContext context, int attemptNumber, TimeSpan delay)
    {
        var reason = outcome.Result is { } r ? Telemetry.Status(r.StatusCode) : outcome.Exception is { } e ? Telemetry.ErrorType(e) : "?";
        Retrying(_logger, attemptNumber + 2, reason, (long)delay.TotalMilliseconds, null);
        if (context.Properties.TryGetValue(MessageKey, out var message))
        {
            Telemetry.RecordRetry(message.Operation, _baseUri, reason);
            message.RetryDecided?.Invoke(message);
        }
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        // The call's own count (PostPressRequestOptions.MaxRetries) or the client's; resolved here for ShouldRetry.
        var maxRetries = message.MaxRetries ?? _maxRetries;
        message.MaxRetries = maxRetries;
        if (maxRetries == 0)
        {
            message.Attempt = 1;
            await next.ProcessAsync(message).ConfigureAwait(false);
            return;
        }

        var context = ResilienceContextPool.Shared.Get(message.CancellationToken);
        context.Properties.Set(MessageKey, message);
        Outcome<BufferedResponse> outcome;
        try
        {
            outcome = await _retry.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
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
                (Message: message, Next: next)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        outcome.ThrowIfException();
        message.Response = outcome.Result;
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The synchronous twin: the same rules (<see cref="ShouldRetry"/>), the same <c>Retry-After</c> and log line/counter
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

        var token = message.CancellationToken;
        var context = ResilienceContextPool.Shared.Get(token);
        context.Properties.Set(MessageKey, message);
        Outcome<BufferedResponse> outcome;
        try
        {
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

                if (retry >= _maxRetryAttempts || !ShouldRetry(outcome, context))
                {
                    break;
                }

                // As Polly does: the back-off is computed (advancing its state) even when Retry-After then wins.
                var backoff = Backoff(retry, _initialDelay, _maxDelay, ref jitterState, Random.Shared.NextDouble());
                var delay = RetryAfterDelay(outcome) ?? backoff;
                OnRetry(outcome, context, retry, delay);
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
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
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
    internal static bool ShouldRetry(Outcome<BufferedResponse> outcome, ResilienceContext context)
    {
        var retry = ShouldRetryOutcome(outcome, context);

        // Within the call's retry count: attempt n may be followed by another while n <= MaxRetries.
        return retry && !(context.Properties.TryGetValue(MessageKey, out var message) && message.MaxRetries is { } max && message.Attempt > max);
    }

    private static bool ShouldRetryOutcome(Outcome<BufferedResponse> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested && outcome.Exception is OperationCanceledException && outcome.Exception is not TimeoutRejectedException)
        {
            return false;
        }

        var message = context.Properties.TryGetValue(MessageKey, out var m) ? m : null;
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
