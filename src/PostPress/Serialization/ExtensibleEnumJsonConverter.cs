using System;
using System.Globalization;
using Newtonsoft.Json;

namespace PostPress.Serialization;

/// <summary>
/// Newtonsoft.Json converter for the generated extensible enums (readonly structs wrapping the wire string, see
/// obj/generated/Enums.g.cs). Reads any string, known or not, without throwing, and writes the raw wire value back, so
/// values added to the API later round-trip unchanged. Also handles <c>Nullable&lt;T&gt;</c> properties.
/// </summary>
/// <typeparam name="T">The extensible enum type.</typeparam>
internal abstract class ExtensibleEnumJsonConverter<T> : JsonConverter
    where T : struct
{
    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (objectType == typeof(T?))
        {
            return ReadNullable(reader);
        }

        return Read(reader);
    }

    /// <summary>Reads the current token (the generated readers' path: no boxing, no converter dispatch).</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value.</returns>
    public T Read(JsonReader reader)
    {
        if (reader.TokenType is JsonToken.Null or JsonToken.Undefined)
        {
            throw new JsonSerializationException($"Cannot convert null to {typeof(T).Name} (path '{reader.Path}').");
        }

        return ReadNonNull(reader);
    }

    /// <summary>Reads the current token as a nullable value.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <returns>The value, or null for <c>null</c>.</returns>
    public T? ReadNullable(JsonReader reader) => reader.TokenType is JsonToken.Null or JsonToken.Undefined ? null : ReadNonNull(reader);

    private T ReadNonNull(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.String:
                return FromWire((string)reader.Value!);
            case JsonToken.Integer:
            case JsonToken.Float:
            case JsonToken.Boolean:
                // Lenient: a scalar of another JSON type is kept as its invariant text.
                return FromWire(Convert.ToString(reader.Value, CultureInfo.InvariantCulture) ?? string.Empty);
            case JsonToken.Date:
                // Only when the caller's settings parse dates (the SDK's use DateParseHandling.None).
                return FromWire(reader.Value is DateTimeOffset offset
                    ? offset.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)
                    : ((DateTime)reader.Value!).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture));
            default:
                throw new JsonSerializationException($"Unexpected token {reader.TokenType} when reading {typeof(T).Name} (path '{reader.Path}').");
        }
    }

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        string? wire = value is null ? null : ToWire((T)value);
        if (wire is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteValue(wire);
        }
    }

    /// <summary>Writes a value (the generated writers' path: no boxing); <c>default(T)</c> is written as <c>null</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public void Write(JsonWriter writer, T value)
    {
        string? wire = ToWire(value);
        if (wire is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteValue(wire);
        }
    }

    /// <summary>Creates an instance from a wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <returns>The enum value.</returns>
    protected abstract T FromWire(string value);

    /// <summary>Gets the wire value, or null for <c>default(T)</c>.</summary>
    /// <param name="value">The enum value.</param>
    /// <returns>The wire value.</returns>
    protected abstract string? ToWire(T value);
}
