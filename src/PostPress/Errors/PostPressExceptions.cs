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
/// <remarks>
/// Everything here came from the server and is untrusted. When the client builds the exception, the API key is
/// replaced by <c>[REDACTED]</c> wherever the server echoed it (<see cref="Title"/>, <see cref="Detail"/>,
/// <see cref="Instance"/>, <see cref="ErrorType"/>, <see cref="RawBody"/>, <see cref="Headers"/>); otherwise those
/// properties keep the text exactly as it came, control characters included: escape it before writing it anywhere.
/// <see cref="Exception.Message"/> quotes it already escaped (control, DEL, C1, U+2028/U+2029 and bidi characters and
/// lone surrogates as <c>\r</c>, <c>\n</c>, <c>\u001B</c>…; long fields cut with <c>…</c>).
/// </remarks>
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
        // Server text is quoted with its control and bidi characters escaped (and long fields cut), so a body cannot
        // forge a log line through this message. The details keep the text as it came (the key aside).
        var message = new System.Text.StringBuilder("PostPress API error ").Append(d.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (d.ErrorType is { } type && !string.IsNullOrEmpty(type.ToString()))
        {
            message.Append(' ').Append(ServerText.Neutralize(type.ToString(), MaxQuotedType));
        }

        if (!string.IsNullOrEmpty(d.Title))
        {
            message.Append(' ').Append(ServerText.Neutralize(d.Title, MaxQuotedTitle));
        }

        if (!string.IsNullOrEmpty(d.Detail))
        {
            message.Append(": ").Append(ServerText.Neutralize(d.Detail, MaxQuotedDetail));
        }

        if (!string.IsNullOrEmpty(d.Instance))
        {
            message.Append(" (request ").Append(ServerText.Neutralize(d.Instance, MaxQuotedType)).Append(')');
        }

        if (d.Problem is { } problem)
        {
            message.Append(". ").Append(ServerText.Neutralize(problem, MaxQuotedDetail));
        }

        return message.ToString();
    }

    private const int MaxQuotedType = 256;
    private const int MaxQuotedTitle = 512;
    private const int MaxQuotedDetail = 2048;
}

/// <summary>What an error response said. Built by the client; exposed by <see cref="PostPressApiException.Details"/>.</summary>
/// <remarks>
/// Built by the client, the server-supplied properties (<see cref="ErrorType"/>, <see cref="Title"/>,
/// <see cref="Detail"/>, <see cref="Instance"/>, <see cref="RawBody"/>, <see cref="Headers"/>) have the API key
/// replaced by <c>[REDACTED]</c> and are otherwise the text as the server sent it (control characters included);
/// <see cref="Problem"/> is the client's own description, quoting the body with control characters escaped. The
/// constructor stores what it is given as is.
/// </remarks>
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
    /// Why the body was not a well-formed problem-details document, as sentences joined by <c>". "</c>: empty, not
    /// JSON (with the parser's reason, e.g. nesting deeper than 64), JSON but not an object, no <c>title</c> or
    /// <c>type</c>, a member of the wrong JSON type or given twice, a <c>status</c> that is not an integer in range
    /// 100-599 (the HTTP status is used) or that disagrees with the HTTP status (the HTTP status is used);
    /// <see langword="null"/> when it was well-formed. Quotes of the body in it have control characters escaped.
    /// </summary>
    public string? Problem { get; }

    /// <summary>The <c>status</c> field of the body, when it had one that is an integer in range 100-599.</summary>
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
/// <remarks>
/// The message is stored with control, DEL, C1, U+2028/U+2029 and bidi characters and lone surrogates escaped
/// (<c>\r</c>, <c>\n</c>, <c>\u001B</c>…), since it quotes the body. When the client builds it, the API key is replaced by
/// <c>[REDACTED]</c> in the message, in <see cref="BodyExcerpt"/> and in the inner exception's message;
/// <see cref="BodyExcerpt"/> is otherwise the body as it came.
/// </remarks>
public class PostPressSerializationException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong; control characters in it are escaped.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="bodyExcerpt">The start of the body (at most 8 KiB).</param>
    /// <param name="innerException">The parser's error.</param>
    public PostPressSerializationException(string message, int statusCode, string bodyExcerpt, Exception? innerException = null)
        : base(ServerText.Neutralize(message, int.MaxValue), innerException)
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
