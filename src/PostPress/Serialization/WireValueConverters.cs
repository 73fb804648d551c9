using System;
using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace PostPress.Serialization;

/// <summary>
/// Reads <c>int</c>/<c>long</c> (and nullable) fields strictly: a JSON number with a fraction (<c>1.5</c>) or out of
/// range is a <see cref="JsonSerializationException"/> (the client turns it into a
/// <see cref="PostPressSerializationException"/>) instead of being rounded. <c>1.0</c>, <c>1e3</c> and integer strings
/// (<c>"42"</c>) are accepted as before. Writing is left to the serializer.
/// </summary>
internal sealed class StrictIntegerJsonConverter : JsonConverter
{
    /// <summary>Gets the shared instance.</summary>
    public static StrictIntegerJsonConverter Instance { get; } = new StrictIntegerJsonConverter();

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <summary>Whether the converter handles <paramref name="type"/>.</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for <c>int</c>, <c>long</c> and their nullable forms.</returns>
    public static bool Handles(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(int?) || type == typeof(long?);

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => Handles(objectType);

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        bool isLong = objectType == typeof(long) || objectType == typeof(long?);
        bool nullable = objectType == typeof(int?) || objectType == typeof(long?);
        if (!TryRead(reader, isLong, nullable, out long value))
        {
            return null;
        }

        // Boxed as the member's own type (a long boxed for an int member cannot be set).
        return isLong ? (object)value : (int)value;
    }

    /// <summary>Reads the current token as a 32-bit integer (the generated readers' path: no boxing, no converter call).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static int ReadInt32(JsonReader reader)
    {
        TryRead(reader, isLong: false, nullable: false, out long value);
        return (int)value;
    }

    /// <summary>Reads the current token as a nullable 32-bit integer.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null for <c>null</c> and <c>""</c>.</returns>
    public static int? ReadNullableInt32(JsonReader reader) => TryRead(reader, isLong: false, nullable: true, out long value) ? (int)value : null;

    /// <summary>Reads the current token as a 64-bit integer.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static long ReadInt64(JsonReader reader)
    {
        TryRead(reader, isLong: true, nullable: false, out long value);
        return value;
    }

    /// <summary>Reads the current token as a nullable 64-bit integer.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null for <c>null</c> and <c>""</c>.</returns>
    public static long? ReadNullableInt64(JsonReader reader) => TryRead(reader, isLong: true, nullable: true, out long value) ? value : null;

    /// <summary>The one set of rules: false only for an accepted null (<paramref name="nullable"/>); throws otherwise.</summary>
    private static bool TryRead(JsonReader reader, bool isLong, bool nullable, out long result)
    {
        Type objectType = isLong ? (nullable ? typeof(long?) : typeof(long)) : (nullable ? typeof(int?) : typeof(int));
        object? value = reader.Value;
        switch (reader.TokenType)
        {
            case JsonToken.Integer:
                if (value is long l)
                {
                    result = isLong ? l : CheckInt32(reader, l, objectType);
                    return true;
                }

                if (value is int i)
                {
                    result = i;
                    return true;
                }

                if (value is BigInteger big && big >= long.MinValue && big <= long.MaxValue)
                {
                    result = isLong ? (long)big : CheckInt32(reader, (long)big, objectType);
                    return true;
                }

                throw Error(reader, objectType, value);
            case JsonToken.Float:
                long whole;
                if (value is double d)
                {
                    if (Math.Floor(d) != d || d < long.MinValue || d >= 9223372036854775808.0)
                    {
                        throw Error(reader, objectType, value);
                    }

                    whole = (long)d;
                }
                else if (value is decimal m)
                {
                    if (decimal.Truncate(m) != m || m < long.MinValue || m > long.MaxValue)
                    {
                        throw Error(reader, objectType, value);
                    }

                    whole = (long)m;
                }
                else
                {
                    throw Error(reader, objectType, value);
                }

                result = isLong ? whole : CheckInt32(reader, whole, objectType);
                return true;
            case JsonToken.String:
                var text = (string?)value;
                if (string.IsNullOrEmpty(text) && nullable)
                {
                    result = 0;
                    return false;
                }

                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed))
                {
                    result = isLong ? parsed : CheckInt32(reader, parsed, objectType);
                    return true;
                }

                throw Error(reader, objectType, value);
            case JsonToken.Null:
            case JsonToken.Undefined:
                if (nullable)
                {
                    result = 0;
                    return false;
                }

                throw Error(reader, objectType, null);
            default:
                throw Error(reader, objectType, reader.TokenType);
        }
    }

    private static long CheckInt32(JsonReader reader, long value, Type objectType)
    {
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw Error(reader, objectType, value);
        }

        return value;
    }

    private static JsonSerializationException Error(JsonReader reader, Type objectType, object? value) =>
        WireErrors.Create(reader, $"The value {WireErrors.Describe(value)} is not a valid {(objectType == typeof(int) || objectType == typeof(int?) ? "32-bit" : "64-bit")} integer.");
}

/// <summary>
/// Reads <see cref="DateTimeOffset"/> fields from their ISO 8601 text (no offset means UTC) and writes them in the API's
/// documented format, UTC with milliseconds: <c>YYYY-MM-DDTHH:MM:SS.sssZ</c>. So a value read as
/// <c>2026-04-12T09:14:21.000Z</c> is written back exactly so (Json.NET's default would be <c>2026-04-12T09:14:21+00:00</c>).
/// </summary>
internal sealed class UtcDateTimeOffsetJsonConverter : JsonConverter
{
    /// <summary>The documented wire format.</summary>
    public const string WireFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <summary>Gets the shared instance.</summary>
    public static UtcDateTimeOffsetJsonConverter Instance { get; } = new UtcDateTimeOffsetJsonConverter();

    /// <summary>Whether the converter handles <paramref name="type"/>.</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for <see cref="DateTimeOffset"/> and its nullable form.</returns>
    public static bool Handles(Type type) => type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?);

    /// <summary>Formats a value in the wire format.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, e.g. <c>2026-04-12T09:14:21.000Z</c>.</returns>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => Handles(objectType);

    /// <summary>
    /// The fast path for the form the API writes, <c>YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)</c> (1 to 7 fraction digits):
    /// parsed by hand, with the same result as <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>
    /// (invariant culture, assume universal). Anything else (no offset, other separators, a leap second, out of range)
    /// returns <see langword="false"/> and goes to that general parser.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the text had the API's form.</returns>
    internal static bool TryParseIso(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out int year) || !Digits(text, 5, 2, out int month) || !Digits(text, 8, 2, out int day)
            || !Digits(text, 11, 2, out int hour) || !Digits(text, 14, 2, out int minute) || !Digits(text, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        if (!WireFormats.Fraction(text, ref i, out long fraction))
        {
            return false;
        }

        if (i >= text.Length)
        {
            return false;
        }

        TimeSpan offset;
        char sign = text[i];
        if ((sign == 'Z' || sign == 'z') && i + 1 == text.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if ((sign == '+' || sign == '-') && i + 6 == text.Length && text[i + 3] == ':'
            && Digits(text, i + 1, 2, out int offsetHours) && Digits(text, i + 4, 2, out int offsetMinutes) && offsetMinutes < 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (sign == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offset > TimeSpan.FromHours(14) || offset < TimeSpan.FromHours(-14))
        {
            return false;
        }

        long ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction;
        long utcTicks = ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, offset);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int d = text[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is DateTimeOffset d)
        {
            writer.WriteValue(Format(d));
        }
        else
        {
            writer.WriteNull();
        }
    }

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        objectType == typeof(DateTimeOffset?) ? ReadNullable(reader) : Read(reader);

    /// <summary>Reads the current token as a date-time (the generated readers' path: no boxing).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static DateTimeOffset Read(JsonReader reader) => TryRead(reader, nullable: false, out var value) ? value : default;

    /// <summary>Reads the current token as a nullable date-time.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null for <c>null</c> and <c>""</c>.</returns>
    public static DateTimeOffset? ReadNullable(JsonReader reader) => TryRead(reader, nullable: true, out var value) ? value : null;

    private static bool TryRead(JsonReader reader, bool nullable, out DateTimeOffset result)
    {
        result = default;
        switch (reader.TokenType)
        {
            case JsonToken.String:
                var text = (string?)reader.Value;
                if (string.IsNullOrEmpty(text) && nullable)
                {
                    return false;
                }

                if (TryParseIso(text, out result) || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result))
                {
                    return true;
                }

                throw WireErrors.Create(reader, $"The value {WireErrors.Describe(text)} is not an ISO 8601 date-time.");
            case JsonToken.Date:
                // Only when the caller's own settings parse dates (the SDK's use DateParseHandling.None).
                result = reader.Value switch
                {
                    DateTimeOffset offset => offset,
                    DateTime time => time.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(time, TimeSpan.Zero) : new DateTimeOffset(time),
                    _ => throw WireErrors.Create(reader, "Unexpected date value."),
                };
                return true;
            case JsonToken.Null:
            case JsonToken.Undefined:
                if (nullable)
                {
                    return false;
                }

                throw WireErrors.Create(reader, "null is not a valid date-time.");
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} for a date-time.");
        }
    }
}

/// <summary>Exceptions of the SDK's converters, with the reader's path and line.</summary>
internal static class WireErrors
{
    /// <summary>Creates a <see cref="JsonSerializationException"/> carrying the reader's position.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="message">The message, without position.</param>
    /// <returns>The exception.</returns>
    public static JsonSerializationException Create(JsonReader reader, string message)
    {
        string path = reader.Path;
        return reader is IJsonLineInfo info && info.HasLineInfo()
            ? new JsonSerializationException($"{message} Path '{path}', line {info.LineNumber}, position {info.LinePosition}.", path, info.LineNumber, info.LinePosition, null)
            : new JsonSerializationException($"{message} Path '{path}'.", path, 0, 0, null);
    }

    /// <summary>Describes a JSON value for a message.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Its text, quoted for strings, at most 40 characters.</returns>
    public static string Describe(object? value)
    {
        string text = value switch
        {
            null => "null",
            string s => "'" + s + "'",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return text.Length > 40 ? text.Substring(0, 40) + "…" : text;
    }
}
