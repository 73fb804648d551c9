using System;
using System.Globalization;

namespace PostPress;

/// <summary>The checks of HTTP header names and values a caller influences (set before anything is sent).</summary>
internal static partial class Validate
{
    /// <summary>
    /// The longest header value accepted (UTF-16 code units, which are bytes here since values are ASCII). Servers and
    /// proxies commonly refuse a header section over 8 KiB, so a longer value fails here with a clear message instead.
    /// </summary>
    public const int MaxHeaderValueLength = 8192;

    /// <summary>The longest header name accepted.</summary>
    public const int MaxHeaderNameLength = 256;

    /// <summary>
    /// A header name: an RFC 9110 <c>token</c> (letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>), not empty, at most
    /// <see cref="MaxHeaderNameLength"/> characters. Anything else (a space, a colon, CR/LF) would break the header
    /// section or be refused by the HTTP stack.
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <param name="paramName">The argument that carries it.</param>
    public static void HeaderName(string? name, string paramName)
    {
        if (name is null)
        {
            throw new ArgumentNullException(paramName, "The header name is required.");
        }

        if (name.Length == 0)
        {
            throw new ArgumentException("The header name must not be empty.", paramName);
        }

        if (name.Length > MaxHeaderNameLength)
        {
            throw new ArgumentException("The header name is " + name.Length.ToString(CultureInfo.InvariantCulture) + " characters long; header names are limited to " + MaxHeaderNameLength.ToString(CultureInfo.InvariantCulture) + ".", paramName);
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (!IsTokenChar(name[i]))
            {
                throw new ArgumentException("The header name " + Quote(name) + " contains " + Describe(name[i]) + " at index " + i.ToString(CultureInfo.InvariantCulture) + "; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~.", paramName);
            }
        }
    }

    /// <summary>
    /// A header value: at most <see cref="MaxHeaderValueLength"/> characters; no CR, LF, NUL or other control character
    /// but horizontal tab (CR/LF would end the header and start another: header injection); well-formed UTF-16; ASCII
    /// only (the SDK sends header values as ASCII; .NET's handler refuses anything else at send time, after the call has
    /// started); no leading or trailing space or tab (HTTP strips them, so another value would arrive). An empty
    /// value is allowed. <see langword="null"/> passes (an absent header). The message never shows the value (it may
    /// be a credential); it names the header, the position and the code of the offending character.
    /// </summary>
    /// <param name="name">The header name, for the message.</param>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The argument that carries it.</param>
    public static void HeaderValue(string name, string? value, string paramName)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxHeaderValueLength)
        {
            throw new ArgumentException("The value of the " + name + " header is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long; header values are limited to " + MaxHeaderValueLength.ToString(CultureInfo.InvariantCulture) + ".", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? problem = null;
            if (c is '\r' or '\n')
            {
                problem = "a line break, which would end the header (header injection)";
            }
            else if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                problem = "a control character, which HTTP does not allow in a header value";
            }
            else if (char.IsSurrogate(c) && IndexOfLoneSurrogate(value.Substring(i, Math.Min(2, value.Length - i))) == 0)
            {
                problem = "an unpaired surrogate: it is not valid text and would be sent as a different value";
            }
            else if (c > 0x7E)
            {
                problem = "a non-ASCII character; header values are sent as ASCII (encode the value first, e.g. percent-encoding)";
            }

            if (problem is not null)
            {
                throw new ArgumentException("The value of the " + name + " header contains " + problem + " (" + Describe(c) + " at index " + i.ToString(CultureInfo.InvariantCulture) + ").", paramName);
            }
        }

        if (value.Length > 0 && (value[0] is ' ' or '\t' || value[value.Length - 1] is ' ' or '\t'))
        {
            throw new ArgumentException("The value of the " + name + " header starts or ends with white space, which HTTP strips: another value would arrive.", paramName);
        }
    }

    private static bool IsTokenChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
