using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// The per-call path every operation goes through, in order:
/// <list type="number">
/// <item>the call's token: the caller's, the client's lifetime and the overall <see cref="PostPressClientOptions.Timeout"/>;</item>
/// <item>a call span (<see cref="PostPressDiagnostics"/>);</item>
/// <item>retries (Polly) around the attempt timeout around one attempt, which sends the request with the headers
/// (<c>X-API-KEY</c>, <c>Accept</c>, <c>User-Agent</c>), refuses redirects, and reads the whole body asynchronously into
/// a pooled buffer capped by <see cref="PostPressClientOptions.MaxResponseSize"/>: a body that breaks off is an attempt
/// failure the retry rules see;</item>
/// <item>one error path: a non-2xx becomes its typed <see cref="PostPressApiException"/> with headers, request id and
/// body excerpt; transport failures become <see cref="PostPressConnectionException"/> /
/// <see cref="PostPressTimeoutException"/>;</item>
/// <item>deserialization of a 2xx body from memory (never from the network).</item>
/// </list>
/// </summary>
internal sealed class PostPressPipeline
{
    private static readonly string UserAgentVersion = typeof(PostPressPipeline).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private static readonly ResiliencePropertyKey<CallState> StateKey = new("postpress.call");

    private readonly ResolvedOptions _resolved;
    private readonly ClientTransport _transport;
    private readonly ClientLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<BufferedResponse> _resilience;
    private readonly string _userAgent;
    private readonly string _baseUrl;
    private readonly Uri _baseUri;
    private readonly long _maxResponseSize;
    private readonly TimeSpan? _timeout;
    private readonly TimeSpan? _attemptTimeout;
    private readonly bool _systemClock;

    public PostPressPipeline(ResolvedOptions resolved, ClientTransport transport, ClientLifetime lifetime)
    {
        _resolved = resolved;
        _transport = transport;
        _lifetime = lifetime;
        var options = resolved.Options;
        _logger = options.LoggerFactory?.CreateLogger("PostPress.Client") ?? NullLogger.Instance;
        _userAgent = "postpress-dotnet/" + UserAgentVersion + (string.IsNullOrEmpty(options.ApplicationId) ? string.Empty : " " + options.ApplicationId);
        _baseUri = options.BaseUri;
        _baseUrl = options.BaseUri.AbsoluteUri.TrimEnd('/');
        _maxResponseSize = options.MaxResponseSize;
        _timeout = options.Timeout;
        _attemptTimeout = options.AttemptTimeout;
        _systemClock = ReferenceEquals(options.TimeProvider, TimeProvider.System);
        _resilience = BuildResilience(options);
    }

    /// <summary>The JSON serializer of the wire format (shared: Json.NET serializers are safe to reuse across threads once configured).</summary>
    internal static JsonSerializer Serializer { get; } = JsonSerializer.Create(PostPressJsonSerializerSettings.Create());

    /// <summary>The serializer of response bodies (<see cref="PostPressContractResolver.ForReading"/>); never used to write.</summary>
    internal static JsonSerializer ReadSerializer { get; } = JsonSerializer.Create(PostPressJsonSerializerSettings.CreateForReading());

    /// <summary>Sends a call and returns its deserialized 2xx body.</summary>
    public async Task<T> SendAsync<T>(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, pathAndQuery, body, cancellationToken).ConfigureAwait(false);
        return Deserialize<T>(operation, response);
    }

    /// <summary>Sends a call and returns its deserialized 2xx body with the status, headers and request id.</summary>
    public async Task<PostPressResponse<T>> SendWithResponseAsync<T>(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, pathAndQuery, body, cancellationToken).ConfigureAwait(false);
        var value = Deserialize<T>(operation, response);
        return new PostPressResponse<T>(value, response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>Sends a call whose 2xx response has no documented body.</summary>
    public async Task<PostPressResponse> SendNoContentAsync(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, pathAndQuery, body, cancellationToken).ConfigureAwait(false);
        return new PostPressResponse(response.StatusCode, response.Headers, response.ContentHeaders);
    }

    private async Task<BufferedResponse> SendCoreAsync(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        _lifetime.ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();

        var state = new CallState(this, operation, new Uri(_baseUrl + pathAndQuery, UriKind.Absolute), body is null ? null : SerializeBody(body));
        using var callSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        using var timeoutSource = _timeout is { } t && !_systemClock ? CreateTimeoutSource(t) : null;
        using var timeoutLink = timeoutSource is null ? default : timeoutSource.Token.Register(static s => ((CancellationTokenSource)s!).Cancel(), callSource);
        if (_timeout is { } overall && _systemClock)
        {
            if (_attemptTimeout is { } attemptLimit && overall - attemptLimit >= LazyOverallMargin)
            {
                // The first attempt is bounded by the shorter attempt timeout, so the overall timer is only needed once
                // a retry is decided (OnRetry arms it with what is left): most calls succeed at once and never pay for it.
                state.OverallArmedLazily = true;
                state.Started = Stopwatch.GetTimestamp();
            }
            else
            {
                callSource.CancelAfter(overall);
            }
        }

        state.CallToken = callSource.Token;
        state.CallSource = callSource;
        var activity = Telemetry.StartCall(operation, _baseUri);
        var context = ResilienceContextPool.Shared.Get(callSource.Token);
        context.Properties.Set(StateKey, state);
        Outcome<BufferedResponse> outcome;
        try
        {
            outcome = await _resilience.ExecuteOutcomeAsync(
                static async (ctx, s) => await s.Pipeline.AttemptAsync(s, ctx.CancellationToken).ConfigureAwait(false),
                context,
                state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is { } exception)
        {
            var translated = Translate(exception, state, cancellationToken, callSource.IsCancellationRequested);
            Telemetry.Stop(activity, null, Telemetry.ErrorType(translated), null);
            if (ReferenceEquals(translated, exception))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw();
            }

            throw translated;
        }

        var response = outcome.Result!;
        if (!response.IsSuccess)
        {
            using (response)
            {
                var error = ErrorMapper.Create(response, _resolved.Options.TimeProvider.GetUtcNow(), _resolved.ApiKey);
                Log.CallFailed(_logger, operation.Method.Method, operation.UrlTemplate, error.StatusCode, error.ErrorType?.Value ?? "(none)", error.Instance ?? string.Empty, state.Attempt, null);
                Telemetry.Stop(activity, response.StatusCode, Telemetry.Status(response.StatusCode), error.Instance);
                throw error;
            }
        }

        Telemetry.Stop(activity, response.StatusCode, null, activity is null ? null : HeaderSnapshot.RequestId(response.Headers));
        return response;
    }

    private async ValueTask<Outcome<BufferedResponse>> AttemptAsync(CallState state, CancellationToken cancellationToken)
    {
        var attempt = ++state.Attempt;
        var operation = state.Operation;
        var started = Stopwatch.GetTimestamp();
        var activity = Telemetry.StartAttempt(operation, _baseUri, attempt);
        int? status = null;
        try
        {
            using var request = CreateRequest(state);
            var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            CheckRedirect(response, state);
            var buffered = await BufferedResponse.ReadAsync(response, _maxResponseSize, cancellationToken).ConfigureAwait(false);
            if (buffered.IsSuccess)
            {
                // The request id and the elapsed time are only for the log line and the span.
                var logged = _logger.IsEnabled(LogLevel.Information);
                var requestId = logged || activity is not null ? HeaderSnapshot.RequestId(buffered.Headers) : null;
                var elapsed = logged ? ElapsedMs(started) : 0;
                Log.Attempt(_logger, operation.Method.Method, operation.UrlTemplate, attempt, buffered.StatusCode, elapsed, requestId ?? string.Empty, null);
                Telemetry.RecordAttempt(operation, _baseUri, started, buffered.StatusCode, null);
                Telemetry.Stop(activity, buffered.StatusCode, null, requestId);
            }
            else
            {
                var requestId = HeaderSnapshot.RequestId(buffered.Headers);
                var elapsed = ElapsedMs(started);
                Log.AttemptFailedStatus(_logger, operation.Method.Method, operation.UrlTemplate, attempt, buffered.StatusCode, elapsed, requestId ?? string.Empty, null);
                Telemetry.RecordAttempt(operation, _baseUri, started, buffered.StatusCode, Telemetry.Status(buffered.StatusCode));
                Telemetry.Stop(activity, buffered.StatusCode, Telemetry.Status(buffered.StatusCode), requestId);
            }

            return Outcome.FromResult(buffered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !state.CallToken.IsCancellationRequested || ex is TimeoutRejectedException)
        {
            var error = ex is OperationCanceledException ? "timeout" : Telemetry.ErrorType(ex);
            Log.AttemptFailed(_logger, operation.Method.Method, operation.UrlTemplate, attempt, ex is OperationCanceledException ? "Timeout" : ex.GetType().Name, ElapsedMs(started), null);
            Telemetry.RecordAttempt(operation, _baseUri, started, status, error);
            Telemetry.Stop(activity, status, error, null);
            return Outcome.FromException<BufferedResponse>(ex);
        }
        catch (Exception ex)
        {
            // The call's own token: the caller, the client's disposal or the overall timeout. Not retried.
            Telemetry.RecordAttempt(operation, _baseUri, started, status, "cancelled");
            Telemetry.Stop(activity, status, "cancelled", null);
            return Outcome.FromException<BufferedResponse>(ex);
        }
    }

    private HttpRequestMessage CreateRequest(CallState state)
    {
        var request = new HttpRequestMessage(state.Operation.Method, state.Uri);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("X-API-KEY", _resolved.ApiKey);
        headers.TryAddWithoutValidation("Accept", "application/json");
        headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (state.Body is { } body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonContentType;
            request.Content = content;
        }

        return request;
    }

    /// <summary>
    /// Refuses every 3xx (the SDK's own handler does not follow redirects), and notices when a caller-supplied
    /// <see cref="HttpClient"/> followed one to another origin.
    /// </summary>
    private void CheckRedirect(HttpResponseMessage response, CallState state)
    {
        var status = (int)response.StatusCode;
        if (status >= 300 && status < 400 && status != 304)
        {
            var location = response.Headers.Location;
            Uri? target = null;
            if (location is not null)
            {
                target = location.IsAbsoluteUri ? location : new Uri(state.Uri, location);
                target = new UriBuilder(target) { Query = string.Empty, Fragment = string.Empty, UserName = string.Empty, Password = string.Empty }.Uri;
            }

            response.Dispose();
            var sameOrigin = target is not null && SameOrigin(target, state.Uri);
            throw new PostPressRedirectException(
                state.Operation.SpanName + " was answered with " + status + " redirecting to " + (target?.ToString() ?? "(no Location)") + ". "
                + "The SDK does not follow redirects, so that the API key never reaches another address"
                + (sameOrigin ? string.Empty : " (this one is another origin)") + ". Check PostPressClientOptions.BaseUri.",
                status,
                target);
        }

        if (response.RequestMessage?.RequestUri is { } final && !ReferenceEquals(final, state.Uri) && !SameOrigin(final, state.Uri))
        {
            var target = new UriBuilder(final) { Query = string.Empty, Fragment = string.Empty, UserName = string.Empty, Password = string.Empty }.Uri;
            response.Dispose();
            throw new PostPressRedirectException(
                state.Operation.SpanName + " was redirected to another origin (" + target.GetLeftPart(UriPartial.Authority) + ") by the HttpClient given to "
                + "PostPressClient, which follows redirects on its own: the API key may have been sent there. Set AllowAutoRedirect = false on its handler.",
                0,
                target);
        }
    }

    internal static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    private T Deserialize<T>(OperationInfo operation, BufferedResponse response)
    {
        var body = response.Body;
        if (body.Count == 0)
        {
            throw new PostPressSerializationException(
                "The " + response.StatusCode + " response of " + operation.SpanName + " has no body; the API documents a " + typeof(T).Name + ".",
                response.StatusCode,
                string.Empty);
        }

        try
        {
            using var reader = new JsonTextReader(new Utf8BufferReader(body)) { ArrayPool = JsonCharPool.Instance, PropertyNameTable = ModelSerializers.NameTable };
            // A union at the top (a profile, an account): the variant is known from a peek at the bytes, and read
            // directly, not through the union converter's replaying reader.
            var variant = TopLevelUnion<T>.IsUnion ? UnionJsonConverter.PeekVariant(typeof(T), body.AsSpan()) : null;
            var value = variant is null ? ReadSerializer.Deserialize<T>(reader) : (T?)ReadSerializer.Deserialize(reader, variant);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text found after the JSON value.");
                }
            }

            if (value is null)
            {
                throw new JsonSerializationException("The body is the JSON literal null.");
            }

            return value;
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException || ex is OverflowException || ex is ArgumentException)
        {
            var excerpt = response.Excerpt(ErrorMapper.MaxBodyExcerptBytes);
            throw new PostPressSerializationException(
                "The " + response.StatusCode + " response of " + operation.SpanName + " is not a valid " + typeof(T).Name + ": " + ex.Message
                + " Body starts: " + ErrorMapper.Excerpt(excerpt, 200),
                response.StatusCode,
                excerpt,
                ex);
        }
    }

    /// <summary>Whether <typeparamref name="T"/> is a union base (checked once per type).</summary>
    private static class TopLevelUnion<T>
    {
        public static readonly bool IsUnion = UnionJsonConverter.IsUnionBase(typeof(T));
    }

    [ThreadStatic]
    private static StringBuilder? _bodyBuilder;

    /// <summary>Serializes a request body to UTF-8 (synchronously, on a per-thread reusable builder).</summary>
    private static byte[] SerializeBody(object body)
    {
        var sb = _bodyBuilder ?? new StringBuilder(256);
        _bodyBuilder = null;
        sb.Clear();
        using (var text = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture))
        using (var writer = new JsonTextWriter(text) { ArrayPool = JsonCharPool.Instance })
        {
            Serializer.Serialize(writer, body);
        }

        // UTF-8 straight from the builder's characters (a pooled copy), without an intermediate string.
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(sb.Length);
        byte[] bytes;
        try
        {
            sb.CopyTo(0, chars, 0, sb.Length);
            bytes = Encoding.UTF8.GetBytes(chars, 0, sb.Length);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }

        if (sb.Capacity <= 64 * 1024)
        {
            _bodyBuilder = sb;
        }

        return bytes;
    }

    private Exception Translate(Exception exception, CallState state, CancellationToken callerToken, bool callCancelled)
    {
        var what = state.Operation.SpanName;
        var attempts = state.Attempt;
        if (exception is PostPressException)
        {
            return exception;
        }

        if (callerToken.IsCancellationRequested)
        {
            return exception is OperationCanceledException oce && oce.CancellationToken == callerToken
                ? exception
                : new OperationCanceledException(what + " was cancelled.", exception, callerToken);
        }

        if (_lifetime.IsDisposed)
        {
            return new OperationCanceledException(what + " was cancelled because the PostPressClient was disposed while the call was in flight.", exception, _lifetime.Token);
        }

        if (callCancelled)
        {
            return new PostPressTimeoutException(what + " did not complete within the overall timeout (" + _timeout + ") in " + attempts + " attempt(s).", exception);
        }

        switch (exception)
        {
            case TimeoutRejectedException timeout:
                return new PostPressTimeoutException(what + " did not complete within the attempt timeout (" + timeout.Timeout + ") in " + attempts + " attempt(s).", exception);
            case OperationCanceledException:
                return new PostPressTimeoutException(what + " was cancelled by the transport (timeout) after " + attempts + " attempt(s).", exception);
            case HttpRequestException:
            case IOException:
            case ObjectDisposedException:
                return new PostPressConnectionException(what + " failed after " + attempts + " attempt(s): " + exception.Message, exception);
            default:
                return exception;
        }
    }

    private ResiliencePipeline<BufferedResponse> BuildResilience(PostPressClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<BufferedResponse> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<BufferedResponse>
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
                    if (args.Outcome.Result is { } response && RetryAfterParser.Parse(response.Headers, options.TimeProvider.GetUtcNow()) is { } wait)
                    {
                        return new ValueTask<TimeSpan?>(wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait);
                    }

                    return new ValueTask<TimeSpan?>((TimeSpan?)null);
                },
                OnRetry = args =>
                {
                    var reason = args.Outcome.Result is { } r ? Telemetry.Status(r.StatusCode) : args.Outcome.Exception is { } e ? Telemetry.ErrorType(e) : "?";
                    Log.Retrying(_logger, args.AttemptNumber + 2, reason, (long)args.RetryDelay.TotalMilliseconds, null);
                    if (args.Context.Properties.TryGetValue(StateKey, out var state))
                    {
                        Telemetry.RecordRetry(state.Operation, _baseUri, reason);
                        ArmOverallTimeout(state);
                    }

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

    /// <summary>
    /// Which outcomes are retried. Any method: 429, 503 and failures to connect (nothing reached the API). Idempotent
    /// methods (GET) also: 504, attempt timeouts, broken connections and bodies that break off. A POST is not retried
    /// once it may have reached the provider, so an action is never performed twice.
    /// </summary>
    internal static bool ShouldRetry(Outcome<BufferedResponse> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested && outcome.Exception is OperationCanceledException && outcome.Exception is not TimeoutRejectedException)
        {
            return false;
        }

        var idempotent = context.Properties.TryGetValue(StateKey, out var state) && state.Operation.Idempotent;
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

    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout)
    {
#if NET8_0_OR_GREATER
        return new CancellationTokenSource(timeout, _resolved.Options.TimeProvider);
#else
        return System.Threading.Tasks.TimeProviderTaskExtensions.CreateCancellationTokenSource(_resolved.Options.TimeProvider, timeout);
#endif
    }

    /// <summary>Below this gap between the overall and the attempt timeout the overall timer is armed at the start.</summary>
    private static readonly TimeSpan LazyOverallMargin = TimeSpan.FromSeconds(1);

    /// <summary>Arms the overall timeout deferred by <see cref="SendCoreAsync"/> with the time left (before the retry's delay).</summary>
    private void ArmOverallTimeout(CallState state)
    {
        if (!state.OverallArmedLazily || state.CallSource is not { } source || _timeout is not { } overall)
        {
            return;
        }

        state.OverallArmedLazily = false;
        var left = overall - TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - state.Started) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        if (left <= TimeSpan.Zero)
        {
            source.Cancel();
        }
        else
        {
            source.CancelAfter(left);
        }
    }

    private static long ElapsedMs(long started) => (long)((Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency);

    /// <summary>The state of one call, shared by its attempts.</summary>
    private sealed class CallState
    {
        public CallState(PostPressPipeline pipeline, OperationInfo operation, Uri uri, byte[]? body)
        {
            Pipeline = pipeline;
            Operation = operation;
            Uri = uri;
            Body = body;
        }

        public PostPressPipeline Pipeline { get; }

        public OperationInfo Operation { get; }

        public Uri Uri { get; }

        public byte[]? Body { get; }

        public int Attempt { get; set; }

        public CancellationToken CallToken { get; set; }

        /// <summary>Gets or sets the call's token source (overall timeout, caller, client lifetime).</summary>
        public CancellationTokenSource? CallSource { get; set; }

        /// <summary>Gets or sets a value indicating whether the overall timeout waits for the first retry to be armed.</summary>
        public bool OverallArmedLazily { get; set; }

        /// <summary>Gets or sets when the call started (<see cref="Stopwatch.GetTimestamp"/>), for a lazily armed overall timeout.</summary>
        public long Started { get; set; }
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

/// <summary>Json.NET's char buffers from the shared pool.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static readonly JsonCharPool Instance = new();

    public char[] Rent(int minimumLength) => System.Buffers.ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(array);
        }
    }
}

/// <summary>
/// Sends an attempt: through the SDK's own handler (no redirects followed) or through a caller-supplied
/// <see cref="HttpClient"/> (asked for on every request when it comes from a factory).
/// </summary>
internal sealed class ClientTransport : IDisposable
{
    private readonly HttpMessageInvoker? _owned;
    private readonly Func<HttpClient>? _factory;

    private ClientTransport(HttpMessageInvoker? owned, Func<HttpClient>? factory)
    {
        _owned = owned;
        _factory = factory;
    }

    public static ClientTransport Owned(HttpMessageHandler handler) => new(new HttpMessageInvoker(handler, disposeHandler: true), null);

    public static ClientTransport FromFactory(Func<HttpClient> factory) => new(null, factory);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_owned is not null)
        {
            return _owned.SendAsync(request, cancellationToken);
        }

        var client = _factory!() ?? throw new ArgumentException(
            "The HttpClient factory given to PostPressClient returned null.", "httpClientFactory");
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _owned?.Dispose();
}

/// <summary>
/// The lifetime a client shares with the clients derived from it by <see cref="PostPressClient.WithOptions"/>:
/// disposing the root cancels the calls in flight and makes later calls throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class ClientLifetime : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly ClientLifetime? _parent;
    private int _disposed;

    public ClientLifetime(ClientLifetime? parent = null)
    {
        _parent = parent;
    }

    public CancellationToken Token => _parent?.Token ?? _source.Token;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0 || (_parent?.IsDisposed ?? false);

    public void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(nameof(PostPressClient), "This PostPressClient (or the client it was derived from with WithOptions) has been disposed.");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_parent is null)
        {
            _source.Cancel();
        }
    }
}
