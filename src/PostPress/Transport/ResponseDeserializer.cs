using System;
using Newtonsoft.Json;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// Reads a 2xx body, already in memory, as the operation's documented type with the type's generated reader
/// (obj/generated/ModelSerializers.g.cs) on a <see cref="JsonTextReader"/>: a union at the top is dispatched from a
/// peek at the bytes; anything that is not a valid value of the type becomes <see cref="PostPressSerializationException"/>
/// (the key redacted and server text neutralized in its message). Unless ResponseValidation is Off, the value is then
/// checked for schema drift (<see cref="SchemaDriftDetector"/>).
/// </summary>
internal static class ResponseDeserializer
{
    public static T Deserialize<T>(OperationInfo operation, BufferedResponse response, string? apiKey, SchemaDriftDetector? drift = null)
    {
        if (response.Length == 0)
        {
            throw new PostPressSerializationException(
                "The " + response.StatusCode + " response of " + operation.SpanName + " has no body; the API documents a " + typeof(T).Name + ".",
                response.StatusCode,
                string.Empty);
        }

        try
        {
            // DateParseHandling.None, as the SDK's settings: a date-looking string of no declared type (AdditionalProperties,
            // object members) stays a string; typed date members parse their own text.
            using var reader = new JsonTextReader(response.CreateReader()) { ArrayPool = JsonCharPool.Instance, PropertyNameTable = ModelSerializers.NameTable, DateParseHandling = DateParseHandling.None };
            // A union at the top (a profile, an account): the variant is known from a peek at the bytes (the union's
            // generated table), and read directly, not through the union converter's replaying reader. The model is read
            // by its generated reader, called directly: no JsonSerializer, no contract resolver on this path.
            var variant = TopLevelUnion<T>.IsUnion ? UnionJsonConverter.PeekVariant(typeof(T), response.Sequence) : null;
            var generated = variant is null ? GeneratedReader<T>.Converter : ModelSerializers.ConverterFor(variant);
            // Every documented response type has a generated reader (which takes no serializer); a type without one is
            // read with Json.NET's reflection, which UntypedJson refuses under Native AOT and trimming.
            var value = generated is null
                ? Serialization.UntypedJson.ReadReflected<T>(reader)
                : (T?)Read(reader, generated, variant ?? typeof(T));
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text found after the JSON value.");
                }
            }

            if (value is null)
            {
                throw new JsonSerializationException("The body is the JSON literal null.");
            }

            // Schema drift (ResponseValidation): null when Off, so Off costs this one check.
            drift?.Inspect(value, operation, response);
            return value;
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException || ex is OverflowException || ex is ArgumentException)
        {
            throw ErrorMapper.SerializationFailure(
                response,
                "The " + response.StatusCode + " response of " + operation.SpanName + " is not a valid " + typeof(T).Name + ": " + ex.Message,
                ex,
                apiKey);
        }
    }

    /// <summary>
    /// Reads the value at the top of the body with the type's generated reader, called directly on a reader set up as
    /// Json.NET sets it up for a converter: the settings' <see cref="DateParseHandling.None"/> and depth limit, and the
    /// first token read (an empty or whitespace-only body is then no value, as through
    /// <see cref="JsonSerializer.Deserialize(JsonReader, Type)"/>). No internal reader and serializer proxy per call.
    /// </summary>
    private static object? Read(JsonTextReader reader, JsonConverter generated, Type type)
    {
        // The reader was created with DateParseHandling.None and keeps Json.NET's own depth limit (64; the SDK's settings
        // set none). The generated readers take no serializer.
        return reader.Read() ? generated.ReadJson(reader, type, null, null!) : null;
    }

    /// <summary>The generated reader of <typeparamref name="T"/> (looked up once per type), or null for a type without one.</summary>
    private static class GeneratedReader<T>
    {
        public static readonly JsonConverter? Converter = ModelSerializers.ConverterFor(typeof(T));
    }

    /// <summary>Whether <typeparamref name="T"/> is a union base (checked once per type).</summary>
    private static class TopLevelUnion<T>
    {
        public static readonly bool IsUnion = UnionJsonConverter.IsUnionBase(typeof(T));
    }
}
