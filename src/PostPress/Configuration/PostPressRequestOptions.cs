using System;
using System.Collections.Generic;
using System.Globalization;

namespace PostPress;

/// <summary>
/// Settings of one call that differ from the client's: extra headers, the overall and the attempt timeout, the
/// number of retries and the API key. Pass it to the overload of an operation that takes a
/// <c>requestOptions</c> argument (before the <see cref="System.Threading.CancellationToken"/>); what you leave unset
/// (<see langword="null"/>) is the client's (<see cref="PostPressClientOptions"/>).
/// </summary>
/// <remarks>
/// <para>
/// Everything is checked when the call starts, before anything is sent: a bad value throws an
/// <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) naming the property (<c>requestOptions.Timeout</c>, ...).
/// <see cref="AddHeader"/> also checks its header at once. The call reads the options when it starts; changing them
/// afterwards does not affect a call in flight, so one instance may be reused by several calls.
/// </para>
/// <para>
/// Cancellation stays the operation's <see cref="System.Threading.CancellationToken"/> argument: there is no token
/// here, so there is one way to cancel a call.
/// </para>
/// </remarks>
public sealed class PostPressRequestOptions
{
    /// <summary>The highest <see cref="MaxRetries"/> a call may ask for (the client's own limit, too).</summary>
    public const int MaxRetriesLimit = 10;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-API-KEY", "Accept", "Content-Type", "Content-Length", "Host", "User-Agent",
    };

    /// <summary>The argument of the operations that takes these options, in the names of the exceptions.</summary>
    private const string Param = "requestOptions.";

    private readonly List<KeyValuePair<string, string>> _headers = new();

    /// <summary>
    /// The headers added to the call's request (in the order added; a name added twice is sent twice). Set them with
    /// <see cref="AddHeader"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>
    /// The overall timeout of the call, over every attempt and retry delay, instead of
    /// <see cref="PostPressClientOptions.Timeout"/>; more than zero and at most one hour. <see langword="null"/> (the
    /// default) keeps the client's. When it runs out the call throws <see cref="PostPressTimeoutException"/>.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// The timeout of each attempt, instead of <see cref="PostPressClientOptions.AttemptTimeout"/>; more than zero,
    /// at most one hour and not longer than the call's overall timeout (this <see cref="Timeout"/>, else the
    /// client's). <see langword="null"/> (the default) keeps the client's (bounded by a shorter per-call
    /// <see cref="Timeout"/>, which covers every attempt anyway).
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// How many times a failed attempt of the call is retried, instead of <see cref="PostPressClientOptions.MaxRetries"/>:
    /// 0 (no retry) to <see cref="MaxRetriesLimit"/>. <see langword="null"/> (the default) keeps the client's. Which
    /// outcomes are retried does not change (a write that may have been performed is still not retried).
    /// </summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// The API key of the call, sent instead of the client's (for example, to act for another account). The same rules
    /// as <see cref="PostPressClientOptions.ApiKey"/>: visible ASCII, not empty. It is sent to the client's
    /// <see cref="PostPressClientOptions.BaseUri"/> (so the client's https rule holds), never logged, never shown by
    /// <see cref="ToString"/>, and redacted from whatever the server sends back. <see langword="null"/> (the default)
    /// keeps the client's key.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Adds a header to the call's request. The name must be an HTTP token and not one the SDK sets itself
    /// (<c>X-API-KEY</c>, <c>Accept</c>, <c>Content-Type</c>, <c>Content-Length</c>, <c>Host</c>, <c>User-Agent</c>);
    /// the value must be ASCII without line breaks or other control characters (no header injection).
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The header value (may be empty).</param>
    /// <returns>These options, to chain calls.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name or the value breaks the rules above (the message does not show the value).</exception>
    public PostPressRequestOptions AddHeader(string name, string value)
    {
        CheckHeader(name, value);
        _headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>
    /// Describes the options without the API key or header values: <c>ApiKey = (set)</c> when a key is set, and the
    /// header names only (a value may be a credential).
    /// </summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString()
    {
        var names = new List<string>(_headers.Count);
        foreach (var header in _headers)
        {
            names.Add(header.Key);
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "PostPressRequestOptions {{ ApiKey = {0}, MaxRetries = {1}, AttemptTimeout = {2}, Timeout = {3}, Headers = [{4}] }}",
            ApiKey is null ? "(client's)" : "(set)",
            MaxRetries?.ToString(CultureInfo.InvariantCulture) ?? "(client's)",
            AttemptTimeout?.ToString() ?? "(client's)",
            Timeout?.ToString() ?? "(client's)",
            string.Join(", ", names));
    }

    /// <summary>
    /// Checks every setting against the client's (all of them, before anything is sent) and returns a snapshot the
    /// call uses, so later changes to these options do not reach a call in flight.
    /// </summary>
    internal CallOptions Resolve(PostPressClientOptions client)
    {
        // Exceptions name the argument and the property (requestOptions.MaxRetries), like an operation's options object.
        if (ApiKey is { } key)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("The per-call API key must not be empty; leave ApiKey null to use the client's key.", Param + nameof(ApiKey));
            }

            PostPressClientOptions.CheckApiKeyCharacters(key, Param + nameof(ApiKey));
        }

        if (MaxRetries is { } retries && (retries < 0 || retries > MaxRetriesLimit))
        {
            throw new ArgumentOutOfRangeException(Param + nameof(MaxRetries), retries, "MaxRetries must be between 0 and " + MaxRetriesLimit.ToString(CultureInfo.InvariantCulture) + ".");
        }

        if (Timeout is { } overall)
        {
            PostPressClientOptions.CheckPositive(overall, Param + nameof(Timeout), allowZero: false);
        }

        if (AttemptTimeout is { } attempt)
        {
            PostPressClientOptions.CheckPositive(attempt, Param + nameof(AttemptTimeout), allowZero: false);
            if ((Timeout ?? client.Timeout) is { } bound && attempt > bound)
            {
                throw new ArgumentException("AttemptTimeout (" + attempt + ") must not be longer than the call's overall timeout (" + bound + "), which covers every attempt.", Param + nameof(AttemptTimeout));
            }
        }

        List<KeyValuePair<string, string>>? headers = null;
        if (_headers.Count > 0)
        {
            headers = new List<KeyValuePair<string, string>>(_headers.Count);
            foreach (var header in _headers)
            {
                // Already checked by AddHeader; checked again so the rule is stated in one place at call time.
                CheckHeader(header.Key, header.Value);
                headers.Add(header);
            }
        }

        return new CallOptions(ApiKey, headers, Timeout, AttemptTimeout, MaxRetries);
    }

    private static void CheckHeader(string name, string value)
    {
        Validate.HeaderName(name, nameof(name));
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "The value of the " + name + " header is required (use an empty string for an empty value).");
        }

        if (ReservedHeaders.Contains(name))
        {
            throw new ArgumentException("The header " + name + " is set by the SDK itself and cannot be added per call (use ApiKey for a per-call key).", nameof(name));
        }

        Validate.HeaderValue(name, value, nameof(value));
    }
}

/// <summary>A validated snapshot of <see cref="PostPressRequestOptions"/> for one call (<see cref="PostPressPipeline"/>).</summary>
internal sealed class CallOptions
{
    public CallOptions(string? apiKey, List<KeyValuePair<string, string>>? headers, TimeSpan? timeout, TimeSpan? attemptTimeout, int? maxRetries)
    {
        ApiKey = apiKey;
        Headers = headers;
        Timeout = timeout;
        AttemptTimeout = attemptTimeout;
        MaxRetries = maxRetries;
    }

    /// <summary>The call's key, or <see langword="null"/> for the client's.</summary>
    public string? ApiKey { get; }

    /// <summary>The extra headers (validated), or <see langword="null"/>.</summary>
    public List<KeyValuePair<string, string>>? Headers { get; }

    public TimeSpan? Timeout { get; }

    public TimeSpan? AttemptTimeout { get; }

    public int? MaxRetries { get; }

    /// <summary>Never shows the key.</summary>
    public override string ToString() => "CallOptions";
}
