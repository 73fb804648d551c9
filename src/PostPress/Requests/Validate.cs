using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// The checks the generated operations run on their arguments before anything is sent, one per kind of schema
/// constraint (<c>required</c>, <c>minLength</c>/<c>maxLength</c>/<c>pattern</c>, <c>minimum</c>/<c>maximum</c>,
/// enums, <c>const</c>, path-segment safety). Each throws an <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the argument and whose message names the JSON path. A
/// <see langword="null"/> value passes every check but <see cref="NotNull{T}"/> (optional values are checked when given).
/// <para>
/// Every string that goes on the wire gets the string checks, whatever carries it: a plain string
/// (<see cref="Text"/>), an extensible enum's value (<see cref="EnumValue{T}(T, string, ValuePath, bool, bool)"/>: any
/// string can be wrapped in one), each item of an array (the generator emits the item's check in a loop), a body
/// field, and the extension data of a body (<see cref="ExtensionData"/>). Header names and values: Validate.Headers.cs.
/// </para>
/// </summary>
internal static partial class Validate
{
    /// <summary>
    /// The longest string a path or query parameter may have (UTF-16 code units). Cross-cutting, not from the spec:
    /// a request line of megabytes is refused by servers and proxies, so it fails here with a clear message instead.
    /// </summary>
    public const int MaxUrlParameterLength = 4096;

    public static void NotNull<T>(T value, string paramName, ValuePath path = default)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, (path.IsEmpty ? paramName : path.ToString()) + " is required.");
        }
    }

    /// <summary>
    /// A string: length limits; a string with <c>minLength</c> ≥ 1 must also hold a non-white-space character (a
    /// blank id or name is never meaningful); well-formed UTF-16 (a lone surrogate would be sent as U+FFFD, i.e. as
    /// another value); for URL parameters a length cap and, for path segments, not <c>.</c> or <c>..</c> (which URI
    /// normalization turns into another path even when escaped).
    /// </summary>
    public static void Text(string? value, string paramName, ValuePath path, int? minLength, int? maxLength, Regex? pattern, bool inUrl, bool pathSegment)
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

        if (inUrl)
        {
            UrlLength(value, paramName, path);
        }

        WellFormed(value, paramName, path);

        if (pathSegment && value is "." or "..")
        {
            throw new ArgumentException(path + " cannot be '.' or '..'.", paramName);
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            throw new ArgumentException(path + " must match the pattern " + pattern + ".", paramName);
        }
    }

    public static void Const(string? value, string expected, string paramName, ValuePath path)
    {
        if (value is not null && !string.Equals(value, expected, StringComparison.Ordinal))
        {
            throw new ArgumentException(path + " must be '" + expected + "' (it is " + Quote(value) + ").", paramName);
        }
    }

    public static void Range(long? value, string paramName, ValuePath path, long? minimum, long? maximum, bool exclusiveMinimum, bool exclusiveMaximum)
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

    public static void Range(double? value, string paramName, ValuePath path, double? minimum, double? maximum, bool exclusiveMinimum, bool exclusiveMaximum)
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

    public static void Count<T>(IEnumerable<T> value, string paramName, ValuePath path, int? minItems, int? maxItems)
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

    /// <summary>
    /// An extensible enum (any string can be wrapped in one, so it gets the checks of a string): not empty or blank (a
    /// <see langword="default"/> struct), well-formed UTF-16, in a URL at most <see cref="MaxUrlParameterLength"/>
    /// characters, and, unless the enum is open (<c>x-postpress-open-enum</c>), one of the values the API documents.
    /// </summary>
    public static void EnumValue<T>(T value, string paramName, ValuePath path, bool open, bool inUrl)
        where T : struct, IExtensibleEnum
    {
        var wire = value.Value;
        if (wire.Length == 0)
        {
            throw new ArgumentException(path + " must not be empty (a default value was given).", paramName);
        }

        if (IsBlank(wire))
        {
            throw new ArgumentException(path + " must not be only white space.", paramName);
        }

        if (inUrl)
        {
            UrlLength(wire, paramName, path);
        }

        WellFormed(wire, paramName, path);
        if (!open && !value.IsKnown)
        {
            throw new ArgumentException(path + " has the value " + Quote(wire) + ", which the API does not document for it.", paramName);
        }
    }

    /// <inheritdoc cref="EnumValue{T}(T, string, ValuePath, bool, bool)"/>
    public static void EnumValue<T>(T? value, string paramName, ValuePath path, bool open, bool inUrl)
        where T : struct, IExtensibleEnum
    {
        if (value is { } v)
        {
            EnumValue(v, paramName, path, open, inUrl);
        }
    }

    /// <summary>A union variant's discriminator must be one of the values that select it.</summary>
    public static void OneOf(string value, string paramName, ValuePath path, string variant, params ReadOnlySpan<string> allowed)
    {
        if (allowed.IndexOf(value) < 0)
        {
            throw new ArgumentException(path + ": " + Quote(value) + " does not belong to " + variant + " (expected " + string.Join(" or ", allowed.ToArray()) + ").", paramName);
        }
    }

    /// <summary>Whether the caller put anything in the model's <c>AdditionalProperties</c> (the common case, no, costs no allocation).</summary>
    public static bool HasExtensionData(object? value) => value is IExtensionData { ExtensionData: { Count: > 0 } };

    /// <summary>
    /// The extension data of a request model (<c>AdditionalProperties</c>, written after the declared fields): a name
    /// must be well-formed and must not repeat a declared field (<paramref name="declared"/>: the JSON would carry the
    /// name twice, and the checks of the declared field would be bypassed); every string in a value (nested objects,
    /// arrays, <c>JToken</c>s, other objects as the SDK serializes them) must be well-formed UTF-16.
    /// </summary>
    public static void ExtensionData(object? value, string paramName, string path, params string[] declared)
    {
        if (value is not IExtensionData { ExtensionData: { Count: > 0 } extra })
        {
            return;
        }

        foreach (var pair in extra)
        {
            var fieldPath = Member(path, pair.Key);
            WellFormed(pair.Key, paramName, fieldPath);
            if (Array.IndexOf(declared, pair.Key) >= 0)
            {
                throw new ArgumentException(fieldPath + " is set in AdditionalProperties but is a declared field: set the property instead (the JSON would carry the name twice).", paramName);
            }

            WireValue(pair.Value, paramName, fieldPath, 0);
        }
    }

    private static void WireValue(object? value, string paramName, string path, int depth)
    {
        if (depth > 64)
        {
            throw new ArgumentException(path + " is nested more than 64 levels deep.", paramName);
        }

        switch (value)
        {
            case null:
                return;
            case JValue jv:
                WireScalar(jv.Value, paramName, path);
                return;
            case JObject jo:
                foreach (var property in jo.Properties())
                {
                    var member = Member(path, property.Name);
                    WellFormed(property.Name, paramName, member);
                    WireValue(property.Value, paramName, member, depth + 1);
                }

                return;
            case JToken token:
                // JArray, JConstructor, JRaw…: their children.
                var index = 0;
                foreach (var child in token.Children())
                {
                    WireValue(child, paramName, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                    index++;
                }

                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    var member = Member(path, key);
                    WellFormed(key, paramName, member);
                    WireValue(entry.Value, paramName, member, depth + 1);
                }

                return;
            case string or char or Uri or IExtensibleEnum:
                WireScalar(value, paramName, path);
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    WireValue(item, paramName, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                    i++;
                }

                return;
            default:
                if (value.GetType().IsPrimitive || value is decimal or DateTime or DateTimeOffset or Guid or TimeSpan or Enum)
                {
                    return;
                }

                // Any other object is written as the SDK serializer writes it (a model through its generated writer).
                JToken written;
                try
                {
                    using var tokens = new JTokenWriter();
                    UntypedJson.Write(tokens, value);
                    written = tokens.Token ?? JValue.CreateNull();
                }
                catch (JsonException ex)
                {
                    throw new ArgumentException(path + " (a " + value.GetType().Name + ") cannot be written as JSON: " + ex.Message, paramName, ex);
                }

                WireValue(written, paramName, path, depth + 1);
                return;
        }
    }

    private static void WireScalar(object? value, string paramName, string path)
    {
        switch (value)
        {
            case string s:
                WellFormed(s, paramName, path);
                break;
            case char c when char.IsSurrogate(c):
                WellFormed(c.ToString(), paramName, path);
                break;
            case Uri uri:
                WellFormed(uri.OriginalString, paramName, path);
                break;
            case IExtensibleEnum e:
                WellFormed(e.Value, paramName, path);
                break;
        }
    }

    /// <summary>The path of a member: <c>path.name</c>, the name quoted when it is not plain text.</summary>
    private static string Member(string path, string name)
    {
        var quoted = Quote(name);
        return quoted.Length == name.Length + 2 ? path + "." + name : path + "[" + quoted + "]";
    }

    /// <summary>
    /// Well-formed UTF-16: every surrogate is half of a pair. A lone one is not text; encoders replace it with U+FFFD,
    /// so it would reach the server as a different value.
    /// </summary>
    public static void WellFormed(string value, string paramName, ValuePath path)
    {
        if (IndexOfLoneSurrogate(value) is var i and >= 0)
        {
            throw new ArgumentException(path + " contains an unpaired surrogate (" + Describe(value[i]) + " at index " + i.ToString(CultureInfo.InvariantCulture) + "): it is not valid text and would be sent as a different value.", paramName);
        }
    }

    /// <summary>The index of the first surrogate that is not half of a pair, or -1.</summary>
    public static int IndexOfLoneSurrogate(string value)
    {
#if NET8_0_OR_GREATER
        // A vectorized scan for the first surrogate at all: most text has none and is done here.
        var first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return -1;
        }
#else
        const int first = 0;
#endif
        for (int i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A caller's value quoted for an exception message: at most 64 characters, control characters and lone surrogates
    /// written as <c>\uXXXX</c> (a message must stay valid, one-line text).
    /// </summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        const int Max = 64;
        var sb = new StringBuilder(Math.Min(value.Length, Max) + 32);
        sb.Append('\'');
        var shown = Math.Min(value.Length, Max);
        for (int i = 0; i < shown; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('\'');
        if (value.Length > shown)
        {
            sb.Append(" (first ").Append(Max.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        }

        return sb.ToString();
    }

    private static void UrlLength(string value, string paramName, ValuePath path)
    {
        if (value.Length > MaxUrlParameterLength)
        {
            throw new ArgumentException(path + " is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long; URL parameters are limited to " + MaxUrlParameterLength.ToString(CultureInfo.InvariantCulture) + ".", paramName);
        }
    }

    private static string Describe(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

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

/// <summary>What the generated models with <c>AdditionalProperties</c> expose to request validation (emitted in ModelSerializers.g.cs).</summary>
internal interface IExtensionData
{
    /// <summary>The extension data, or <see langword="null"/> when never touched (read without creating it).</summary>
    IDictionary<string, object>? ExtensionData { get; }
}

/// <summary>
/// The JSON path of a value in a validation message, as a prefix and a member (<c>request</c> and <c>.account_id</c>):
/// joined only when a message is written, so a valid body costs no string per checked member. A string converts to it.
/// </summary>
internal readonly struct ValuePath
{
    private readonly string? _prefix;
    private readonly string? _member;

    public ValuePath(string prefix, string member)
    {
        _prefix = prefix;
        _member = member;
    }

    private ValuePath(string? path)
    {
        _prefix = path;
        _member = null;
    }

    /// <summary>No path (<see cref="Validate.NotNull{T}(T, string, ValuePath)"/> then names the argument).</summary>
    public bool IsEmpty => _prefix is null;

    public static implicit operator ValuePath(string? path) => new(path);

    public override string ToString() => _member is null ? _prefix ?? string.Empty : _prefix + _member;
}
