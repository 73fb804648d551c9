using System;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PostPress;

/// <summary>
/// Settings of a <see cref="PostPressClient"/>: credentials, base address, retries, timeouts and diagnostics.
/// Every property has a usable default except <see cref="ApiKey"/>, which falls back to the
/// <c>POSTPRESS_API_KEY</c> environment variable.
/// </summary>
/// <remarks>
/// The options are copied when a client is created, so changing an instance afterwards does not affect clients
/// already built from it. <see cref="ToString"/> never prints the API key.
/// </remarks>
public sealed class PostPressClientOptions
{
    /// <summary>The default base address: the one every example request of the API reference calls.</summary>
    public const string DefaultBaseUrl = "https://api.postpress.ai/api/v1";

    /// <summary>The base address shown in the title line of the API reference pages (see README, decision 1).</summary>
    public const string AlternateBaseUrl = "https://api.postpress.ai/v1";

    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "POSTPRESS_API_KEY";

    /// <summary>The configuration section <c>AddPostPress</c> binds by default.</summary>
    public const string DefaultConfigurationSectionName = "PostPress";

    /// <summary>Creates options with every default; the API key is then read from <c>POSTPRESS_API_KEY</c>.</summary>
    public PostPressClientOptions()
    {
    }

    /// <summary>Creates options with the given API key.</summary>
    /// <param name="apiKey">The API key from the postpress dashboard.</param>
    public PostPressClientOptions(string apiKey)
    {
        ApiKey = apiKey;
    }

    /// <summary>
    /// The API key sent in the <c>X-API-KEY</c> header. When <see langword="null"/>, the client reads the
    /// <c>POSTPRESS_API_KEY</c> environment variable. Never logged and never part of an exception message.
    /// </summary>
    [Newtonsoft.Json.JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    [System.Xml.Serialization.XmlIgnore]
    [System.Runtime.Serialization.IgnoreDataMember]
    public string? ApiKey { get; set; }

    /// <summary>
    /// The base address the operation paths are appended to. Defaults to <see cref="DefaultBaseUrl"/>. It must be
    /// <c>https</c>, except for a loopback host (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>[::1]</c>: a local mock or the
    /// sandbox) or when <see cref="AllowInsecureTransport"/> is set; it must not carry <c>user:password@</c>.
    /// </summary>
    public Uri BaseUri { get; set; } = new Uri(DefaultBaseUrl);

    /// <summary>
    /// Allows a plain <c>http://</c> <see cref="BaseUri"/> to a host that is not loopback. The API key then travels
    /// unencrypted: use it only on a network you trust (for example a TLS-terminating proxy on the same host).
    /// Default <see langword="false"/>.
    /// </summary>
    public bool AllowInsecureTransport { get; set; }

    /// <summary>
    /// The largest response body the client reads, in bytes (the body is read into memory before it is parsed).
    /// A larger one ends the call with a <see cref="PostPressResponseTooLargeException"/>: before reading when
    /// <c>Content-Length</c> announces it, otherwise once one byte more than the cap has arrived. The memory held grows
    /// with the bytes received (pooled arrays of 16 KiB doubling up to 1 MiB), never with the declared length.
    /// Default 64 MiB; at most 1 GiB.
    /// </summary>
    public long MaxResponseSize { get; set; } = DefaultMaxResponseSize;

    /// <summary>The default of <see cref="MaxResponseSize"/>: 64 MiB.</summary>
    public const long DefaultMaxResponseSize = 64L * 1024 * 1024;

    /// <summary>
    /// How many times a failed attempt is retried (so at most <c>MaxRetries + 1</c> attempts). Default 2; 0 disables
    /// retries. Which failures are retried is described in the README ("Retries").
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The base delay of the exponential back-off (with jitter) between attempts. Default 500 ms.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait between two attempts, including a wait asked for by a <c>Retry-After</c> header, which is
    /// capped to this value. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The time one attempt may take, from sending the request to the end of the response body; <see langword="null"/>
    /// for no limit. Default 30 s, or <see cref="Timeout"/> when that is shorter. A value you set must not be longer
    /// than <see cref="Timeout"/> (an <see cref="ArgumentException"/> when the client is created). An attempt that times
    /// out may be retried; if none succeeds a <see cref="PostPressTimeoutException"/> is thrown.
    /// </summary>
    public TimeSpan? AttemptTimeout
    {
        get => _attemptTimeout;
        set
        {
            _attemptTimeout = value;
            _attemptTimeoutSet = true;
        }
    }

    private TimeSpan? _attemptTimeout = TimeSpan.FromSeconds(30);
    private bool _attemptTimeoutSet;

    /// <summary>
    /// The time a whole call may take, all attempts and waits included; <see langword="null"/> for no limit.
    /// Default 100 s. When it elapses a <see cref="PostPressTimeoutException"/> is thrown.
    /// </summary>
    public TimeSpan? Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// An optional application id appended to the <c>User-Agent</c> header
    /// (<c>postpress-dotnet/1.2.3 my-app</c>). Must be a valid user-agent product token: printable ASCII, no line
    /// breaks or other control characters, at most 8,192 characters (checked when the client is created).
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// Where the client logs each attempt (method, path, status, attempt, duration, request id). Optional. The API
    /// key and the request headers are never logged.
    /// </summary>
    [Newtonsoft.Json.JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    [System.Xml.Serialization.XmlIgnore]
    [System.Runtime.Serialization.IgnoreDataMember]
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock used for back-off delays and timeouts. Tests can inject a fake one.</summary>
    [Newtonsoft.Json.JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    [System.Xml.Serialization.XmlIgnore]
    [System.Runtime.Serialization.IgnoreDataMember]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Per-account pacing of the operations that name an account (<c>account_id</c>): at most N calls per window, a
    /// minimum spacing with jitter, a concurrency cap, and a pause for an account the API answers 429 for (that account
    /// only). <see langword="null"/> (default): no pacing, and nothing of it on the per-call path. The SDK ships no
    /// limits: the policies and their numbers are yours (README, "Provider limits"). Pacing waits count against
    /// <see cref="Timeout"/>, not <see cref="AttemptTimeout"/>; each attempt, retries included, is paced.
    /// </summary>
    [Newtonsoft.Json.JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    [System.Xml.Serialization.XmlIgnore]
    [System.Runtime.Serialization.IgnoreDataMember]
    public PostPressPacingOptions? Pacing { get; set; }

    /// <summary>
    /// Retries a write whose outcome is unknown (the request was sent, then the attempt timed out, the connection broke,
    /// or the API answered 504) when the operation makes a duplicate detectable (<c>x-postpress-duplicate-error</c> in
    /// the spec, e.g. the LinkedIn user action's <c>errors/action_already_performed</c>). A retry answered with that
    /// error ends the call with <see cref="PostPressActionAlreadyPerformedException"/>: the first attempt did it.
    /// Default <see langword="false"/>: such a write is not retried and the call throws
    /// <see cref="PostPressUnknownOutcomeException"/>.
    /// </summary>
    public bool RetryUnknownOutcomes { get; set; }

    /// <summary>
    /// What a 2xx response that carries fields, enum values or union variants this SDK does not know (schema drift)
    /// does: <see cref="PostPressResponseValidation.Report"/> (default) logs each drift once per model and field and
    /// counts it on <c>postpress.client.schema_drift</c>, keeping the data; <see cref="PostPressResponseValidation.Strict"/>
    /// throws a <see cref="PostPressSerializationException"/> naming it; <see cref="PostPressResponseValidation.Off"/>
    /// checks nothing (README, "Schema drift").
    /// </summary>
    public PostPressResponseValidation ResponseValidation { get; set; } = PostPressResponseValidation.Report;

    /// <summary>Returns a copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public PostPressClientOptions Clone() => (PostPressClientOptions)MemberwiseClone();

    /// <summary>
    /// Describes the options without the API key: <c>ApiKey = (set)</c> when <see cref="ApiKey"/> is set,
    /// <c>(set, from POSTPRESS_API_KEY)</c> when it is not but the key comes from the environment variable (for the
    /// options a client resolved: the key it uses; otherwise: the variable is set now), else <c>(not set)</c>.
    /// </summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "PostPressClientOptions {{ BaseUri = {0}, ApiKey = {1}, MaxRetries = {2}, AttemptTimeout = {3}, Timeout = {4} }}",
        SafeUri(BaseUri),
        DescribeApiKey(),
        MaxRetries,
        AttemptTimeout?.ToString() ?? "none",
        Timeout?.ToString() ?? "none");

    /// <summary>Whether the key of these (resolved) options came from <c>POSTPRESS_API_KEY</c>.</summary>
    private bool _apiKeyFromEnvironment;

    private string DescribeApiKey()
    {
        if (ApiKey is not null)
        {
            return ApiKey.Length == 0 ? "(not set)" : "(set)";
        }

        if (_apiKeyFromEnvironment || !string.IsNullOrWhiteSpace(ReadEnvironment()))
        {
            return "(set, from " + ApiKeyEnvironmentVariable + ")";
        }

        return "(not set)";
    }

    private static string? ReadEnvironment()
    {
        try
        {
            return Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
        }
        catch (System.Security.SecurityException)
        {
            // ToString must not throw; a sandbox that forbids reading the environment gives no key.
            return null;
        }
    }

    private static string SafeUri(Uri? uri) =>
        uri is null ? "(null)" : !uri.IsAbsoluteUri || uri.UserInfo.Length == 0 ? uri.ToString() : new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();

    /// <summary>Checks every value and resolves the API key, throwing an <see cref="ArgumentException"/> naming the bad one.</summary>
    internal ResolvedOptions Resolve(Func<string, string?>? environment = null)
    {
        var apiKey = ApiKey;
        var fromEnvironment = false;
        if (apiKey is null)
        {
            apiKey = (environment ?? Environment.GetEnvironmentVariable)(ApiKeyEnvironmentVariable);
            fromEnvironment = true;
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException(
                "An API key is required: set PostPressClientOptions.ApiKey or the POSTPRESS_API_KEY environment variable.",
                nameof(ApiKey));
        }

        CheckApiKeyCharacters(apiKey!, nameof(ApiKey));

        if (BaseUri is null || !BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("BaseUri must be an absolute http or https address.", nameof(BaseUri));
        }

        if (BaseUri.UserInfo.Length > 0)
        {
            // Not echoed: the user-info part is a credential.
            throw new ArgumentException("BaseUri must not contain user information (user:password@); authenticate with the API key.", nameof(BaseUri));
        }

        if (!string.IsNullOrEmpty(BaseUri.Query) || !string.IsNullOrEmpty(BaseUri.Fragment))
        {
            throw new ArgumentException("BaseUri must not have a query string or a fragment.", nameof(BaseUri));
        }

        if (BaseUri.Scheme == Uri.UriSchemeHttp && !BaseUri.IsLoopback && !AllowInsecureTransport)
        {
            throw new ArgumentException(
                "BaseUri uses plain http to a host that is not loopback (" + BaseUri.Host + "): the API key would travel unencrypted. " +
                "Use https, or set AllowInsecureTransport = true if the network is trusted.",
                nameof(BaseUri));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider), "TimeProvider must not be null; use TimeProvider.System.");
        }

        if (MaxResponseSize < 1 || MaxResponseSize > 1024L * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseSize), MaxResponseSize, "MaxResponseSize must be between 1 byte and 1 GiB.");
        }

        if (MaxRetries < 0 || MaxRetries > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be between 0 and 10.");
        }

        CheckPositive(InitialRetryDelay, nameof(InitialRetryDelay), allowZero: true);
        CheckPositive(MaxRetryDelay, nameof(MaxRetryDelay), allowZero: true);
        if (AttemptTimeout is { } attempt)
        {
            CheckPositive(attempt, nameof(AttemptTimeout), allowZero: false);
        }

        if (Timeout is { } overall)
        {
            CheckPositive(overall, nameof(Timeout), allowZero: false);
        }

        Pacing?.Validate();

        if (ResponseValidation is not (PostPressResponseValidation.Off or PostPressResponseValidation.Report or PostPressResponseValidation.Strict))
        {
            throw new ArgumentOutOfRangeException(nameof(ResponseValidation), ResponseValidation, "ResponseValidation must be Off, Report or Strict.");
        }

        var resolved = this.Clone();
        resolved._apiKeyFromEnvironment = fromEnvironment;
        if (AttemptTimeout is { } a && Timeout is { } o && a > o)
        {
            if (_attemptTimeoutSet)
            {
                throw new ArgumentException("AttemptTimeout (" + a + ") must not be longer than Timeout (" + o + "), which covers every attempt.", nameof(AttemptTimeout));
            }

            // The default attempt timeout yields to a shorter overall timeout.
            resolved._attemptTimeout = o;
        }

        // Sent in the User-Agent header: the header-value rules first (no CR/LF or other control character, ASCII,
        // well-formed, length cap), then the product-token grammar.
        Validate.HeaderValue("User-Agent", ApplicationId, nameof(ApplicationId));
        if (ApplicationId is { Length: > 0 } appId && !System.Net.Http.Headers.ProductInfoHeaderValue.TryParse(appId, out _))
        {
            throw new ArgumentException("ApplicationId must be a valid User-Agent product token such as 'my-app/1.0'.", nameof(ApplicationId));
        }

        return new ResolvedOptions(resolved, apiKey!);
    }

    /// <summary>
    /// The rules of a key, the client's or a call's (<see cref="PostPressRequestOptions.ApiKey"/>): visible ASCII only,
    /// within the header-value length cap. The message never shows the key.
    /// </summary>
    internal static void CheckApiKeyCharacters(string apiKey, string paramName)
    {
        foreach (var c in apiKey)
        {
            if (c < 0x21 || c > 0x7E)
            {
                throw new ArgumentException("The API key contains characters that cannot be sent in an HTTP header.", paramName);
            }
        }

        // The length cap of every header value (the message does not show the value).
        Validate.HeaderValue("X-API-KEY", apiKey, paramName);
    }

    internal static void CheckPositive(TimeSpan value, string name, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(name, value, name + " must be " + (allowZero ? "zero or more" : "more than zero") + " and at most one hour.");
        }
    }
}

/// <summary>A validated snapshot of <see cref="PostPressClientOptions"/> with the API key resolved.</summary>
internal sealed class ResolvedOptions
{
    public ResolvedOptions(PostPressClientOptions options, string apiKey)
    {
        Options = options;
        ApiKey = apiKey;
    }

    public PostPressClientOptions Options { get; }

    /// <summary>The key. Only the transport reads it, to set the header.</summary>
    public string ApiKey { get; }

    public override string ToString() => Options.ToString();
}
