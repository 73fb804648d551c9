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

namespace PostPress;

/// <summary>
/// Turns an error response into the typed <see cref="PostPressApiException"/> for its status, and builds the
/// <see cref="PostPressSerializationException"/> of a 2xx body that does not parse, with the API key redacted from
/// everything the server sent.
/// </summary>
/// <remarks>
/// <para>Mapping never throws anything but the status's exception: whatever the body holds (huge, fractional or negative
/// numbers, wrong JSON types, deep nesting, duplicate members, invalid UTF-8, NUL, a BOM, not JSON at all),
/// <see cref="PostPressErrorDetails.Problem"/> says what was wrong and the HTTP status decides the type.</para>
/// <para>The body excerpt (at most <see cref="MaxBodyExcerptBytes"/>) is read with a forward-only
/// <see cref="JsonTextReader"/> over the top-level members, not <c>JToken.ReadFrom</c>: numbers are never converted
/// through a generic path (a <c>BigInteger</c> or a <c>double</c> into <c>int</c> is what threw before), the status
/// is range-checked by hand; members read before the JSON breaks off (an excerpt cut at 8 KiB, junk further on) are
/// kept instead of being lost with the whole tree; other members' values are skipped without building a tree; and a
/// member given twice is seen and reported (a <c>JObject</c> silently keeps the last one).</para>
/// </remarks>
internal static class ErrorMapper
{
    /// <summary>How much of a body is kept in exceptions.</summary>
    internal const int MaxBodyExcerptBytes = 8 * 1024;

    /// <summary>How much of the body an exception message or a problem description quotes.</summary>
    internal const int MaxQuotedChars = 200;

    /// <summary>Nesting allowed in an error body; deeper is reported as a problem, the members read so far are kept.</summary>
    internal const int MaxJsonDepth = 64;

    private const int MinStatus = 100;
    private const int MaxStatus = 599;

    /// <summary>
    /// Maps a buffered non-2xx response, once, with its headers, request id and body excerpt. The API key is redacted
    /// from every header value, the body excerpt and every problem-details field.
    /// </summary>
    /// <param name="response">The response (still owned by the caller).</param>
    /// <param name="now">The current time, for an HTTP-date <c>Retry-After</c>.</param>
    /// <param name="apiKey">The key the request was sent with; <see langword="null"/> redacts nothing.</param>
    /// <returns>The typed exception for the status; this method throws nothing itself.</returns>
    public static PostPressApiException Create(BufferedResponse response, DateTimeOffset now, string? apiKey) =>
        Create(ReadDetails(response, now, apiKey));

    /// <summary>The typed exception of the status: generated from the statuses the spec documents (<c>Errors.g.cs</c>).</summary>
    public static PostPressApiException Create(PostPressErrorDetails details) => StatusExceptions.Create(details);

    /// <summary>Reads what an error response said; never throws (a failure here becomes the details' problem).</summary>
    internal static PostPressErrorDetails ReadDetails(BufferedResponse response, DateTimeOffset now, string? apiKey)
    {
        var status = response.StatusCode;
        IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null;
        TimeSpan? retryAfter = null;
        var body = string.Empty;
        try
        {
            headers = RedactedHeaders(response.Headers, response.ContentHeaders, apiKey);
            retryAfter = RetryAfterParser.Parse(response.Headers, now);
            body = SafeExcerpt(response, MaxBodyExcerptBytes, apiKey);
            return Parse(status, body, headers, retryAfter, apiKey, cut: response.Length > MaxBodyExcerptBytes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The last line of defence: the HTTP status reaches the caller as its typed exception whatever failed here.
            return new PostPressErrorDetails(status, null, null, null, null, body, headers, retryAfter,
                "The error response could not be read (" + ex.GetType().Name + ")");
        }
    }

    /// <summary>
    /// The body as text for an exception: at most <paramref name="maxBytes"/> bytes decoded as UTF-8, with every
    /// occurrence of the API key (and of its JSON-escaped spelling) replaced by <c>[REDACTED]</c>, including a key cut
    /// in two by the end of the excerpt. Control characters are kept (this is the raw excerpt; messages quote it through
    /// <see cref="ServerText.Neutralize"/>).
    /// </summary>
    /// <param name="response">The buffered response.</param>
    /// <param name="maxBytes">The most bytes of the body to decode.</param>
    /// <param name="apiKey">The key the request was sent with; <see langword="null"/> redacts nothing.</param>
    /// <returns>The redacted excerpt; an empty string when the body is empty.</returns>
    internal static string SafeExcerpt(BufferedResponse response, int maxBytes, string? apiKey)
    {
        var text = response.Excerpt(maxBytes);
        var redacted = ServerText.Redact(text, apiKey);
        if (string.IsNullOrEmpty(apiKey) || response.Length <= maxBytes)
        {
            return redacted;
        }

        // The excerpt ends inside the body: a key may straddle the end. Look far enough past it to tell.
        var longer = response.Excerpt((int)Math.Min(int.MaxValue, (long)maxBytes + (2L * apiKey!.Length) + 8));
        return RedactStraddlingKey(text, redacted, longer, apiKey);
    }

    /// <summary>
    /// When <paramref name="cut"/> ends with the first characters of the key (or of its JSON-escaped spelling) and
    /// <paramref name="longer"/> (the same text read further) completes it there, replaces that tail of
    /// <paramref name="redacted"/> with the marker.
    /// </summary>
    internal static string RedactStraddlingKey(string cut, string redacted, string longer, string apiKey)
    {
        foreach (var key in new[] { apiKey, ServerText.JsonEscapedKey(apiKey) })
        {
            if (key is null)
            {
                continue;
            }

            for (var k = Math.Min(key.Length - 1, cut.Length); k > 0; k--)
            {
                var at = cut.Length - k;
                if (string.CompareOrdinal(cut, at, key, 0, k) == 0
                    && longer.Length >= at + key.Length
                    && string.CompareOrdinal(longer, at, key, 0, key.Length) == 0
                    && redacted.Length >= k
                    && string.CompareOrdinal(redacted, redacted.Length - k, key, 0, k) == 0)
                {
                    return redacted.Substring(0, redacted.Length - k) + ServerText.RedactedMarker;
                }
            }
        }

        return redacted;
    }

    /// <summary>
    /// Builds the exception for a 2xx body that is not what the API documents: the key is redacted from
    /// <paramref name="message"/> (which may quote the parser's message), from the body excerpt and from the parser's
    /// exceptions; control characters are escaped in the message.
    /// </summary>
    /// <param name="response">The response whose body did not parse.</param>
    /// <param name="message">What was wrong, e.g. <c>"The 200 response of getAccount is not a valid Account: " + ex.Message</c>;
    /// <c>" Body starts: "</c> and a quote of the body are appended.</param>
    /// <param name="innerException">The parser's exception; replaced by a sanitized copy when its text needs it.</param>
    /// <param name="apiKey">The key the request was sent with.</param>
    /// <returns>The exception to throw.</returns>
    internal static PostPressSerializationException SerializationFailure(BufferedResponse response, string message, Exception? innerException, string? apiKey)
    {
        var excerpt = SafeExcerpt(response, MaxBodyExcerptBytes, apiKey);
        var text = ServerText.Redact(message, apiKey);
        if (excerpt.Length > 0)
        {
            text += " Body starts: " + ServerText.Neutralize(excerpt, MaxQuotedChars);
        }

        return new PostPressSerializationException(text, response.StatusCode, excerpt, SafeInner(innerException, apiKey));
    }

    /// <summary>
    /// <paramref name="exception"/> itself when no message in its chain quotes the key or a control character;
    /// otherwise a copy of the chain with redacted, escaped messages (a <see cref="JsonReaderException"/> stays one,
    /// anything else becomes a <see cref="JsonSerializationException"/>; stack traces are not copied).
    /// </summary>
    internal static Exception? SafeInner(Exception? exception, string? apiKey)
    {
        if (exception is null || IsSafe(exception, apiKey))
        {
            return exception;
        }

        var message = ServerText.Neutralize(ServerText.Redact(exception.Message, apiKey), int.MaxValue);
        var inner = SafeInner(exception.InnerException, apiKey);
        return exception is JsonReaderException reader
            ? new JsonReaderException(message, ServerText.Neutralize(ServerText.Redact(reader.Path ?? string.Empty, apiKey), int.MaxValue), reader.LineNumber, reader.LinePosition, inner)
            : new JsonSerializationException(exception.GetType().Name + ": " + message, inner!);
    }

    private static bool IsSafe(Exception exception, string? apiKey)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var message = e.Message;
            if (ServerText.FirstUnsafe(message) >= 0 || !ReferenceEquals(ServerText.Redact(message, apiKey), message))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads a problem-details body (already redacted, at most the excerpt). Never throws: everything wrong with the
    /// body is described in the returned details' <see cref="PostPressErrorDetails.Problem"/>.
    /// </summary>
    /// <param name="status">The HTTP status; it always wins over the body's <c>status</c>.</param>
    /// <param name="body">The body excerpt.</param>
    /// <param name="headers">The (redacted) headers.</param>
    /// <param name="retryAfter">The parsed <c>Retry-After</c>.</param>
    /// <param name="apiKey">The key, redacted again from the decoded fields (a JSON <c>\u</c> escape could spell it).</param>
    /// <param name="cut">Whether <paramref name="body"/> is only the start of a longer body.</param>
    internal static PostPressErrorDetails Parse(
        int status,
        string body,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        TimeSpan? retryAfter,
        string? apiKey = null,
        bool cut = false)
    {
        body ??= string.Empty;
        if (string.IsNullOrWhiteSpace(body))
        {
            return new PostPressErrorDetails(status, null, null, null, null, body, headers, retryAfter, "The response had no body.");
        }

        var read = ProblemReader.Read(body);
        var problems = read.Problems;
        if (read.Invalid is { } invalid)
        {
            var what = cut
                ? "The body's first " + (MaxBodyExcerptBytes / 1024).ToString(CultureInfo.InvariantCulture) + " KiB (all that is read of it) are not valid JSON"
                : "The body is not valid JSON";
            var kept = read.AnyMember ? "; the members read before that point are used" : string.Empty;
            problems.Insert(0, what + " (" + ServerText.Neutralize(ServerText.Redact(invalid, apiKey), MaxQuotedChars) + ")" + kept + ": " + Quote(body));
        }
        else if (!read.IsObject)
        {
            problems.Insert(0, "The body is JSON but not a problem-details object: " + Quote(body));
        }
        else if (read.Title is null && read.Type is null)
        {
            problems.Add("The body is not problem details (no title or type): " + Quote(body));
        }

        if (read.Status is { } bodyStatus && bodyStatus != status)
        {
            problems.Add("The body's status (" + bodyStatus.ToString(CultureInfo.InvariantCulture) + ") disagrees with the HTTP status; the HTTP status is used");
        }

        ErrorType? errorType = null;
        if (Redacted(read.Type, apiKey) is { } type)
        {
            errorType = new ErrorType(type);
        }

        return new PostPressErrorDetails(
            status,
            errorType,
            Redacted(read.Title, apiKey),
            Redacted(read.Detail, apiKey),
            Redacted(read.Instance, apiKey),
            body,
            headers,
            retryAfter,
            problems.Count == 0 ? null : string.Join(". ", problems),
            read.Status);
    }

    private static string? Redacted(string? text, string? apiKey) => text is null ? null : ServerText.Redact(text, apiKey);

    private static string Quote(string body) => ServerText.Neutralize(body, MaxQuotedChars);

    /// <summary>Copies the headers, with the key redacted from every name and value.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> RedactedHeaders(
        System.Net.Http.Headers.HttpResponseHeaders headers,
        System.Net.Http.Headers.HttpContentHeaders? contentHeaders,
        string? apiKey)
    {
        var snapshot = HeaderSnapshot.Create(headers, contentHeaders);
        if (string.IsNullOrEmpty(apiKey))
        {
            return snapshot;
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in snapshot)
        {
            var name = ServerText.Redact(header.Key, apiKey);
            var values = header.Value.Select(v => ServerText.Redact(v, apiKey)).ToArray();
            result[name] = result.TryGetValue(name, out var earlier) ? earlier.Concat(values).ToArray() : values;
        }

        return result;
    }

    internal static string Excerpt(string text, int max) => text.Length <= max ? text : text.Substring(0, max) + "…";

    /// <summary>Decodes UTF-8 bytes, dropping a code point cut at the end of the excerpt.</summary>
    internal static string DecodeUtf8(byte[] buffer, int count)
    {
        var decoder = new UTF8Encoding(false, false).GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(count)];
        var n = decoder.GetChars(buffer, 0, count, chars, 0, flush: false);
        return new string(chars, 0, n);
    }

    /// <summary>The top-level members of a problem-details body, read forward-only.</summary>
    private sealed class ProblemReader
    {
        private bool _seenTitle;
        private bool _seenDetail;
        private bool _seenInstance;
        private bool _seenType;
        private bool _seenStatus;

        public string? Title { get; private set; }

        public string? Detail { get; private set; }

        public string? Instance { get; private set; }

        public string? Type { get; private set; }

        public int? Status { get; private set; }

        public bool IsObject { get; private set; }

        public bool AnyMember { get; private set; }

        /// <summary>The reader's message when the text stopped being valid JSON (or went deeper than allowed).</summary>
        public string? Invalid { get; private set; }

        public List<string> Problems { get; } = new();

        public static ProblemReader Read(string body)
        {
            var result = new ProblemReader();
            try
            {
                // A byte order mark decoded from the body is not JSON; the raw body keeps it.
                var text = body.Length > 0 && body[0] == '\uFEFF' ? body.Substring(1) : body;
                using var reader = new JsonTextReader(new StringReader(text))
                {
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = FloatParseHandling.Double,
                    MaxDepth = MaxJsonDepth,
                };
                result.ReadDocument(reader);
            }
            catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is OverflowException || ex is InvalidCastException || ex is ArgumentException || ex is InvalidOperationException)
            {
                result.Invalid = ex.Message;
            }

            return result;
        }

        private void AddOnce(string problem)
        {
            if (!Problems.Contains(problem))
            {
                Problems.Add(problem);
            }
        }

        private static bool ReadValue(JsonTextReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return true;
                }
            }

            return false;
        }

        private static string Describe(JsonTextReader reader) => reader.TokenType switch
        {
            JsonToken.StartObject => "an object",
            JsonToken.StartArray => "an array",
            JsonToken.StartConstructor => "a constructor",
            JsonToken.Integer or JsonToken.Float => "a number",
            JsonToken.Boolean => "a boolean",
            JsonToken.String => "a string",
            JsonToken.Undefined => "undefined",
            _ => reader.TokenType.ToString(),
        };

        private void ReadDocument(JsonTextReader reader)
        {
            if (!ReadValue(reader))
            {
                throw new JsonReaderException("The body holds no JSON value.");
            }

            if (reader.TokenType != JsonToken.StartObject)
            {
                reader.Skip();
                ReadToEnd(reader);
                return;
            }

            IsObject = true;
            while (ReadValue(reader))
            {
                if (reader.TokenType == JsonToken.EndObject)
                {
                    ReadToEnd(reader);
                    return;
                }

                var name = reader.Value as string ?? string.Empty;
                if (!ReadValue(reader))
                {
                    throw new JsonReaderException("The body ends after the member name \"" + name + "\".");
                }

                switch (name)
                {
                    case "title":
                        Title = StringMember(reader, "title", ref _seenTitle);
                        break;
                    case "detail":
                        Detail = StringMember(reader, "detail", ref _seenDetail);
                        break;
                    case "instance":
                        Instance = StringMember(reader, "instance", ref _seenInstance);
                        break;
                    case "type":
                        Type = StringMember(reader, "type", ref _seenType);
                        break;
                    case "status":
                        Status = StatusMember(reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            throw new JsonReaderException("The body ends before the object is closed.");
        }

        private static void ReadToEnd(JsonTextReader reader)
        {
            // Anything but comments and whitespace after the value makes the reader throw ("Additional text ...").
            while (reader.Read())
            {
            }
        }

        private string? StringMember(JsonTextReader reader, string name, ref bool seen)
        {
            AnyMember = true;
            if (seen)
            {
                AddOnce("The body has \"" + name + "\" more than once; the last one is used");
            }

            seen = true;
            switch (reader.TokenType)
            {
                case JsonToken.String:
                    return reader.Value as string;
                case JsonToken.Null:
                    return null;
                default:
                    AddOnce("The body's \"" + name + "\" is " + Describe(reader) + ", not a string; it is ignored");
                    reader.Skip();
                    return null;
            }
        }

        private int? StatusMember(JsonTextReader reader)
        {
            AnyMember = true;
            if (_seenStatus)
            {
                AddOnce("The body has \"status\" more than once; the last one is used");
            }

            _seenStatus = true;
            var value = reader.Value;
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    return null;
                case JsonToken.Integer when value is long l && l >= MinStatus && l <= MaxStatus:
                    return (int)l;
                case JsonToken.Float when value is double d && d >= MinStatus && d <= MaxStatus && Math.Floor(d) == d:
                    return (int)d;
                case JsonToken.Integer:
                case JsonToken.Float:
                    var number = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                    AddOnce("The body's status (" + ServerText.Neutralize(number, 40) + ") is not an integer in range "
                        + MinStatus.ToString(CultureInfo.InvariantCulture) + "-" + MaxStatus.ToString(CultureInfo.InvariantCulture) + "; the HTTP status is used");
                    return null;
                default:
                    AddOnce("The body's status is " + Describe(reader) + ", not an integer in range "
                        + MinStatus.ToString(CultureInfo.InvariantCulture) + "-" + MaxStatus.ToString(CultureInfo.InvariantCulture) + "; the HTTP status is used");
                    reader.Skip();
                    return null;
            }
        }
    }
}

/// <summary>Reads the <c>Retry-After</c> header in both of its forms (delta-seconds and HTTP-date).</summary>
internal static class RetryAfterParser
{
    /// <summary>The largest delta-seconds kept from the raw header text (about 68 years).</summary>
    private const double MaxSeconds = int.MaxValue;

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
                // Capped well below TimeSpan.MaxValue: TimeSpan.FromSeconds rounds, and near the limit that overflows.
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && secs >= 0 && secs <= MaxSeconds)
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
