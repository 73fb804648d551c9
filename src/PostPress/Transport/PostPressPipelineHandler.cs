using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// The client's HTTP pipeline: authentication and identification headers, retries with exponential back-off and
/// jitter (Polly), <c>Retry-After</c>, per-attempt and overall timeouts, logging, error mapping to typed exceptions,
/// and capture of the first bytes of success bodies for error messages. It sits above the transport, which is
/// either the client's own handler or a caller-supplied <see cref="HttpClient"/>.
/// </summary>
internal sealed class PostPressPipelineHandler : DelegatingHandler
{
    private static readonly string UserAgentVersion = typeof(PostPressPipelineHandler).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly ResolvedOptions _resolved;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly string _userAgent;

    public PostPressPipelineHandler(ResolvedOptions resolved, HttpMessageHandler transport)
        : base(transport)
    {
        _resolved = resolved;
        var options = resolved.Options;
        _logger = options.LoggerFactory?.CreateLogger("PostPress") ?? NullLogger.Instance;
        _userAgent = "postpress-dotnet/" + UserAgentVersion + (string.IsNullOrEmpty(options.ApplicationId) ? string.Empty : " " + options.ApplicationId);
        _pipeline = BuildPipeline(options);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(PostPressClientOptions options)
    {
        // The overall timeout (options.Timeout) is applied by PostPressClient.CallAsync so that it also covers reading
        // the response body; the pipeline owns retries and the per-attempt timeout.
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialRetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args =>
                {
                    // Retry-After (seconds or HTTP-date) wins over the computed back-off, capped at MaxRetryDelay.
                    if (args.Outcome.Result is { } response && RetryAfterParser.Parse(response, options.TimeProvider.GetUtcNow()) is { } wait)
                    {
                        return new ValueTask<TimeSpan?>(wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait);
                    }

                    return new ValueTask<TimeSpan?>((TimeSpan?)null);
                },
                OnRetry = args =>
                {
                    var status = args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?";
                    Log.Retrying(_logger, args.AttemptNumber + 1, status, (long)args.RetryDelay.TotalMilliseconds, null);
                    return default;
                },
            });
        }

        if (options.AttemptTimeout is { } attempt)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = attempt });
        }

        return builder.Build();
    }

    private static readonly ResiliencePropertyKey<bool> IdempotentKey = new("postpress.idempotent");

    /// <summary>
    /// Which outcomes are retried. Any method: 429, 503 and failures to connect (nothing reached the API). Idempotent
    /// methods (GET) also: 504, attempt timeouts and broken connections. A POST is not retried after it may have
    /// reached the provider (504, timeouts, a connection lost mid-request), so an action is never performed twice.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested && outcome.Exception is OperationCanceledException && outcome.Exception is not TimeoutRejectedException)
        {
            return false;
        }

        var idempotent = context.Properties.GetValue(IdempotentKey, false);
        if (outcome.Exception is { } ex)
        {
            return ex switch
            {
                TimeoutRejectedException => idempotent,
                HttpRequestException h => idempotent || IsConnectFailure(h),
                IOException => idempotent,
                _ => false,
            };
        }

        var status = (int)outcome.Result!.StatusCode;
        return status switch
        {
            429 => true,
            503 => true,
            504 => idempotent,
            _ => false,
        };
    }

    private static bool IsConnectFailure(HttpRequestException ex)
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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? body = null;
        if (request.Content is not null)
        {
#if NET5_0_OR_GREATER
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
#else
            body = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
#endif
        }

        var state = new AttemptState(this, request, body) { CallerToken = cancellationToken };
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(IdempotentKey, request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) => await s.Handler.AttemptAsync(s, ctx.CancellationToken).ConfigureAwait(false),
                context,
                state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is { } exception)
        {
            var translated = Translate(exception, request, state.Attempt, cancellationToken);
            if (ReferenceEquals(translated, exception))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw(); // keep its stack trace
            }

            throw translated;
        }

        var response = outcome.Result!;
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var error = await ErrorMapper.CreateAsync(response, _resolved.Options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Log.CallFailed(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, error.StatusCode, error.ErrorType?.Value ?? "(none)", error.Instance ?? string.Empty, state.Attempt, null);
                throw error;
            }
        }

        await CaptureBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private Exception Translate(Exception exception, HttpRequestMessage request, int attempts, CancellationToken cancellationToken)
    {
        var what = request.Method + " " + request.RequestUri?.AbsolutePath;
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return exception; // the caller's own cancellation stays an OperationCanceledException
            case TimeoutRejectedException timeout:
                return new PostPressTimeoutException(what + " did not answer within the attempt timeout (" + timeout.Timeout + ") in " + attempts + " attempt(s).", exception);
            case OperationCanceledException:
                return new PostPressTimeoutException(what + " was cancelled by the transport (timeout) after " + attempts + " attempt(s).", exception);
            case HttpRequestException:
            case IOException:
                return new PostPressConnectionException(what + " failed after " + attempts + " attempt(s): " + exception.Message, exception);
            default:
                return exception;
        }
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        var attempt = ++state.Attempt;
        using var message = CreateAttemptMessage(state.Request, state.Body);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var elapsed = ElapsedMs(started);
            var requestId = RequestId(response);
            if (response.IsSuccessStatusCode)
            {
                Log.Attempt(_logger, message.Method.Method, message.RequestUri?.AbsolutePath ?? string.Empty, attempt, (int)response.StatusCode, elapsed, requestId, null);
            }
            else
            {
                Log.AttemptFailedStatus(_logger, message.Method.Method, message.RequestUri?.AbsolutePath ?? string.Empty, attempt, (int)response.StatusCode, elapsed, requestId, null);
            }

            return Outcome.FromResult(response);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !state.CallerToken.IsCancellationRequested)
        {
            var error = ex is OperationCanceledException ? "Timeout" : ex.GetType().Name;
            Log.AttemptFailed(_logger, message.Method.Method, message.RequestUri?.AbsolutePath ?? string.Empty, attempt, error, ElapsedMs(started), null);
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private HttpRequestMessage CreateAttemptMessage(HttpRequestMessage original, byte[]? body)
    {
        var message = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var header in original.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            message.Content = content;
        }

        message.Headers.Remove("X-API-KEY");
        message.Headers.TryAddWithoutValidation("X-API-KEY", _resolved.ApiKey);
        message.Headers.Accept.Clear();
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Clear();
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        return message;
    }

    private static async Task CaptureBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var scope = CallScope.Current;
        if (scope is null || response.Content is null)
        {
            return;
        }

        var original = response.Content;
#if NET5_0_OR_GREATER
        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var stream = await original.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        // The call's token (caller + overall timeout) also cancels reading the body, so a stalled body cannot hang.
        // Not this method's token: HttpClient links it to a source it disposes as soon as the headers are returned.
        var capture = new PrefixCapturingStream(stream, ErrorMapper.MaxBodyExcerptBytes, scope.CancellationToken);
        var replacement = new StreamContent(capture);
        foreach (var header in original.Headers)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = replacement;
        scope.Capture = capture;
        scope.StatusCode = (int)response.StatusCode;
    }

    private static long ElapsedMs(long started) => (long)((Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency);

    private static string RequestId(HttpResponseMessage response)
    {
        foreach (var name in new[] { "X-Request-Id", "Request-Id", "X-Correlation-Id" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault() ?? string.Empty;
            }
        }

        return string.Empty;
    }

    private sealed class AttemptState
    {
        public AttemptState(PostPressPipelineHandler handler, HttpRequestMessage request, byte[]? body)
        {
            Handler = handler;
            Request = request;
            Body = body;
        }

        public PostPressPipelineHandler Handler { get; }

        public HttpRequestMessage Request { get; }

        public byte[]? Body { get; }

        public int Attempt { get; set; }

        public CancellationToken CallerToken { get; set; }
    }

    private static class Log
    {
        public static readonly Action<ILogger, string, string, int, int, long, string, Exception?> Attempt =
            LoggerMessage.Define<string, string, int, int, long, string>(LogLevel.Information, new EventId(1, "PostPressAttempt"),
                "PostPress {Method} {Path} attempt {Attempt} -> {StatusCode} in {ElapsedMs} ms (request id '{RequestId}')");

        public static readonly Action<ILogger, string, string, int, int, long, string, Exception?> AttemptFailedStatus =
            LoggerMessage.Define<string, string, int, int, long, string>(LogLevel.Warning, new EventId(2, "PostPressAttemptErrorStatus"),
                "PostPress {Method} {Path} attempt {Attempt} -> {StatusCode} in {ElapsedMs} ms (request id '{RequestId}')");

        public static readonly Action<ILogger, string, string, int, string, long, Exception?> AttemptFailed =
            LoggerMessage.Define<string, string, int, string, long>(LogLevel.Warning, new EventId(3, "PostPressAttemptFailed"),
                "PostPress {Method} {Path} attempt {Attempt} failed with {Error} after {ElapsedMs} ms");

        public static readonly Action<ILogger, string, string, int, string, string, int, Exception?> CallFailed =
            LoggerMessage.Define<string, string, int, string, string, int>(LogLevel.Warning, new EventId(5, "PostPressCallFailed"),
                "PostPress {Method} {Path} failed with {StatusCode} {ErrorType} (request id '{Instance}') after {Attempts} attempt(s)");

        public static readonly Action<ILogger, int, string, long, Exception?> Retrying =
            LoggerMessage.Define<int, string, long>(LogLevel.Information, new EventId(4, "PostPressRetry"),
                "PostPress retrying (attempt {NextAttempt}) after {Outcome}, waiting {DelayMs} ms");
    }
}

/// <summary>Sends through a caller-supplied <see cref="HttpClient"/> (for example one from IHttpClientFactory).</summary>
internal sealed class HttpClientTransport : HttpMessageHandler
{
    private readonly Func<HttpClient> _client;

    public HttpClientTransport(Func<HttpClient> client) => _client = client;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}

/// <summary>Per-call state that flows from the facade into the pipeline (async-local).</summary>
internal sealed class CallScope
{
    private static readonly AsyncLocal<CallScope?> CurrentScope = new();

    public static CallScope? Current => CurrentScope.Value;

    public PrefixCapturingStream? Capture { get; set; }

    public int StatusCode { get; set; }

    /// <summary>The call's token: the caller's, linked with the overall timeout.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Starts a scope for the current async flow; it ends when the calling async method returns.</summary>
    public static CallScope Begin()
    {
        var scope = new CallScope();
        CurrentScope.Value = scope;
        return scope;
    }

    public string BodyExcerpt() => Capture?.CapturedText() ?? string.Empty;
}
