using System;
using System.Collections.Generic;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PostPress.Serialization;

/// <summary>
/// What the generated model readers (<c>obj/generated/ModelSerializers.g.cs</c>, emitted by <c>build/PostPress.CodeGen</c>
/// from the generated models) share: moving the reader, reading the current token as a scalar with exactly the rules
/// Json.NET's own path applies (strings, booleans, doubles) or the SDK's converters apply (integers, date-times), lists,
/// dictionaries, untyped values, and the errors. Every method that reads a value expects the reader positioned on the
/// value's token and leaves it on the value's last token, as a <see cref="JsonConverter"/> does.
/// </summary>
internal static class ModelSerializerSupport
{
    /// <summary>
    /// The reader to go on with between two members: a union's general path hands a variant a
    /// <see cref="ReplayJsonReader"/> for the members read before the discriminator; once those are delivered the variant
    /// continues on the live reader.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The live reader when <paramref name="reader"/> is a replay that is over, else <paramref name="reader"/>.</returns>
    public static JsonReader Continue(JsonReader reader) => reader is ReplayJsonReader { LiveWhenReplayed: { } live } ? live : reader;

    /// <summary>Moves to the next member of the object being read.</summary>
    /// <param name="reader">The reader, on the object's <c>{</c> or on the last token of the previous member's value.</param>
    /// <param name="name">The member's name.</param>
    /// <returns><see langword="true"/> with the reader on the member's name (the value is read by the member's own
    /// read: a string with <see cref="JsonReader.ReadAsString"/>, as Json.NET does, anything else after <see cref="Next"/>);
    /// <see langword="false"/> on the object's <c>}</c>.</returns>
    public static bool NextMember(JsonReader reader, out string name)
    {
        Next(reader);
        switch (reader.TokenType)
        {
            case JsonToken.PropertyName:
                name = (string)reader.Value!;
                return true;
            case JsonToken.EndObject:
                name = string.Empty;
                return false;
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} in a JSON object.");
        }
    }

    /// <summary>Reads the next token that is not a comment; the end of the input is an error.</summary>
    /// <param name="reader">The reader.</param>
    public static void Next(JsonReader reader)
    {
        do
        {
            if (!reader.Read())
            {
                throw WireErrors.Create(reader, "Unexpected end of JSON.");
            }
        }
        while (reader.TokenType == JsonToken.Comment);
    }

    /// <summary>Whether the current token is <c>null</c> (or Json.NET's <c>undefined</c>).</summary>
    /// <param name="reader">The reader.</param>
    /// <returns><see langword="true"/> for null.</returns>
    public static bool IsNull(JsonReader reader) => reader.TokenType is JsonToken.Null or JsonToken.Undefined;

    /// <summary>Whether the current token is <c>""</c>, which Json.NET reads as null for an object or an array.</summary>
    public static bool IsEmptyString(JsonReader reader) => reader.TokenType == JsonToken.String && ((string?)reader.Value)?.Length == 0;

    /// <summary>Checks that the current token starts an object (or is null) before a model is read.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="type">The model's name, for the message.</param>
    /// <param name="emptyStringIsNull">Whether <c>""</c> reads as null (Json.NET's rule for a model; a union's converter refuses it).</param>
    /// <returns><see langword="false"/> for null.</returns>
    public static bool StartObject(JsonReader reader, string type, bool emptyStringIsNull = true)
    {
        while (reader.TokenType is JsonToken.None or JsonToken.Comment)
        {
            Next(reader);
        }

        if (reader.TokenType == JsonToken.StartObject)
        {
            return true;
        }

        if (IsNull(reader) || (emptyStringIsNull && IsEmptyString(reader)))
        {
            return false;
        }

        throw WireErrors.Create(reader, $"Expected a JSON object for {type} but found {reader.TokenType}.");
    }

    /// <summary>The member name a JSON name matches ignoring case (Json.NET's second lookup), or null.</summary>
    /// <param name="name">The JSON name as received.</param>
    /// <param name="declared">The declared JSON names.</param>
    /// <returns>The declared name, or null for a field the model does not declare.</returns>
    public static string? MatchIgnoringCase(string name, string[] declared)
    {
        foreach (var candidate in declared)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads a string the way Json.NET does (a number or boolean becomes its invariant text).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The text, or null.</returns>
    public static string? String(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.String:
                return (string)reader.Value!;
            case JsonToken.Null:
            case JsonToken.Undefined:
                return null;
            case JsonToken.Integer:
            case JsonToken.Float:
            case JsonToken.Boolean:
            case JsonToken.Date:
                return reader.Value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : reader.Value!.ToString();
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} when reading a string.");
        }
    }

    /// <summary>
    /// Reads the next value as a string with <see cref="JsonReader.ReadAsString"/>, exactly as Json.NET reads a string
    /// member (a number keeps its text as written: <c>993.0</c> stays <c>"993.0"</c>).
    /// </summary>
    /// <param name="reader">The reader, before the value.</param>
    /// <returns>The text, or null.</returns>
    public static string? ReadString(JsonReader reader)
    {
        string? value = reader.ReadAsString();
        if (reader.TokenType == JsonToken.None)
        {
            throw WireErrors.Create(reader, "Unexpected end of JSON.");
        }

        return value;
    }

    /// <summary>Reads a JSON array of strings, each with <see cref="ReadString"/>.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The list, or null for <c>null</c> (a <c>null</c> item is kept as null, as Json.NET keeps it).</returns>
    public static List<string>? StringList(JsonReader reader)
    {
        if (IsNull(reader) || IsEmptyString(reader))
        {
            return null;
        }

        if (reader.TokenType != JsonToken.StartArray)
        {
            throw WireErrors.Create(reader, $"Expected a JSON array but found {reader.TokenType}.");
        }

        var list = new List<string>();
        while (true)
        {
            string? item = ReadString(reader);
            if (reader.TokenType == JsonToken.EndArray)
            {
                return list;
            }

            list.Add(item!);
        }
    }

    /// <summary>Reads a boolean the way Json.NET does.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static bool Boolean(JsonReader reader) => NullableBoolean(reader) ?? throw WireErrors.Create(reader, "null is not a valid boolean.");

    /// <summary>Reads a nullable boolean the way Json.NET does (numbers: non-zero is true; the strings "true"/"false").</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static bool? NullableBoolean(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Boolean:
                return (bool)reader.Value!;
            case JsonToken.Null:
            case JsonToken.Undefined:
                return null;
            case JsonToken.Integer:
            case JsonToken.Float:
                return Convert.ToBoolean(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.String:
                var text = (string)reader.Value!;
                if (text.Length == 0)
                {
                    return null;
                }

                if (bool.TryParse(text, out bool parsed))
                {
                    return parsed;
                }

                throw WireErrors.Create(reader, $"Could not convert string to boolean: {WireErrors.Describe(text)}.");
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} when reading a boolean.");
        }
    }

    /// <summary>Reads a number the way Json.NET does.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static double Double(JsonReader reader) => NullableDouble(reader) ?? throw WireErrors.Create(reader, "null is not a valid number.");

    /// <summary>Reads a nullable number the way Json.NET does (integers widen; strings are parsed invariantly).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null.</returns>
    public static double? NullableDouble(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Float:
            case JsonToken.Integer:
                return Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture);
            case JsonToken.Null:
            case JsonToken.Undefined:
                return null;
            case JsonToken.String:
                var text = (string)reader.Value!;
                if (text.Length == 0)
                {
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out double parsed))
                {
                    return parsed;
                }

                throw WireErrors.Create(reader, $"Could not convert string to double: {WireErrors.Describe(text)}.");
            default:
                throw WireErrors.Create(reader, $"Unexpected token {reader.TokenType} when reading a number.");
        }
    }

    /// <summary>
    /// Reads a value of no declared type (<c>object</c> members, extension data) as Json.NET does: a scalar as its
    /// .NET value, an object as a <see cref="JObject"/>, an array as a <see cref="JArray"/>.
    /// </summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public static object? Any(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
            case JsonToken.StartArray:
            case JsonToken.StartConstructor:
                using (var writer = new JTokenWriter())
                {
                    writer.WriteToken(reader, writeChildren: true);
                    return writer.Token;
                }

            case JsonToken.Null:
            case JsonToken.Undefined:
                return null;
            default:
                return reader.Value;
        }
    }

    /// <summary>Reads a JSON array.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="item">Reads one item (the reader on its token).</param>
    /// <returns>The list, or null for <c>null</c>.</returns>
    public static List<T>? List<T>(JsonReader reader, Func<JsonReader, T> item)
    {
        if (IsNull(reader) || IsEmptyString(reader))
        {
            return null;
        }

        if (reader.TokenType != JsonToken.StartArray)
        {
            throw WireErrors.Create(reader, $"Expected a JSON array but found {reader.TokenType}.");
        }

        var list = new List<T>();
        while (true)
        {
            Next(reader);
            if (reader.TokenType == JsonToken.EndArray)
            {
                return list;
            }

            list.Add(item(reader));
        }
    }

    /// <summary>Reads a JSON object of values of one type.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="item">Reads one value (the reader on its token).</param>
    /// <returns>The dictionary, or null for <c>null</c>.</returns>
    public static Dictionary<string, T>? Dictionary<T>(JsonReader reader, Func<JsonReader, T> item)
    {
        if (IsNull(reader) || IsEmptyString(reader))
        {
            return null;
        }

        if (reader.TokenType != JsonToken.StartObject)
        {
            throw WireErrors.Create(reader, $"Expected a JSON object but found {reader.TokenType}.");
        }

        var dictionary = new Dictionary<string, T>();
        while (NextMember(reader, out string name))
        {
            Next(reader);
            dictionary[name] = item(reader);
        }

        return dictionary;
    }

    [ThreadStatic]
    private static int _writeDepth;

    /// <summary>
    /// Enters a model being written: the generated writers call each other directly, so Json.NET's check for self
    /// referencing loops does not see them; a depth past 64 is reported as one instead of overflowing the stack.
    /// </summary>
    /// <param name="type">The model's name.</param>
    public static void Enter(string type)
    {
        if (++_writeDepth > 64)
        {
            _writeDepth--;
            throw new JsonSerializationException($"Self referencing loop detected (or objects nested deeper than 64 levels) while writing {type}.");
        }
    }

    /// <summary>Leaves a model being written.</summary>
    public static void Exit() => _writeDepth--;

    /// <summary>Writes the extension data of a model as Json.NET does (after the declared members).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="data">The fields.</param>
    /// <param name="serializer">The serializer, for the values.</param>
    public static void WriteExtensionData(JsonWriter writer, IDictionary<string, object> data, JsonSerializer serializer)
    {
        foreach (var pair in data)
        {
            writer.WritePropertyName(pair.Key);
            if (pair.Value is null)
            {
                writer.WriteNull();
            }
            else
            {
                serializer.Serialize(writer, pair.Value);
            }
        }
    }

    /// <summary>A required member that is null when written (the message of <see cref="RequiredMemberTracker"/>).</summary>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="type">The model's name.</param>
    /// <returns>The exception.</returns>
    public static JsonSerializationException NullOnWrite(string name, string type) =>
        new($"Cannot write a null value for property '{name}' of {type}. Property requires a value.");

    /// <summary>A required member that is absent (the message <see cref="RequiredMemberTracker"/> and Json.NET use).</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="type">The model's name.</param>
    /// <returns>The exception.</returns>
    public static JsonSerializationException Missing(JsonReader reader, string name, string type) =>
        WireErrors.Create(reader, $"Required property '{name}' of {type} not found in JSON.");

    /// <summary>A required member that is <c>null</c>.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="name">The member's JSON name.</param>
    /// <param name="type">The model's name.</param>
    /// <returns>The exception.</returns>
    public static JsonSerializationException NullRequired(JsonReader reader, string name, string type) =>
        WireErrors.Create(reader, $"Required property '{name}' of {type} expects a non-null value.");
}

/// <summary>A <see cref="GeneratedModelConverter{T}"/> (a request body is written through it directly: <see cref="RequestBodySerializer"/>).</summary>
internal interface IGeneratedModelConverter
{
}

/// <summary>
/// The contract converter of a model with a generated reader and writer: Json.NET calls it for the model at the top of a
/// document (and wherever its own path meets the model); the generated code calls itself directly below that.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
internal sealed class GeneratedModelConverter<T> : JsonConverter, IGeneratedModelConverter
    where T : class
{
    private readonly Func<JsonReader, T?> _read;
    private readonly Action<JsonWriter, T, JsonSerializer> _write;

    /// <summary>Initializes a new instance of the <see cref="GeneratedModelConverter{T}"/> class.</summary>
    /// <param name="read">The generated reader.</param>
    /// <param name="write">The generated writer.</param>
    public GeneratedModelConverter(Func<JsonReader, T?> read, Action<JsonWriter, T, JsonSerializer> write)
    {
        _read = read;
        _write = write;
    }

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => objectType == typeof(T);

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) => _read(reader);

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            _write(writer, (T)value, serializer);
        }
    }
}
