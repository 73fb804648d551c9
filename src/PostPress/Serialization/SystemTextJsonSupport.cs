using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace PostPress.Serialization;

/// <summary>Reads one value with a System.Text.Json reader positioned on its first token (a generated reader).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The reader.</param>
/// <returns>The value.</returns>
internal delegate T StjValueReader<T>(ref Utf8JsonReader reader);

/// <summary>
/// What the generated System.Text.Json converters (<c>obj/generated/SystemTextJsonConverters.g.cs</c>, emitted by
/// build/PostPress.CodeGen/SystemTextJsonEmitter.cs) share: the scalar rules of the SDK's Json.NET path (the generated
/// Json.NET readers, <see cref="StrictIntegerJsonConverter"/>, <see cref="UtcDateTimeOffsetJsonConverter"/>, the format
/// converters' own <c>TryParse</c>/<c>Format</c>) applied to <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/>,
/// untyped values (read as Json.NET reads them: <see cref="JObject"/>, <see cref="JArray"/>, <see cref="long"/>,
/// <see cref="double"/>, ...), and the errors: a <see cref="JsonException"/> (System.Text.Json's convention for
/// converters; the serializer adds the path). Every method that reads expects the reader on the value's first token and
/// leaves it on its last one.
/// </summary>
internal static class SystemTextJsonSupport
{
    [ThreadStatic]
    private static int _writeDepth;

    /// <summary>Reads the next token (comments skipped); the end of the input is an error.</summary>
    /// <param name="reader">The reader.</param>
    public static void Next(ref Utf8JsonReader reader)
    {
        do
        {
            if (!reader.Read())
            {
                throw new JsonException("Unexpected end of JSON.");
            }
        }
        while (reader.TokenType == JsonTokenType.Comment);
    }

    /// <summary>Moves to the next member of the object being read.</summary>
    /// <param name="reader">The reader, on the object's <c>{</c> or on the last token of the previous member's value.</param>
    /// <param name="name">The member's name.</param>
    /// <returns><see langword="true"/> with the reader on the member's name; <see langword="false"/> on the object's <c>}</c>.</returns>
    public static bool NextMember(ref Utf8JsonReader reader, out string name)
    {
        Next(ref reader);
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                name = reader.GetString()!;
                return true;
            case JsonTokenType.EndObject:
                name = string.Empty;
                return false;
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} in a JSON object.");
        }
    }

    /// <summary>Whether the current token is <c>null</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns><see langword="true"/> for null.</returns>
    public static bool IsNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null;

    /// <summary>Whether the current token is <c>""</c> (read as null for an object, an array, a nullable value, as Json.NET does).</summary>
    /// <param name="reader">The reader.</param>
    /// <returns><see langword="true"/> for an empty string.</returns>
    public static bool IsEmptyString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) == 0;

    /// <summary>Checks that the current token starts an object (or is null) before a model is read.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="type">The model's name, for the message.</param>
    /// <param name="emptyStringIsNull">Whether <c>""</c> reads as null (a model's rule; a union refuses it).</param>
    /// <returns><see langword="false"/> for null.</returns>
    public static bool StartObject(ref Utf8JsonReader reader, string type, bool emptyStringIsNull = true)
    {
        while (reader.TokenType is JsonTokenType.None or JsonTokenType.Comment)
        {
            Next(ref reader);
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        if (IsNull(ref reader) || (emptyStringIsNull && IsEmptyString(ref reader)))
        {
            return false;
        }

        throw new JsonException($"Expected a JSON object for {type} but found {reader.TokenType}.");
    }

    /// <summary>The member name a JSON name matches ignoring case (Json.NET's second lookup), or null.</summary>
    /// <param name="name">The JSON name as received.</param>
    /// <param name="declared">The declared JSON names.</param>
    /// <returns>The declared name, or null.</returns>
    public static string? MatchIgnoringCase(string name, string[] declared) => ModelSerializerSupport.MatchIgnoringCase(name, declared);

    /// <summary>
    /// Reads a string member as Json.NET does: a number as its text as written, a boolean as <c>true</c>/<c>false</c>; for
    /// a member Json.NET replays (<paramref name="replayed"/>: read before a union's deciding member) a number as its
    /// invariant value text (<c>993.0</c> is <c>"993"</c>) and a boolean as <c>True</c>/<c>False</c>.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="replayed">Whether Json.NET reads this member from replayed tokens.</param>
    /// <returns>The text, or null.</returns>
    public static string? String(ref Utf8JsonReader reader, bool replayed = false)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return replayed ? Convert.ToString(NumberValue(ref reader), CultureInfo.InvariantCulture) : RawText(ref reader);
            case JsonTokenType.True:
                return replayed ? bool.TrueString : "true";
            case JsonTokenType.False:
                return replayed ? bool.FalseString : "false";
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} when reading a string.");
        }
    }

    /// <summary>Reads a JSON array of strings (each as <see cref="String"/>).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="replayed">Whether Json.NET reads this member from replayed tokens.</param>
    /// <returns>The list, or null for <c>null</c> and <c>""</c>.</returns>
    public static List<string>? StringList(ref Utf8JsonReader reader, bool replayed = false) =>
        replayed
            ? List(ref reader, static (ref Utf8JsonReader r) => String(ref r, replayed: true)!)
            : List(ref reader, static (ref Utf8JsonReader r) => String(ref r)!);

    /// <summary>Reads a boolean as Json.NET does.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static bool Boolean(ref Utf8JsonReader reader) => NullableBoolean(ref reader) ?? throw new JsonException("null is not a valid boolean.");

    /// <summary>Reads a nullable boolean as Json.NET does (a number: non-zero is true; the strings "true"/"false"; <c>""</c> is null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static bool? NullableBoolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return Number(ref reader) != 0;
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length == 0)
                {
                    return null;
                }

                return bool.TryParse(text, out bool parsed) ? parsed : throw new JsonException($"Could not convert string to boolean: {WireErrors.Describe(text)}.");
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} when reading a boolean.");
        }
    }

    /// <summary>Reads a number as Json.NET does.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static double Double(ref Utf8JsonReader reader) => NullableDouble(ref reader) ?? throw new JsonException("null is not a valid number.");

    /// <summary>Reads a nullable number as Json.NET does (strings parsed invariantly; <c>""</c> is null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static double? NullableDouble(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return Number(ref reader);
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length == 0)
                {
                    return null;
                }

                return double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out double parsed)
                    ? parsed
                    : throw new JsonException($"Could not convert string to double: {WireErrors.Describe(text)}.");
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} when reading a number.");
        }
    }

    /// <summary>Reads a <c>format: float</c> as <see cref="SingleJsonConverter"/> does.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static float Single(ref Utf8JsonReader reader) => NullableSingle(ref reader, nullable: false) ?? 0;

    /// <summary>Reads a nullable <c>format: float</c> (<c>null</c> and <c>""</c> are null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static float? NullableSingle(ref Utf8JsonReader reader) => NullableSingle(ref reader, nullable: true);

    private static float? NullableSingle(ref Utf8JsonReader reader, bool nullable)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                value = Number(ref reader);
                break;
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length == 0 && nullable)
                {
                    return null;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    throw new JsonException($"The value {WireErrors.Describe(text)} is not a valid 32-bit floating-point number.");
                }

                break;
            case JsonTokenType.Null when nullable:
                return null;
            case JsonTokenType.Null:
                throw new JsonException("null is not a valid 32-bit floating-point number.");
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} for a 32-bit floating-point number.");
        }

        float result = (float)value;
        if (float.IsInfinity(result) && !double.IsInfinity(value))
        {
            throw new JsonException($"The value {WireErrors.Describe(value)} is out of the range of a 32-bit floating-point number.");
        }

        return result;
    }

    /// <summary>Reads a 32-bit integer with <see cref="StrictIntegerJsonConverter"/>'s rules.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static int Int32(ref Utf8JsonReader reader)
    {
        Integer(ref reader, isLong: false, nullable: false, out long value);
        return (int)value;
    }

    /// <summary>Reads a nullable 32-bit integer (<c>null</c> and <c>""</c> are null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static int? NullableInt32(ref Utf8JsonReader reader) => Integer(ref reader, isLong: false, nullable: true, out long value) ? (int)value : null;

    /// <summary>Reads a 64-bit integer with <see cref="StrictIntegerJsonConverter"/>'s rules.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static long Int64(ref Utf8JsonReader reader)
    {
        Integer(ref reader, isLong: true, nullable: false, out long value);
        return value;
    }

    /// <summary>Reads a nullable 64-bit integer (<c>null</c> and <c>""</c> are null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static long? NullableInt64(ref Utf8JsonReader reader) => Integer(ref reader, isLong: true, nullable: true, out long value) ? value : null;

    private static bool Integer(ref Utf8JsonReader reader, bool isLong, bool nullable, out long result)
    {
        string what = isLong ? "64-bit" : "32-bit";
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out result))
                {
                    return Range(result, isLong, what);
                }

                // A whole number written with a fraction or exponent (5.0, 1e3) is accepted, as Json.NET's Float token is.
                if (reader.TryGetDouble(out double d) && Math.Floor(d) == d && d >= long.MinValue && d < 9223372036854775808.0)
                {
                    result = (long)d;
                    return Range(result, isLong, what);
                }

                throw new JsonException($"The value {RawText(ref reader)} is not a valid {what} integer.");
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length == 0 && nullable)
                {
                    result = 0;
                    return false;
                }

                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out result))
                {
                    return Range(result, isLong, what);
                }

                throw new JsonException($"The value {WireErrors.Describe(text)} is not a valid {what} integer.");
            case JsonTokenType.Null when nullable:
                result = 0;
                return false;
            case JsonTokenType.Null:
                throw new JsonException($"The value null is not a valid {what} integer.");
            default:
                throw new JsonException($"The value {reader.TokenType} is not a valid {what} integer.");
        }
    }

    private static bool Range(long value, bool isLong, string what) =>
        isLong || (value >= int.MinValue && value <= int.MaxValue) ? true : throw new JsonException($"The value {value.ToString(CultureInfo.InvariantCulture)} is not a valid {what} integer.");

    /// <summary>Reads a date-time with <see cref="UtcDateTimeOffsetJsonConverter"/>'s rules (ISO 8601, no offset means UTC).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static DateTimeOffset DateTimeOffset(ref Utf8JsonReader reader) => NullableDateTimeOffset(ref reader, nullable: false) ?? default;

    /// <summary>Reads a nullable date-time (<c>null</c> and <c>""</c> are null).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static DateTimeOffset? NullableDateTimeOffset(ref Utf8JsonReader reader) => NullableDateTimeOffset(ref reader, nullable: true);

    private static DateTimeOffset? NullableDateTimeOffset(ref Utf8JsonReader reader, bool nullable)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length == 0 && nullable)
                {
                    return null;
                }

                if (UtcDateTimeOffsetJsonConverter.TryParseIso(text, out var value)
                    || System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
                {
                    return value;
                }

                throw new JsonException($"The value {WireErrors.Describe(text)} is not an ISO 8601 date-time.");
            case JsonTokenType.Null when nullable:
                return null;
            case JsonTokenType.Null:
                throw new JsonException("null is not a valid date-time.");
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} for a date-time.");
        }
    }

    /// <summary>Reads a string format (date, time, duration, uuid, uri, byte) with the format converter's own parser.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="format">The format converter (its rules and its name in messages).</param>
    /// <returns>The value.</returns>
    public static T Format<T>(ref Utf8JsonReader reader, FormatJsonConverter<T> format) =>
        FormatOrNull(ref reader, format, nullable: false, out var value) ? value : throw new JsonException($"null is not a valid {format.FormatName}.");

    /// <summary>Reads a nullable string format (<c>null</c> and <c>""</c> are null).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="format">The format converter.</param>
    /// <returns>The value, or null.</returns>
    public static T? NullableFormat<T>(ref Utf8JsonReader reader, FormatJsonConverter<T> format)
        where T : struct => FormatOrNull(ref reader, format, nullable: true, out var value) ? value : null;

    /// <summary>Reads a reference-typed string format (<c>null</c> and <c>""</c> are null).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="format">The format converter.</param>
    /// <returns>The value, or null.</returns>
    public static T? FormatReference<T>(ref Utf8JsonReader reader, FormatJsonConverter<T> format)
        where T : class => FormatOrNull(ref reader, format, nullable: true, out var value) ? value : null;

    private static bool FormatOrNull<T>(ref Utf8JsonReader reader, FormatJsonConverter<T> format, bool nullable, out T value)
    {
        value = default!;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                string text = reader.GetString()!;
                if (text.Length == 0 && nullable)
                {
                    return false;
                }

                return format.TryParse(text, out value) ? true : throw new JsonException($"The value {WireErrors.Describe(text)} is not a valid {format.FormatName}.");
            case JsonTokenType.Null when nullable:
                return false;
            case JsonTokenType.Null:
                throw new JsonException($"null is not a valid {format.FormatName}.");
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} for a {format.FormatName}.");
        }
    }

    /// <summary>The wire text of an extensible enum (any string; another scalar is kept as its text, as the Json.NET converter keeps it).</summary>
    /// <param name="reader">The reader, on the value (not null).</param>
    /// <param name="type">The enum's name, for the message.</param>
    /// <returns>The wire value.</returns>
    public static string EnumText(ref Utf8JsonReader reader, string type)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Number:
                // As the Json.NET converter: the number's invariant text (993.0 is "993").
                return Convert.ToString(NumberValue(ref reader), CultureInfo.InvariantCulture)!;
            case JsonTokenType.True:
                return bool.TrueString;
            case JsonTokenType.False:
                return bool.FalseString;
            case JsonTokenType.Null:
                throw new JsonException($"Cannot convert null to {type}.");
            default:
                throw new JsonException($"Unexpected token {reader.TokenType} when reading {type}.");
        }
    }

    /// <summary>
    /// Reads a value of no declared type (<c>object</c> members, extension data) as Json.NET does: an object as a
    /// <see cref="JObject"/>, an array as a <see cref="JArray"/>, an integer as <see cref="long"/> (or <see cref="BigInteger"/>),
    /// another number as <see cref="double"/>, a string as itself (dates stay strings).
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static object? Any(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                return Token(ref reader);
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return NumberValue(ref reader);
            default:
                throw new JsonException($"Unexpected token {reader.TokenType}.");
        }
    }

    private static JToken Token(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JObject();
                while (NextMember(ref reader, out string name))
                {
                    Next(ref reader);
                    obj[name] = Token(ref reader);
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JArray();
                while (true)
                {
                    Next(ref reader);
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        return array;
                    }

                    array.Add(Token(ref reader));
                }

            case JsonTokenType.Null:
                return JValue.CreateNull();
            default:
                return new JValue(Any(ref reader));
        }
    }

    private static object NumberValue(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out long l))
        {
            return l;
        }

        string raw = RawText(ref reader);
        if (raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            return big;
        }

        return Number(ref reader);
    }

    private static double Number(ref Utf8JsonReader reader) =>
        reader.TryGetDouble(out double value) ? value : throw new JsonException($"The number {RawText(ref reader)} is out of range.");

    private static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray()) : Encoding.UTF8.GetString(reader.ValueSpan.ToArray());

    /// <summary>Reads a JSON array.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="item">Reads one item.</param>
    /// <returns>The list, or null for <c>null</c> and <c>""</c>.</returns>
    public static List<T>? List<T>(ref Utf8JsonReader reader, StjValueReader<T> item)
    {
        if (IsNull(ref reader) || IsEmptyString(ref reader))
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array but found {reader.TokenType}.");
        }

        var list = new List<T>();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return list;
            }

            list.Add(item(ref reader));
        }
    }

    /// <summary>Reads a JSON object of values of one type.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="item">Reads one value.</param>
    /// <returns>The dictionary, or null for <c>null</c> and <c>""</c>.</returns>
    public static Dictionary<string, T>? Dictionary<T>(ref Utf8JsonReader reader, StjValueReader<T> item)
    {
        if (IsNull(ref reader) || IsEmptyString(ref reader))
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object but found {reader.TokenType}.");
        }

        var dictionary = new Dictionary<string, T>();
        while (NextMember(ref reader, out string name))
        {
            Next(ref reader);
            dictionary[name] = item(ref reader);
        }

        return dictionary;
    }

    /// <summary>A required member that is absent (the message of the Json.NET path).</summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="type">The model's name.</param>
    /// <returns>The exception.</returns>
    public static JsonException Missing(string name, string type) => new($"Required property '{name}' of {type} not found in JSON.");

    /// <summary>A required member that is <c>null</c>.</summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="type">The model's name.</param>
    /// <returns>The exception.</returns>
    public static JsonException NullRequired(string name, string type) => new($"Required property '{name}' of {type} expects a non-null value.");

    /// <summary>A required member that is null when written.</summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="type">The model's name.</param>
    /// <returns>The exception.</returns>
    public static JsonException NullOnWrite(string name, string type) => new($"Cannot write a null value for property '{name}' of {type}. Property requires a value.");

    /// <summary>Enters a model being written (a depth past 64 is reported as a loop, as the Json.NET writers report it).</summary>
    /// <param name="type">The model's name.</param>
    public static void Enter(string type)
    {
        if (++_writeDepth > 64)
        {
            _writeDepth--;
            throw new JsonException($"Self referencing loop detected (or objects nested deeper than 64 levels) while writing {type}.");
        }
    }

    /// <summary>Leaves a model being written.</summary>
    public static void Exit() => _writeDepth--;

    /// <summary>Writes a number with Json.NET's text (<c>1.0</c> stays <c>1.0</c>; NaN and infinities as strings, as Json.NET writes them).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        string text = Newtonsoft.Json.JsonConvert.ToString(value);
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
    }

    /// <summary>Writes a <c>format: float</c> with Json.NET's text.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteSingle(Utf8JsonWriter writer, float value)
    {
        string text = Newtonsoft.Json.JsonConvert.ToString(value);
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
    }

    /// <summary>
    /// Writes a value of no declared type (<c>object</c> members, extension data) as the Json.NET path writes it: the
    /// values the readers produce (JSON tokens, strings, numbers, booleans) directly; anything else a caller put there
    /// as <see cref="PostPressJson.Serialize"/> writes it.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteAny(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case double d:
                WriteDouble(writer, d);
                return;
            case JObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.Properties())
                {
                    writer.WritePropertyName(property.Name);
                    WriteAny(writer, property.Value);
                }

                writer.WriteEndObject();
                return;
            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteAny(writer, item);
                }

                writer.WriteEndArray();
                return;
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                writer.WriteNullValue();
                return;
            case JValue { Value: string or bool or long or int or double } jvalue:
                WriteAny(writer, jvalue.Value);
                return;
            default:
                writer.WriteRawValue(PostPressJson.Serialize(value), skipInputValidation: true);
                return;
        }
    }
}

/// <summary>A generated System.Text.Json converter of a model or union (reader and writer from SystemTextJsonConverters.g.cs).</summary>
/// <typeparam name="T">The model type.</typeparam>
internal sealed class GeneratedStjConverter<T> : System.Text.Json.Serialization.JsonConverter<T>
    where T : class
{
    private readonly StjValueReader<T?> _read;
    private readonly Action<Utf8JsonWriter, T> _write;

    /// <summary>Initializes a new instance of the <see cref="GeneratedStjConverter{T}"/> class.</summary>
    /// <param name="read">The generated reader.</param>
    /// <param name="write">The generated writer.</param>
    public GeneratedStjConverter(StjValueReader<T?> read, Action<Utf8JsonWriter, T> write)
    {
        _read = read;
        _write = write;
    }

    /// <summary>Reads the model; JSON that is not a valid <typeparamref name="T"/> is a <see cref="JsonException"/> naming the type (System.Text.Json's convention for converters).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeToConvert">The type.</param>
    /// <param name="options">The options (the wire format is fixed: naming policy and number handling do not apply).</param>
    /// <returns>The model.</returns>
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return _read(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new JsonException($"The JSON is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _write(writer, value);
}

/// <summary>The generated System.Text.Json converter of an extensible enum: any string read, the raw wire value written back.</summary>
/// <typeparam name="T">The enum type.</typeparam>
internal sealed class GeneratedStjEnumConverter<T> : System.Text.Json.Serialization.JsonConverter<T>
    where T : struct
{
    private readonly Func<string, T> _create;
    private readonly Func<T, string?> _wire;

    /// <summary>Initializes a new instance of the <see cref="GeneratedStjEnumConverter{T}"/> class.</summary>
    /// <param name="create">Creates a value from its wire text.</param>
    /// <param name="wire">The wire text of a value (null for <c>default</c>).</param>
    public GeneratedStjEnumConverter(Func<string, T> create, Func<T, string?> wire)
    {
        _create = create;
        _wire = wire;
    }

    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => _create(SystemTextJsonSupport.EnumText(ref reader, typeof(T).Name));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        string? wire = _wire(value);
        if (wire is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(wire);
        }
    }
}
