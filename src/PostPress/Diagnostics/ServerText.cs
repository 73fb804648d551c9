using System;
using System.Globalization;
using System.Text;

namespace PostPress;

/// <summary>
/// Makes text that came from the server (or that quotes it) safe to put in a log line, a span tag or an exception
/// message: control and invisible direction-changing characters are escaped visibly, and the API key is redacted.
/// </summary>
/// <remarks>
/// Both methods return the very same string instance when there is nothing to change, so calling them on the common
/// path (plain printable text, no key in it) allocates nothing.
/// </remarks>
internal static class ServerText
{
    /// <summary>What replaces every occurrence of the API key.</summary>
    public const string RedactedMarker = "[REDACTED]";

    /// <summary>The default cap on the length of a neutralized text (log lines, span tags).</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>Appended when <see cref="Neutralize"/> cuts a text.</summary>
    public const string CutMarker = "…";

    private static readonly char[] JsonEscaped = { '"', '\\', '/' };

    /// <summary>
    /// Escapes, visibly, every character that could forge a line, hide text or reorder it on a terminal or in a log
    /// viewer: C0 controls (U+0000–U+001F, as <c>\r</c>, <c>\n</c>, <c>\t</c> or <c>\u001B</c>), DEL (<c>\u007F</c>), C1
    /// controls (U+0080–U+009F), the line and paragraph separators (U+2028, U+2029), the bidirectional controls
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and lone surrogates (<c>\uD800</c>). A backslash is not
    /// escaped, so the result is unchanged by a second call. The result is cut to <paramref name="maxLength"/>
    /// characters, never inside an escape or a surrogate pair, and then ends with <see cref="CutMarker"/>.
    /// </summary>
    /// <param name="text">The text; <see langword="null"/> gives an empty string.</param>
    /// <param name="maxLength">The most characters kept (escapes included) before the cut marker; at least 1.</param>
    /// <returns><paramref name="text"/> itself when nothing needs escaping or cutting; otherwise a new string.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is less than 1.</exception>
    public static string Neutralize(string? text, int maxLength = DefaultMaxLength)
    {
        if (maxLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must be at least 1.");
        }

        if (text is null)
        {
            return string.Empty;
        }

        var first = FirstUnsafe(text);
        if (first < 0 && text.Length <= maxLength)
        {
            return text;
        }

        var start = first < 0 ? text.Length : first;
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 16);
        var kept = Math.Min(start, maxLength);
        if (kept > 0 && kept < text.Length && char.IsHighSurrogate(text[kept - 1]) && char.IsLowSurrogate(text[kept]))
        {
            kept--; // never split a pair
        }

        builder.Append(text, 0, kept);
        if (kept < start)
        {
            return builder.Append(CutMarker).ToString();
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (builder.Length + 2 > maxLength)
                {
                    return builder.Append(CutMarker).ToString();
                }

                builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (IsUnsafe(text, i))
            {
                var escape = Escape(c);
                if (builder.Length + escape.Length > maxLength)
                {
                    return builder.Append(CutMarker).ToString();
                }

                builder.Append(escape);
                continue;
            }

            if (builder.Length + 1 > maxLength)
            {
                return builder.Append(CutMarker).ToString();
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary><see cref="Neutralize"/>, keeping <see langword="null"/>.</summary>
    public static string? NeutralizeOrNull(string? text) => text is null ? null : Neutralize(text);

    /// <summary>Server text for a log line or a span: the key redacted, then neutralized; <see langword="null"/> stays null.</summary>
    public static string? ForDiagnostics(string? text, string? apiKey) => text is null ? null : Neutralize(Redact(text, apiKey));

    /// <summary>
    /// Replaces every occurrence (ordinal, case-sensitive) of <paramref name="apiKey"/> in <paramref name="text"/> with
    /// <see cref="RedactedMarker"/>. When the text holds a backslash, the key is also found spelled with JSON string
    /// escapes, any character of it as <c>\uXXXX</c> (as System.Text.Json writes <c>+</c>, for one) and <c>"</c>,
    /// <c>\</c>, <c>/</c> as <c>\"</c>, <c>\\</c>, <c>\/</c>, so a raw JSON body echoing the key is covered too.
    /// </summary>
    /// <param name="text">The text; <see langword="null"/> gives an empty string.</param>
    /// <param name="apiKey">The key; <see langword="null"/> or empty leaves the text unchanged.</param>
    /// <returns><paramref name="text"/> itself when the key does not occur in it; otherwise a new string.</returns>
    public static string Redact(string text, string? apiKey)
    {
        if (text is null)
        {
            return string.Empty;
        }

        if (string.IsNullOrEmpty(apiKey) || text.Length < apiKey!.Length)
        {
            return text;
        }

        if (text.IndexOf('\\') < 0)
        {
            return text.IndexOf(apiKey, StringComparison.Ordinal) < 0 ? text : text.Replace(apiKey, RedactedMarker);
        }

        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i <= text.Length - apiKey.Length)
        {
            var end = MatchKeyAt(text, i, apiKey);
            if (end < 0)
            {
                i++;
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, i - copied).Append(RedactedMarker);
            i = copied = end;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where a spelling of <paramref name="key"/> starting at <paramref name="start"/> ends, or -1.</summary>
    private static int MatchKeyAt(string text, int start, string key)
    {
        var p = start;
        foreach (var c in key)
        {
            if (p >= text.Length)
            {
                return -1;
            }

            // An escape that decodes to c first (so a key's backslash matches "\\" as one character), then c itself.
            if (text[p] == '\\' && p + 1 < text.Length)
            {
                var escape = text[p + 1];
                if (escape == c && (c == '"' || c == '\\' || c == '/'))
                {
                    p += 2;
                    continue;
                }

                if (escape == 'u' && p + 5 < text.Length && HexValue(text, p + 2) == c)
                {
                    p += 6;
                    continue;
                }
            }

            if (text[p] != c)
            {
                return -1;
            }

            p++;
        }

        return p;
    }

    /// <summary>The value of the four hex digits at <paramref name="at"/>, or -1.</summary>
    private static int HexValue(string text, int at)
    {
        var value = 0;
        for (var i = at; i < at + 4; i++)
        {
            var c = text[i];
            var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 16) + digit;
        }

        return value;
    }

    /// <summary>
    /// The key as a JSON string literal spells it when its <c>"</c>, <c>\</c> and <c>/</c> are escaped, or
    /// <see langword="null"/> when it has none of them (the common case: no allocation).
    /// </summary>
    internal static string? JsonEscapedKey(string apiKey) =>
        apiKey.IndexOfAny(JsonEscaped) < 0 ? null : apiKey.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("/", "\\/");

    /// <summary>The index of the first character <see cref="Neutralize"/> escapes, or -1.</summary>
    internal static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c < 0x7F)
            {
                continue;
            }

            if (IsUnsafe(text, i))
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                i++; // a well-formed pair (IsUnsafe said so)
            }
        }

        return -1;
    }

    private static bool IsUnsafe(string text, int i)
    {
        var c = text[i];
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        {
            return true;
        }

        if (c < 0x061C)
        {
            return false;
        }

        switch (c)
        {
            case '\u061C':
            case '\u200E':
            case '\u200F':
            case '\u2028':
            case '\u2029':
                return true;
        }

        if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        // A low surrogate reached here has no high surrogate before it (pairs are stepped over by the callers).
        return char.IsLowSurrogate(c);
    }

    private static string Escape(char c) => c switch
    {
        '\r' => "\\r",
        '\n' => "\\n",
        '\t' => "\\t",
        _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
    };
}
