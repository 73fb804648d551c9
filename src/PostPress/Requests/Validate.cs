using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PostPress;

/// <summary>
/// The checks the generated operations run on their arguments before anything is sent, one per kind of schema
/// constraint (<c>required</c>, <c>minLength</c>/<c>maxLength</c>/<c>pattern</c>, <c>minimum</c>/<c>maximum</c>,
/// enums, <c>const</c>, path-segment safety). Each throws an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the argument and whose message names the JSON path. A
/// <see langword="null"/> value passes every check but <see cref="NotNull{T}"/> (optional values are checked when given).
/// </summary>
internal static class Validate
{
    /// <summary>
    /// The longest string a path or query parameter may have (UTF-16 code units). Cross-cutting, not from the spec:
    /// a request line of megabytes is refused by servers and proxies, so it fails here with a clear message instead.
    /// </summary>
    public const int MaxUrlParameterLength = 4096;

    public static void NotNull<T>(T value, string paramName, string? path = null)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, (path ?? paramName) + " is required.");
        }
    }

    /// <summary>
    /// A string: length limits; a string with <c>minLength</c> ≥ 1 must also hold a non-white-space character (a
    /// blank id or name is never meaningful); well-formed UTF-16 (a lone surrogate would be sent as U+FFFD, i.e. as
    /// another value); for URL parameters a length cap and, for path segments, not <c>.</c> or <c>..</c> (which URI
    /// normalization turns into another path even when escaped).
    /// </summary>
    public static void Text(string? value, string paramName, string path, int? minLength, int? maxLength, Regex? pattern, bool inUrl, bool pathSegment)
    {
        if (value is null)
        {
            return;
        }

        if (pathSegment || minLength is > 0)
        {
            if (value.Length == 0)
            {
                throw new ArgumentException(path + " must not be empty.", paramName);
            }

            if (IsBlank(value))
            {
                throw new ArgumentException(path + " must not be only white space.", paramName);
            }
        }

        if (minLength is { } min && value.Length < min)
        {
            throw new ArgumentException(path + " must be at least " + min.ToString(CultureInfo.InvariantCulture) + " characters long.", paramName);
        }

        if (maxLength is { } max && value.Length > max)
        {
            throw new ArgumentException(path + " must be at most " + max.ToString(CultureInfo.InvariantCulture) + " characters long (it has " + value.Length.ToString(CultureInfo.InvariantCulture) + ").", paramName);
        }

        if (inUrl && value.Length > MaxUrlParameterLength)
        {
            throw new ArgumentException(path + " is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long; URL parameters are limited to " + MaxUrlParameterLength.ToString(CultureInfo.InvariantCulture) + ".", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException(path + " contains an unpaired surrogate (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " at index " + i.ToString(CultureInfo.InvariantCulture) + "): it is not valid text and would be sent as a different value.", paramName);
            }
        }

        if (pathSegment && value is "." or "..")
        {
            throw new ArgumentException(path + " cannot be '.' or '..'.", paramName);
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            throw new ArgumentException(path + " must match the pattern " + pattern + ".", paramName);
        }
    }

    /// <summary>The longest header parameter value accepted (UTF-16 code units): 8 KiB, a common server limit per header.</summary>
    public const int MaxHeaderValueLength = 8 * 1024;

    /// <summary>
    /// A header parameter's value: no CR, LF, NUL or other C0 control character (HTAB is allowed) nor DEL, which would
    /// split or corrupt the request's headers; well-formed UTF-16 (no unpaired surrogate); ASCII only, since HttpClient
    /// refuses any other character when sending (an unclear transport error, after retries, otherwise); at most
    /// <see cref="MaxHeaderValueLength"/> characters.
    /// A <see langword="null"/> value passes (optional headers are checked when given).
    /// </summary>
    /// <param name="name">The header's name (for the message).</param>
    /// <param name="value">The value as it will be sent.</param>
    /// <param name="paramName">The argument the value came from.</param>
    /// <exception cref="ArgumentException">The value cannot be sent as the header.</exception>
    public static void HeaderValue(string name, string? value, string paramName)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxHeaderValueLength)
        {
            throw new ArgumentException("The " + name + " header (" + paramName + ") is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long; header values are limited to " + MaxHeaderValueLength.ToString(CultureInfo.InvariantCulture) + ".", paramName);
        }

        for (int i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                throw new ArgumentException("The " + name + " header (" + paramName + ") contains the control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " at index " + i.ToString(CultureInfo.InvariantCulture) + ": header values cannot carry CR, LF, NUL or other control characters.", paramName);
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])))
            {
                throw new ArgumentException("The " + name + " header (" + paramName + ") contains an unpaired surrogate (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " at index " + i.ToString(CultureInfo.InvariantCulture) + "): it is not valid text.", paramName);
            }

            if (c > 0x7E)
            {
                // HttpClient sends header values as ASCII and refuses anything else when sending.
                throw new ArgumentException("The " + name + " header (" + paramName + ") contains the non-ASCII character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + " at index " + i.ToString(CultureInfo.InvariantCulture) + ": header values are sent as ASCII (encode the value, e.g. percent-encoding, if the API documents one).", paramName);
            }
        }
    }

    public static void Const(string? value, string expected, string paramName, string path)
    {
        if (value is not null && !string.Equals(value, expected, StringComparison.Ordinal))
        {
            throw new ArgumentException(path + " must be '" + expected + "' (it is '" + value + "').", paramName);
        }
    }

    public static void Range(long? value, string paramName, string path, long? minimum, long? maximum, bool exclusiveMinimum, bool exclusiveMaximum)
    {
        if (value is not { } v)
        {
            return;
        }

        if ((minimum is { } min && (exclusiveMinimum ? v <= min : v < min)) || (maximum is { } max && (exclusiveMaximum ? v >= max : v > max)))
        {
            throw new ArgumentOutOfRangeException(paramName, v, path + " must be " + Bounds(minimum?.ToString(CultureInfo.InvariantCulture), maximum?.ToString(CultureInfo.InvariantCulture), exclusiveMinimum, exclusiveMaximum) + ".");
        }
    }

    public static void Range(double? value, string paramName, string path, double? minimum, double? maximum, bool exclusiveMinimum, bool exclusiveMaximum)
    {
        if (value is not { } v)
        {
            return;
        }

        if (double.IsNaN(v) || double.IsInfinity(v) ||
            (minimum is { } min && (exclusiveMinimum ? v <= min : v < min)) || (maximum is { } max && (exclusiveMaximum ? v >= max : v > max)))
        {
            throw new ArgumentOutOfRangeException(paramName, v, path + " must be a finite number " + Bounds(minimum?.ToString("R", CultureInfo.InvariantCulture), maximum?.ToString("R", CultureInfo.InvariantCulture), exclusiveMinimum, exclusiveMaximum) + ".");
        }
    }

    public static void Count<T>(IEnumerable<T> value, string paramName, string path, int? minItems, int? maxItems)
    {
        var count = 0;
        if (value is ICollection<T> collection)
        {
            count = collection.Count;
        }
        else
        {
            foreach (var _ in value)
            {
                count++;
            }
        }

        if ((minItems is { } min && count < min) || (maxItems is { } max && count > max))
        {
            throw new ArgumentException(path + " must have " + Bounds(minItems?.ToString(CultureInfo.InvariantCulture), maxItems?.ToString(CultureInfo.InvariantCulture), false, false) + " items (it has " + count.ToString(CultureInfo.InvariantCulture) + ").", paramName);
        }
    }

    /// <summary>A closed enum: the value must be one the API documents.</summary>
    public static void Known<T>(T value, string paramName, string path)
        where T : struct, IExtensibleEnum
    {
        if (!value.IsKnown)
        {
            throw new ArgumentException(path + " has the value '" + value.Value + "', which the API does not document for it.", paramName);
        }
    }

    /// <inheritdoc cref="Known{T}(T, string, string)"/>
    public static void Known<T>(T? value, string paramName, string path)
        where T : struct, IExtensibleEnum
    {
        if (value is { } v)
        {
            Known(v, paramName, path);
        }
    }

    /// <summary>An open enum (<c>x-postpress-open-enum</c>): any value but an empty one (a <see langword="default"/> struct).</summary>
    public static void NotEmpty<T>(T value, string paramName, string path)
        where T : struct, IExtensibleEnum
    {
        if (value.Value.Length == 0 || IsBlank(value.Value))
        {
            throw new ArgumentException(path + " must not be empty (a default value was given).", paramName);
        }
    }

    /// <inheritdoc cref="NotEmpty{T}(T, string, string)"/>
    public static void NotEmpty<T>(T? value, string paramName, string path)
        where T : struct, IExtensibleEnum
    {
        if (value is { } v)
        {
            NotEmpty(v, paramName, path);
        }
    }

    /// <summary>A union variant's discriminator must be one of the values that select it.</summary>
    public static void OneOf(string value, string paramName, string path, string variant, params string[] allowed)
    {
        if (Array.IndexOf(allowed, value) < 0)
        {
            throw new ArgumentException(path + ": '" + value + "' does not belong to " + variant + " (expected " + string.Join(" or ", allowed) + ").", paramName);
        }
    }

    private static bool IsBlank(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Bounds(string? min, string? max, bool exMin, bool exMax) =>
        (min, max) switch
        {
            (not null, not null) => "between " + min + (exMin ? " (excluded)" : string.Empty) + " and " + max + (exMax ? " (excluded)" : string.Empty),
            (not null, null) => (exMin ? "more than " : "at least ") + min,
            (null, not null) => (exMax ? "less than " : "at most ") + max,
            _ => "valid",
        };
}

/// <summary>What the generated extensible enums expose to validation.</summary>
internal interface IExtensibleEnum
{
    /// <summary>Whether the value is one the API documents.</summary>
    bool IsKnown { get; }

    /// <summary>The wire value (empty for a <see langword="default"/> instance).</summary>
    string Value { get; }
}
