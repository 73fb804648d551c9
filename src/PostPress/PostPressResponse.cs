using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;

namespace PostPress;

/// <summary>
/// The HTTP side of a successful call: status, headers and request id. Returned, with the typed value, by the
/// <c>…WithResponseAsync</c> twin of every operation (for example
/// <see cref="IUsersResource.GetMeWithResponseAsync(string, System.Threading.CancellationToken)"/>), so the common path that returns only the value pays nothing
/// for it.
/// </summary>
/// <remarks>
/// Headers are copied into a dictionary only when <see cref="Headers"/> is first read. The API key is a request
/// header and never appears here.
/// </remarks>
public class PostPressResponse
{
    private readonly HttpResponseHeaders? _headers;
    private readonly HttpContentHeaders? _contentHeaders;
    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _snapshot;

    /// <summary>Creates a response description, for tests and mocks.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">The response headers (names are compared case-insensitively), or <see langword="null"/> for none.</param>
    public PostPressResponse(int statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null)
    {
        StatusCode = statusCode;
        _snapshot = headers is null
            ? EmptyHeaders
            : new Dictionary<string, IReadOnlyList<string>>(headers.ToDictionary(h => h.Key, h => h.Value), StringComparer.OrdinalIgnoreCase);
    }

    internal PostPressResponse(int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders)
    {
        StatusCode = statusCode;
        _headers = headers;
        _contentHeaders = contentHeaders;
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyHeaders =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The HTTP status code (2xx).</summary>
    public int StatusCode { get; }

    /// <summary>The response and content headers, by name (case-insensitive), for example the rate-limit headers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => _snapshot ??= HeaderSnapshot.Create(_headers, _contentHeaders);

    /// <summary>
    /// The request id the server assigned (<c>X-Request-Id</c>, else <c>Request-Id</c> or <c>X-Correlation-Id</c>), or
    /// <see langword="null"/> when the response carries none. Quote it when contacting support.
    /// </summary>
    public string? RequestId => HeaderSnapshot.RequestId(Headers);

    /// <summary>The first value of a header, or <see langword="null"/>.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public string? GetHeader(string name) =>
        Headers.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Describes the response (status and request id).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => "PostPressResponse { StatusCode = " + StatusCode + ", RequestId = " + (RequestId ?? "(none)") + " }";
}

/// <summary>A successful call's typed value with its <see cref="PostPressResponse"/> (status, headers, request id).</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed class PostPressResponse<T> : PostPressResponse
{
    /// <summary>Creates a typed response, for tests and mocks.</summary>
    /// <param name="value">The value.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">The response headers, or <see langword="null"/> for none.</param>
    public PostPressResponse(T value, int statusCode = 200, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null)
        : base(statusCode, headers)
    {
        Value = value;
    }

    internal PostPressResponse(T value, int statusCode, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders)
        : base(statusCode, headers, contentHeaders)
    {
        Value = value;
    }

    /// <summary>The deserialized body.</summary>
    public T Value { get; }

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <param name="response">The response.</param>
    public static implicit operator T(PostPressResponse<T> response) =>
        (response ?? throw new ArgumentNullException(nameof(response))).Value;
}

/// <summary>Copies HTTP headers into the SDK's read-only dictionary shape.</summary>
internal static class HeaderSnapshot
{
    private static readonly string[] RequestIdHeaders = { "X-Request-Id", "Request-Id", "X-Correlation-Id" };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Create(HttpResponseHeaders? headers, HttpContentHeaders? contentHeaders)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var h in headers)
            {
                result[h.Key] = h.Value.ToArray();
            }
        }

        if (contentHeaders is not null)
        {
            foreach (var h in contentHeaders)
            {
                result[h.Key] = h.Value.ToArray();
            }
        }

        return result;
    }

    public static string? RequestId(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 0)
            {
                return values[0];
            }
        }

        return null;
    }

    /// <summary>The request id without building a dictionary (hot path: logs and traces).</summary>
    public static string? RequestId(HttpResponseHeaders headers)
    {
        foreach (var name in RequestIdHeaders)
        {
#if NET6_0_OR_GREATER
            if (headers.NonValidated.TryGetValues(name, out var values))
            {
                foreach (var v in values)
                {
                    return v;
                }
            }
#else
            if (headers.TryGetValues(name, out var values))
            {
                foreach (var v in values)
                {
                    return v;
                }
            }
#endif
        }

        return null;
    }
}
