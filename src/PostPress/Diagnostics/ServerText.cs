using System.Text;

namespace PostPress;

/// <summary>Makes server-sent text safe for log lines, spans and exception messages.</summary>
internal static class ServerText
{
    /// <summary>Escapes control, separator and bidi characters visibly; the same instance when nothing needs it.</summary>
    public static string Neutralize(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var i = 0;
        while (i < text!.Length && !NeedsEscape(text, i))
        {
            i++;
        }

        if (i == text.Length && text.Length <= maxLength)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        for (; i < text.Length && sb.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (NeedsEscape(text, i))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        if (i < text.Length)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }

    /// <summary><see cref="Neutralize"/>, keeping <see langword="null"/>.</summary>
    public static string? NeutralizeOrNull(string? text) => text is null ? null : Neutralize(text);

    /// <summary>Server text for a log line or a span: the key redacted, then neutralized; <see langword="null"/> stays null.</summary>
    public static string? ForDiagnostics(string? text, string? apiKey) => text is null ? null : Neutralize(Redact(text, apiKey));

    /// <summary>Replaces every occurrence of <paramref name="apiKey"/> with <c>[REDACTED]</c>; the same instance when absent.</summary>
    public static string Redact(string text, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(text) || text.IndexOf(apiKey, System.StringComparison.Ordinal) < 0)
        {
            return text;
        }

        return text.Replace(apiKey, "[REDACTED]");
    }

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\u061C' || c == '\u200E' || c == '\u200F'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
    }
}
