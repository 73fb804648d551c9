using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PostPress;

/// <summary>Turns an error response into the typed <see cref="PostPressApiException"/> for its status.</summary>
internal static class ErrorMapper
{
    /// <summary>How much of a body is kept in exceptions.</summary>
    internal const int MaxBodyExcerptBytes = 8 * 1024;

    /// <summary>Maps a buffered non-2xx response, once, with its headers, request id and body excerpt.</summary>
    public static PostPressApiException Create(BufferedResponse response, DateTimeOffset now)
    {
        var headers = HeaderSnapshot.Create(response.Headers, response.ContentHeaders);
        var retryAfter = RetryAfterParser.Parse(response.Headers, now);
        var details = Parse(response.StatusCode, response.Excerpt(MaxBodyExcerptBytes), headers, retryAfter);
        return Create(details);
    }

    /// <summary>The typed exception of the status: generated from the statuses the spec documents (<c>Errors.g.cs</c>).</summary>
    public static PostPressApiException Create(PostPressErrorDetails details) => StatusExceptions.Create(details);

    internal static PostPressErrorDetails Parse(
        int status,
        string body,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        TimeSpan? retryAfter,
        string? readProblem = null)
    {
        if (readProblem is not null)
        {
            return new PostPressErrorDetails(status, null, null, null, null, body, headers, retryAfter, readProblem);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return new PostPressErrorDetails(status, null, null, null, null, body, headers, retryAfter, "The response had no body.");
        }

        JObject obj;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            var token = JToken.ReadFrom(reader);
            if (token is not JObject o)
            {
                return new PostPressErrorDetails(status, null, null, null, null, body, headers, retryAfter,
                    "The body is JSON but not a problem-details object: " + Excerpt(body, 200));
            }

            obj = o;
        }
        catch (JsonException)
        {
            var truncated = body.Length >= MaxBodyExcerptBytes / 4 ? " (the excerpt may be cut)" : string.Empty;
            return new PostPressErrorDetails(status, null, null, null, null, body, headers, retryAfter,
                "The body is not valid JSON" + truncated + ": " + Excerpt(body, 200));
        }

        var title = StringField(obj, "title");
        var detail = StringField(obj, "detail");
        var instance = StringField(obj, "instance");
        var type = StringField(obj, "type");
        int? bodyStatus = obj["status"] is JValue { Type: JTokenType.Integer } s ? (int?)Convert.ToInt32(s.Value, CultureInfo.InvariantCulture) : null;

        string? problem = null;
        if (title is null && type is null)
        {
            problem = "The body is not problem details (no title or type): " + Excerpt(body, 200);
        }
        else if (bodyStatus is { } bs && bs != status)
        {
            problem = "The body's status (" + bs.ToString(CultureInfo.InvariantCulture) + ") disagrees with the HTTP status; the HTTP status is used";
        }

        ErrorType? errorType = null;
        if (type is not null)
        {
            errorType = new ErrorType(type);
        }

        return new PostPressErrorDetails(status, errorType, title, detail, instance, body, headers, retryAfter, problem, bodyStatus);
    }

    private static string? StringField(JObject obj, string name) =>
        obj.TryGetValue(name, StringComparison.Ordinal, out var token) && token.Type == JTokenType.String ? (string?)token : null;

    internal static string Excerpt(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";

    /// <summary>Decodes UTF-8 bytes, dropping a code point cut at the end of the excerpt.</summary>
    internal static string DecodeUtf8(byte[] buffer, int count)
    {
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(count)];
        var n = decoder.GetChars(buffer, 0, count, chars, 0, flush: false);
        return new string(chars, 0, n);
    }
}

/// <summary>Reads the <c>Retry-After</c> header in both of its forms (delta-seconds and HTTP-date).</summary>
internal static class RetryAfterParser
{
    public static TimeSpan? Parse(HttpResponseMessage response, DateTimeOffset now) => Parse(response.Headers, now);

    public static TimeSpan? Parse(System.Net.Http.Headers.HttpResponseHeaders headers, DateTimeOffset now)
    {
        var header = headers.RetryAfter;
        if (header is null)
        {
            // A malformed value is dropped by the typed header; try the raw text for odd-but-parsable forms.
            if (headers.TryGetValues("Retry-After", out var raw))
            {
                var text = raw.FirstOrDefault()?.Trim();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && secs >= 0 && secs < TimeSpan.MaxValue.TotalSeconds)
                {
                    return TimeSpan.FromSeconds(secs);
                }
            }

            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
