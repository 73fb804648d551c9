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

    public RetryPolicy(PostPressClientOptions options, ILogger logger, Uri baseUri)
    {
        _maxRetries = options.MaxRetries;
        var timeProvider = options.TimeProvider;
        var maxDelay = options.MaxRetryDelay;
        _retry = new ResiliencePipelineBuilder<BufferedResponse> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<BufferedResponse>
            {
                // Polly's count is fixed per pipeline: built for the most a call may ask for (the client's limit, too);
                // ShouldRetry stops at the call's own count (PipelineMessage.MaxRetries).
                MaxRetryAttempts = Math.Max(options.MaxRetries, PostPressRequestOptions.MaxRetriesLimit),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialRetryDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args =>
                {
                    // Retry-After (seconds or HTTP-date) wins over the computed back-off, capped at MaxRetryDelay.
                    if (args.Outcome.Result is { } response && RetryAfterParser.Parse(response.Headers, timeProvider.GetUtcNow()) is { } wait)
                    {
                        return new ValueTask<TimeSpan?>(wait > maxDelay ? maxDelay : wait);
                    }

                    return new ValueTask<TimeSpan?>((TimeSpan?)null);
                },
                OnRetry = args =>
                {
                    var reason = args.Outcome.Result is { } r ? Telemetry.Status(r.StatusCode) : args.Outcome.Exception is { } e ? Telemetry.ErrorType(e) : "?";
                    Retrying(logger, args.AttemptNumber + 2, reason, (long)args.RetryDelay.TotalMilliseconds, null);
                    if (args.Context.Properties.TryGetValue(MessageKey, out var message))
                    {
                        Telemetry.RecordRetry(message.Operation, baseUri, reason);
                        message.RetryDecided?.Invoke(message);
                    }

                    return default;
                },
            })
            .Build();
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
