using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PostPress;

/// <summary>The base of every exception the PostPress client throws for a failed call (argument errors aside).</summary>
public class PostPressException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public PostPressException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The API answered with an error status. Carries the HTTP status, the problem-details fields
/// (<see cref="ErrorType"/>, <see cref="Title"/>, <see cref="Detail"/>, <see cref="Instance"/>), the raw body (an
/// excerpt of at most 8 KiB), the response headers and <see cref="RetryAfter"/>. Documented statuses have a
/// subclass each (<see cref="RateLimitException"/>, <see cref="NotFoundException"/>, …); any other status is an
/// instance of this class.
/// </summary>
public class PostPressApiException : PostPressException
{
    /// <summary>Creates the exception from a parsed error response.</summary>
    /// <param name="details">What the response said.</param>
    public PostPressApiException(PostPressErrorDetails details)
        : base(BuildMessage(details ?? throw new ArgumentNullException(nameof(details))))
    {
        Details = details;
    }

    /// <summary>Everything the error response said.</summary>
    public PostPressErrorDetails Details { get; }

    /// <summary>The HTTP status code of the response.</summary>
    public int StatusCode => Details.StatusCode;

    /// <summary>
    /// The problem-details <c>type</c>, e.g. <see cref="PostPress.Models.ErrorType.DisconnectedAccount"/>; codes this SDK
    /// does not know are preserved as they came. <see langword="null"/> when the body had no usable <c>type</c>.
    /// </summary>
    public ErrorType? ErrorType => Details.ErrorType;

    /// <summary>The problem-details <c>title</c>, if any.</summary>
    public string? Title => Details.Title;

    /// <summary>The problem-details <c>detail</c>, if any.</summary>
    public string? Detail => Details.Detail;

    /// <summary>The problem-details <c>instance</c>: the request identifier to give postpress support.</summary>
    public string? Instance => Details.Instance;

    /// <summary>The response body (at most the first 8 KiB), or an empty string when there was none.</summary>
    public string RawBody => Details.RawBody;

    /// <summary>The response headers (and content headers), by name, case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => Details.Headers;

    /// <summary>How long the server asked to wait before retrying (<c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;

    private static string BuildMessage(PostPressErrorDetails d)
    {
        var parts = new List<string> { "PostPress API error " + d.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (d.ErrorType is { } type)
        {
            parts.Add(type.ToString());
        }

        if (!string.IsNullOrEmpty(d.Title))
        {
            parts.Add(d.Title!);
        }

        var message = string.Join(" ", parts);
        if (!string.IsNullOrEmpty(d.Detail))
        {
            message += ": " + d.Detail;
        }

        if (!string.IsNullOrEmpty(d.Instance))
        {
            message += " (request " + d.Instance + ")";
        }

        if (d.Problem is { } problem)
        {
            message += ". " + problem;
        }

        return message;
    }
}

/// <summary>What an error response said. Built by the client; exposed by <see cref="PostPressApiException.Details"/>.</summary>
public sealed class PostPressErrorDetails
{
    /// <summary>Creates the details.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorType">The problem-details <c>type</c>.</param>
    /// <param name="title">The problem-details <c>title</c>.</param>
    /// <param name="detail">The problem-details <c>detail</c>.</param>
    /// <param name="instance">The problem-details <c>instance</c>.</param>
    /// <param name="rawBody">The body excerpt.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="retryAfter">The parsed <c>Retry-After</c>.</param>
    /// <param name="problem">Why the body could not be read as problem details, if it could not.</param>
    /// <param name="bodyStatus">The <c>status</c> field of the body, when present.</param>
    public PostPressErrorDetails(
        int statusCode,
        ErrorType? errorType,
        string? title,
        string? detail,
        string? instance,
        string rawBody,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? headers,
        TimeSpan? retryAfter,
        string? problem = null,
        int? bodyStatus = null)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        Title = title;
        Detail = detail;
        Instance = instance;
        RawBody = rawBody ?? string.Empty;
        Headers = headers ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        RetryAfter = retryAfter;
        Problem = problem;
        BodyStatus = bodyStatus;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The problem-details <c>type</c>.</summary>
    public ErrorType? ErrorType { get; }

    /// <summary>The problem-details <c>title</c>.</summary>
    public string? Title { get; }

    /// <summary>The problem-details <c>detail</c>.</summary>
    public string? Detail { get; }

    /// <summary>The problem-details <c>instance</c> (request id).</summary>
    public string? Instance { get; }

    /// <summary>The body excerpt (at most 8 KiB).</summary>
    public string RawBody { get; }

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>The parsed <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Why the body was not a well-formed problem-details document (not JSON, truncated, empty, or a <c>status</c>
    /// that disagrees with the HTTP status); <see langword="null"/> when it was.
    /// </summary>
    public string? Problem { get; }

    /// <summary>The <c>status</c> field of the body, when it had one.</summary>
    public int? BodyStatus { get; }
}

/// <summary>The server could not be reached or the connection broke (DNS, refused, reset, truncated response).</summary>
public class PostPressConnectionException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The transport failure.</param>
    public PostPressConnectionException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// An attempt or the whole call took longer than <see cref="PostPressClientOptions.AttemptTimeout"/> or
/// <see cref="PostPressClientOptions.Timeout"/>. A cancellation asked for by the caller's token is not a timeout: it
/// stays an <see cref="OperationCanceledException"/>.
/// </summary>
public class PostPressTimeoutException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">The underlying cancellation or timeout.</param>
    public PostPressTimeoutException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// A success response whose body is not what the API documents (malformed or truncated JSON, missing required
/// fields, wrong types, empty body). Carries the status and an excerpt of the body.
/// </summary>
public class PostPressSerializationException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="bodyExcerpt">The start of the body (at most 8 KiB).</param>
    /// <param name="innerException">The parser's error.</param>
    public PostPressSerializationException(string message, int statusCode, string bodyExcerpt, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        BodyExcerpt = bodyExcerpt ?? string.Empty;
    }

    /// <summary>The HTTP status of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The start of the body (at most 8 KiB).</summary>
    public string BodyExcerpt { get; }
}

/// <summary>
/// A paged listing cannot go on: the server returned a cursor it had already returned, or too many empty pages in a
/// row while still returning a cursor.
/// </summary>
public class PostPressPaginationException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the server did.</param>
    public PostPressPaginationException(string message) : base(message) { }
}

/// <summary>
/// The server answered with a redirect (3xx). The SDK never follows redirects: following one would send the API key
/// (and a POST body) to wherever the <c>Location</c> header points. A redirect usually means a wrong
/// <see cref="PostPressClientOptions.BaseUri"/> (for example <c>http</c> instead of <c>https</c>, or a path without
/// <c>/api/v1</c>). Also thrown when a caller-supplied <see cref="System.Net.Http.HttpClient"/> followed a redirect to
/// another origin on its own (the key may then already have been sent: turn off its <c>AllowAutoRedirect</c>).
/// </summary>
public class PostPressRedirectException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="statusCode">The redirect status (301, 302, 303, 307, 308…), or 0 when the redirect was followed by the caller's HTTP client.</param>
    /// <param name="location">Where the server redirected to (scheme, host, port and path; the query string is dropped), or <see langword="null"/>.</param>
    public PostPressRedirectException(string message, int statusCode, Uri? location) : base(message)
    {
        StatusCode = statusCode;
        Location = location;
    }

    /// <summary>The redirect status (301, 302, 303, 307, 308…), or 0 when the caller's HTTP client followed it.</summary>
    public int StatusCode { get; }

    /// <summary>The redirect target without its query string, or <see langword="null"/> when the response had no usable <c>Location</c>.</summary>
    public Uri? Location { get; }
}

/// <summary>
/// A response body was larger than <see cref="PostPressClientOptions.MaxResponseSize"/>; reading stopped at the cap
/// (or before reading, when <c>Content-Length</c> announced it).
/// </summary>
public class PostPressResponseTooLargeException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="maxResponseSize">The cap, in bytes.</param>
    /// <param name="contentLength">The announced <c>Content-Length</c>, or <see langword="null"/>.</param>
    public PostPressResponseTooLargeException(int statusCode, long maxResponseSize, long? contentLength)
        : base("The " + statusCode + " response body is larger than MaxResponseSize (" + maxResponseSize + " bytes"
            + (contentLength is { } n ? "; Content-Length: " + n : string.Empty) + "). Raise PostPressClientOptions.MaxResponseSize if this is expected.")
    {
        StatusCode = statusCode;
        MaxResponseSize = maxResponseSize;
        ContentLength = contentLength;
    }

    /// <summary>The HTTP status of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The cap that was exceeded, in bytes.</summary>
    public long MaxResponseSize { get; }

    /// <summary>The announced <c>Content-Length</c>, or <see langword="null"/> when the body was streamed without one.</summary>
    public long? ContentLength { get; }
}
