using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace PostPress.Serialization;

/// <summary>
/// The wire forms of the string formats of the spec (besides <c>date-time</c>, see <see cref="UtcDateTimeOffsetJsonConverter"/>),
/// shared by the generated readers/writers (<c>ModelSerializers.g.cs</c>) and Json.NET's reflection path
/// (<see cref="PostPressContractResolver"/> sets them on the members of the SDK's models only, never globally, so a
/// caller's own <see cref="DateTime"/> or <see cref="TimeSpan"/> members keep Json.NET's defaults):
/// <list type="table">
/// <item><term><c>date</c></term><description><see cref="DateTime"/> (date part, <see cref="DateTimeKind.Unspecified"/>), <c>YYYY-MM-DD</c>.</description></item>
/// <item><term><c>time</c></term><description><see cref="TimeSpan"/> (time of day, 0 ≤ t &lt; 24h), <c>HH:MM:SS[.f…]</c>.</description></item>
/// <item><term><c>duration</c></term><description><see cref="TimeSpan"/>, ISO 8601 <c>[-]PnDTnHnMn[.f…]S</c> (no years, months, weeks).</description></item>
/// <item><term><c>uuid</c></term><description><see cref="Guid"/>, lowercase <c>D</c> form.</description></item>
/// <item><term><c>uri</c></term><description><see cref="Uri"/>, absolute or relative, written as its original string.</description></item>
/// <item><term><c>byte</c></term><description><c>byte[]</c>, base64.</description></item>
/// <item><term><c>float</c></term><description><see cref="float"/>, shortest round-trip text.</description></item>
/// </list>
/// Bad input is a <see cref="JsonSerializationException"/> with the reader's path (the client turns it into a
/// <see cref="PostPressSerializationException"/>), never a raw <see cref="FormatException"/>.
/// </summary>
internal static class WireFormats
{
    /// <summary>The converter for a member of <paramref name="type"/> (nullable forms included), or null.</summary>
    /// <param name="type">The member's type.</param>
    /// <returns>The converter.</returns>
    public static JsonConverter? ConverterFor(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare == typeof(DateTime))
        {
            return DateOnlyJsonConverter.Instance;
        }

        if (bare == typeof(TimeSpan))
        {
            return IsoDurationJsonConverter.Instance;
        }

        if (bare == typeof(Guid))
        {
            return UuidJsonConverter.Instance;
        }

        if (bare == typeof(Uri))
        {
            return UriJsonConverter.Instance;
        }

        if (bare == typeof(byte[]))
        {
            return Base64JsonConverter.Instance;
        }

        if (bare == typeof(float))
        {
            return SingleJsonConverter.Instance;
        }

        return null;
    }

    /// <summary>The item type of a list member type (<c>IList&lt;T&gt;</c>, <c>List&lt;T&gt;</c>, ...), or null.</summary>
    /// <param name="type">The member's type.</param>
    /// <returns>The item type.</returns>
    public static Type? ListItemType(Type type)
    {
        if (type.IsGenericType && type.GetGenericArguments().Length == 1)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(ICollection<>) || definition == typeof(IEnumerable<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>Reads the current string token's text; <see langword="null"/> for null, or for <c>""</c> when <paramref name="nullable"/>.</summary>
    internal static string? Text(JsonReader reader, bool nullable, string what)
    {
        switch (reader.TokenType)
        {
            case JsonToken.String:
                var text = (string)reader.Value!;
                if (text.Length == 0 && nullable)
                {
                    return null;
                }

                return text;
            case JsonToken.Date:
                // Only when the caller's own settings parse dates (the SDK's use DateParseHandling.None), and only for a
                // date-time text, which none of these formats accepts: judged as that text, as with the SDK's settings.
                return reader.Value switch
                {
                    DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
                    DateTimeOffset o => o.ToString("o", CultureInfo.InvariantCulture),
                    _ => throw WireErrors.Create(reader, $"Unexpected date value for a {what}."),
                };
            case JsonToken.Null:
            case JsonToken.Undefined:
                if (nullable)
                {
                    return null;
                }

                throw WireErrors.Create(reader, $"null is not a valid {what}.");
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} for a {what}.");
        }
    }

    internal static JsonSerializationException Invalid(JsonReader reader, string? text, string what) =>
        WireErrors.Create(reader, $"The value {WireErrors.Describe(text)} is not a valid {what}.");

    internal static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

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

    /// <summary>Appends a fraction of a second (0 to 9,999,999 ticks) as <c>.f…</c> without trailing zeros, or nothing.</summary>
    internal static void AppendFraction(StringBuilder sb, long ticks)
    {
        if (ticks == 0)
        {
            return;
        }

        string digits = ticks.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        sb.Append('.').Append(digits);
    }

    /// <summary>Parses <c>.f…</c> (1 to 7 digits) at <paramref name="i"/>; advances past it.</summary>
    internal static bool Fraction(string text, ref int i, out long ticks)
    {
        ticks = 0;
        if (i >= text.Length || text[i] != '.')
        {
            return true;
        }

        int start = ++i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            ticks = (ticks * 10) + (text[i] - '0');
            i++;
        }

        int digits = i - start;
        if (digits < 1 || digits > 7)
        {
            return false;
        }

        for (; digits < 7; digits++)
        {
            ticks *= 10;
        }

        return true;
    }
}

/// <summary>Base of the format converters: a nullable form reads <c>null</c> and <c>""</c> as null.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal abstract class FormatJsonConverter<T> : JsonConverter
{
    /// <summary>Gets the name of the format in messages.</summary>
    protected abstract string What { get; }

    /// <summary>Gets the name of the format in messages (for the System.Text.Json readers, which share these rules).</summary>
    internal string FormatName => What;

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || Nullable.GetUnderlyingType(objectType) == typeof(T);

    /// <summary>Formats a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The wire text.</returns>
    public abstract string Format(T value);

    /// <summary>Parses wire text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the text is valid.</returns>
    public abstract bool TryParse(string text, out T value);

    /// <summary>Reads the current token (not null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public T Read(JsonReader reader)
    {
        string text = WireFormats.Text(reader, nullable: false, What)!;
        return TryParse(text, out var value) ? value : throw WireFormats.Invalid(reader, text, What);
    }

    /// <summary>Reads the current token; <c>null</c> and <c>""</c> are null.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="isNull">Set when the token was <c>null</c> or <c>""</c>.</param>
    /// <returns>The value, or <see langword="default"/> with <paramref name="isNull"/> set.</returns>
    public T ReadOrNull(JsonReader reader, out bool isNull)
    {
        string? text = WireFormats.Text(reader, nullable: true, What);
        isNull = text is null;
        if (text is null)
        {
            return default!;
        }

        return TryParse(text, out var value) ? value : throw WireFormats.Invalid(reader, text, What);
    }

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        bool nullable = objectType != typeof(T) || !typeof(T).IsValueType;
        if (nullable)
        {
            var value = ReadOrNull(reader, out bool isNull);
            return isNull ? null : value;
        }

        return Read(reader);
    }

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is T typed)
        {
            writer.WriteValue(Format(typed));
        }
        else
        {
            writer.WriteNull();
        }
    }
}

/// <summary><c>format: date</c> as <see cref="DateTime"/> (date part only, <see cref="DateTimeKind.Unspecified"/>): <c>YYYY-MM-DD</c> on the wire.</summary>
internal sealed class DateOnlyJsonConverter : FormatJsonConverter<DateTime>
{
    /// <summary>Gets the shared instance.</summary>
    public static DateOnlyJsonConverter Instance { get; } = new DateOnlyJsonConverter();

    /// <inheritdoc/>
    protected override string What => "date (YYYY-MM-DD)";

    /// <inheritdoc/>
    public override string Format(DateTime value) => value.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override bool TryParse(string text, out DateTime value)
    {
        value = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !WireFormats.Digits(text, 0, 4, out int year) || !WireFormats.Digits(text, 5, 2, out int month) || !WireFormats.Digits(text, 8, 2, out int day)
            || year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }
}

/// <summary><c>format: time</c> as <see cref="TimeSpan"/> (a time of day, 00:00:00 to 23:59:59.9999999): <c>HH:MM:SS[.f…]</c> on the wire.</summary>
internal sealed class TimeOfDayJsonConverter : FormatJsonConverter<TimeSpan>
{
    /// <summary>Gets the shared instance.</summary>
    public static TimeOfDayJsonConverter Instance { get; } = new TimeOfDayJsonConverter();

    /// <inheritdoc/>
    protected override string What => "time of day (HH:MM:SS[.fff])";

    /// <summary>Whether <paramref name="value"/> is a time of day.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True for 0 ≤ value &lt; 24 h.</returns>
    public static bool IsTimeOfDay(TimeSpan value) => value >= TimeSpan.Zero && value < TimeSpan.FromDays(1);

    /// <inheritdoc/>
    public override string Format(TimeSpan value)
    {
        if (!IsTimeOfDay(value))
        {
            throw new JsonSerializationException($"The value {value} is not a time of day (00:00:00 to 23:59:59.9999999).");
        }

        var sb = new StringBuilder(16);
        sb.Append(value.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(value.Minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(value.Seconds.ToString("00", CultureInfo.InvariantCulture));
        WireFormats.AppendFraction(sb, value.Ticks % TimeSpan.TicksPerSecond);
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length < 8 || text[2] != ':' || text[5] != ':'
            || !WireFormats.Digits(text, 0, 2, out int hours) || !WireFormats.Digits(text, 3, 2, out int minutes) || !WireFormats.Digits(text, 6, 2, out int seconds)
            || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        int i = 8;
        if (!WireFormats.Fraction(text, ref i, out long fraction) || i != text.Length)
        {
            return false;
        }

        value = new TimeSpan(hours, minutes, seconds) + TimeSpan.FromTicks(fraction);
        return true;
    }
}

/// <summary>
/// <c>format: duration</c> as <see cref="TimeSpan"/>: ISO 8601 <c>[-]P[nD][T[nH][nM][n[.f…]S]]</c> on the wire, written in
/// its canonical form (zero parts left out, <c>PT0S</c> for zero). Years, months and weeks are refused: they have no
/// exact length.
/// </summary>
internal sealed class IsoDurationJsonConverter : FormatJsonConverter<TimeSpan>
{
    /// <summary>Gets the shared instance.</summary>
    public static IsoDurationJsonConverter Instance { get; } = new IsoDurationJsonConverter();

    /// <inheritdoc/>
    protected override string What => "ISO 8601 duration (PnDTnHnMnS)";

    /// <inheritdoc/>
    public override string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var sb = new StringBuilder(24);
        long ticks = value.Ticks;
        if (ticks < 0)
        {
            sb.Append('-');
        }

        // TimeSpan.MinValue has no positive counterpart: work on the unsigned magnitude.
        ulong magnitude = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        ulong days = magnitude / (ulong)TimeSpan.TicksPerDay;
        ulong rest = magnitude % (ulong)TimeSpan.TicksPerDay;
        ulong hours = rest / (ulong)TimeSpan.TicksPerHour;
        rest %= (ulong)TimeSpan.TicksPerHour;
        ulong minutes = rest / (ulong)TimeSpan.TicksPerMinute;
        rest %= (ulong)TimeSpan.TicksPerMinute;
        ulong seconds = rest / (ulong)TimeSpan.TicksPerSecond;
        long fraction = (long)(rest % (ulong)TimeSpan.TicksPerSecond);
        sb.Append('P');
        if (days > 0)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours > 0 || minutes > 0 || seconds > 0 || fraction > 0)
        {
            sb.Append('T');
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes > 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (seconds > 0 || fraction > 0)
            {
                sb.Append(seconds.ToString(CultureInfo.InvariantCulture));
                WireFormats.AppendFraction(sb, fraction);
                sb.Append('S');
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        int i = 0;
        bool negative = false;
        if (i < text.Length && text[i] == '-')
        {
            negative = true;
            i++;
        }

        if (i >= text.Length || text[i] != 'P')
        {
            return false;
        }

        i++;
        decimal total = 0;
        bool any = false;
        bool inTime = false;
        int lastOrder = -1;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime || i + 1 >= text.Length)
                {
                    return false;
                }

                inTime = true;
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }

            if (i == start || i - start > 18)
            {
                return false;
            }

            long whole = long.Parse(text.Substring(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            long fraction = 0;
            if (i < text.Length && text[i] == '.')
            {
                if (!WireFormats.Fraction(text, ref i, out fraction))
                {
                    return false;
                }
            }

            if (i >= text.Length)
            {
                return false;
            }

            char unit = text[i++];
            int order;
            decimal ticksPerUnit;
            switch (unit)
            {
                case 'D' when !inTime:
                    order = 0;
                    ticksPerUnit = TimeSpan.TicksPerDay;
                    break;
                case 'H' when inTime:
                    order = 1;
                    ticksPerUnit = TimeSpan.TicksPerHour;
                    break;
                case 'M' when inTime:
                    order = 2;
                    ticksPerUnit = TimeSpan.TicksPerMinute;
                    break;
                case 'S' when inTime:
                    order = 3;
                    ticksPerUnit = TimeSpan.TicksPerSecond;
                    break;
                default:
                    return false;
            }

            if (order <= lastOrder || (fraction != 0 && unit != 'S'))
            {
                return false;
            }

            lastOrder = order;

            // TimeSpan.MinValue has one tick more than MaxValue; decimal holds either without overflowing.
            decimal limit = negative ? -(decimal)TimeSpan.MinValue.Ticks : TimeSpan.MaxValue.Ticks;
            if (whole > limit / ticksPerUnit)
            {
                return false;
            }

            total += (whole * ticksPerUnit) + fraction;
            any = true;
            if (total > limit)
            {
                return false;
            }
        }

        if (!any)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(negative ? -total : total));
        return true;
    }
}

/// <summary><c>format: uuid</c> as <see cref="Guid"/>: the <c>D</c> form (any case read; lowercase written).</summary>
internal sealed class UuidJsonConverter : FormatJsonConverter<Guid>
{
    /// <summary>Gets the shared instance.</summary>
    public static UuidJsonConverter Instance { get; } = new UuidJsonConverter();

    /// <inheritdoc/>
    protected override string What => "UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)";

    /// <inheritdoc/>
    public override string Format(Guid value) => value.ToString("D");

    /// <inheritdoc/>
    public override bool TryParse(string text, out Guid value) => Guid.TryParseExact(text, "D", out value);
}

/// <summary><c>format: uri</c> (and <c>uri-reference</c>) as <see cref="Uri"/>: absolute or relative as received, written back as its original string.</summary>
internal sealed class UriJsonConverter : FormatJsonConverter<Uri>
{
    /// <summary>Gets the shared instance.</summary>
    public static UriJsonConverter Instance { get; } = new UriJsonConverter();

    /// <inheritdoc/>
    protected override string What => "URI";

    /// <inheritdoc/>
    public override string Format(Uri value) => value.OriginalString;

    /// <inheritdoc/>
    public override bool TryParse(string text, out Uri value)
    {
        if (Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri))
        {
            value = uri;
            return true;
        }

        value = null!;
        return false;
    }
}

/// <summary><c>format: byte</c> as <c>byte[]</c>: base64 (RFC 4648, with padding) on the wire.</summary>
internal sealed class Base64JsonConverter : FormatJsonConverter<byte[]>
{
    /// <summary>Gets the shared instance.</summary>
    public static Base64JsonConverter Instance { get; } = new Base64JsonConverter();

    /// <inheritdoc/>
    protected override string What => "base64 string";

    /// <inheritdoc/>
    public override string Format(byte[] value) => Convert.ToBase64String(value);

    /// <inheritdoc/>
    public override bool TryParse(string text, out byte[] value)
    {
        value = null!;
        if (text.Length % 4 != 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='))
            {
                return false;
            }
        }

        try
        {
            value = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>
/// <c>format: float</c> as <see cref="float"/>: a JSON number (or numeric string) in range, written with Json.NET's
/// shortest round-trip text (<c>1.5</c>, <c>1.0</c> for whole values).
/// </summary>
internal sealed class SingleJsonConverter : JsonConverter
{
    /// <summary>Gets the shared instance.</summary>
    public static SingleJsonConverter Instance { get; } = new SingleJsonConverter();

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => objectType == typeof(float) || objectType == typeof(float?);

    /// <summary>Reads the current token as a float.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static float Read(JsonReader reader) => ReadNullable(reader, nullable: false) ?? 0;

    /// <summary>Reads the current token as a nullable float (<c>null</c> and <c>""</c> are null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static float? ReadNullable(JsonReader reader) => ReadNullable(reader, nullable: true);

    private static float? ReadNullable(JsonReader reader, bool nullable)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonToken.Float:
            case JsonToken.Integer:
                value = Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture);
                break;
            case JsonToken.String:
                var text = (string)reader.Value!;
                if (text.Length == 0 && nullable)
                {
                    return null;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    throw WireFormats.Invalid(reader, text, "32-bit floating-point number");
                }

                break;
            case JsonToken.Null:
            case JsonToken.Undefined:
                if (nullable)
                {
                    return null;
                }

                throw WireErrors.Create(reader, "null is not a valid 32-bit floating-point number.");
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} for a 32-bit floating-point number.");
        }

        float result = (float)value;
        if (float.IsInfinity(result) && !double.IsInfinity(value))
        {
            throw WireErrors.Create(reader, $"The value {WireErrors.Describe(value)} is out of the range of a 32-bit floating-point number.");
        }

        return result;
    }

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        objectType == typeof(float?) ? ReadNullable(reader) : Read(reader);

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is float f)
        {
            writer.WriteValue(f);
        }
        else
        {
            writer.WriteNull();
        }
    }
}

/// <summary>The format readers and writers of the generated model serializers (no boxing).</summary>
internal static class FormatValues
{
    /// <summary>Reads a <c>uuid</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static Guid Uuid(JsonReader reader) => UuidJsonConverter.Instance.Read(reader);

    /// <summary>Reads a nullable <c>uuid</c> (<c>null</c>, <c>""</c>: null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static Guid? NullableUuid(JsonReader reader)
    {
        var value = UuidJsonConverter.Instance.ReadOrNull(reader, out bool isNull);
        return isNull ? null : value;
    }

    /// <summary>Reads a <c>date</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static DateTime Date(JsonReader reader) => DateOnlyJsonConverter.Instance.Read(reader);

    /// <summary>Reads a nullable <c>date</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static DateTime? NullableDate(JsonReader reader)
    {
        var value = DateOnlyJsonConverter.Instance.ReadOrNull(reader, out bool isNull);
        return isNull ? null : value;
    }

    /// <summary>Reads a <c>time</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static TimeSpan Time(JsonReader reader) => TimeOfDayJsonConverter.Instance.Read(reader);

    /// <summary>Reads a nullable <c>time</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static TimeSpan? NullableTime(JsonReader reader)
    {
        var value = TimeOfDayJsonConverter.Instance.ReadOrNull(reader, out bool isNull);
        return isNull ? null : value;
    }

    /// <summary>Reads a <c>duration</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static TimeSpan Duration(JsonReader reader) => IsoDurationJsonConverter.Instance.Read(reader);

    /// <summary>Reads a nullable <c>duration</c>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static TimeSpan? NullableDuration(JsonReader reader)
    {
        var value = IsoDurationJsonConverter.Instance.ReadOrNull(reader, out bool isNull);
        return isNull ? null : value;
    }

    /// <summary>Reads a <c>uri</c> (<c>null</c>, <c>""</c>: null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static Uri? Uri(JsonReader reader)
    {
        var value = UriJsonConverter.Instance.ReadOrNull(reader, out bool isNull);
        return isNull ? null : value;
    }

    /// <summary>Reads a <c>byte</c> (base64; <c>null</c>, <c>""</c>: null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static byte[]? Bytes(JsonReader reader)
    {
        var value = Base64JsonConverter.Instance.ReadOrNull(reader, out bool isNull);
        return isNull ? null : value;
    }
}
