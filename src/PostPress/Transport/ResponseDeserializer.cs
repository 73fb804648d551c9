using System;
using Newtonsoft.Json;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// Reads a 2xx body, already in memory, as the operation's documented type: a union at the top is dispatched from a
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
            using var reader = new JsonTextReader(response.CreateReader()) { ArrayPool = JsonCharPool.Instance, PropertyNameTable = ModelSerializers.NameTable };
            // A union at the top (a profile, an account): the variant is known from a peek at the bytes, and read
            // directly, not through the union converter's replaying reader.
            var variant = TopLevelUnion<T>.IsUnion ? UnionJsonConverter.PeekVariant(typeof(T), response.Sequence) : null;
            var value = (T?)Read(reader, variant ?? typeof(T));
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
    /// Reads the value at the top of the body. A model with a generated reader (every model of the spec) is read by the
    /// converter Json.NET would pick for it (the contract's), called directly on a reader set up as Json.NET sets it up
    /// (the settings' <see cref="DateParseHandling.None"/> and depth limit; the first token read, as Json.NET does for
    /// a converter): no internal reader and serializer proxy per call. Anything else (a union base, a list, a
    /// primitive) goes through <see cref="JsonSerializer.Deserialize(JsonReader, Type)"/>.
    /// </summary>
    private static object? Read(JsonTextReader reader, Type type)
    {
        var serializer = PostPressPipeline.ReadSerializer;
        if (serializer.ContractResolver.ResolveContract(type).Converter is not IGeneratedModelConverter converter)
        {
            return serializer.Deserialize(reader, type);
        }

        reader.DateParseHandling = serializer.DateParseHandling;
        if (serializer.MaxDepth is { } depth)
        {
            // Only a depth the settings set (unset, the reader keeps its own limit, 64, as Json.NET leaves it).
            reader.MaxDepth = depth;
        }

        return reader.Read() ? ((JsonConverter)converter).ReadJson(reader, type, null, serializer) : null;
    }

    /// <summary>Whether <typeparamref name="T"/> is a union base (checked once per type).</summary>
    private static class TopLevelUnion<T>
    {
        public static readonly bool IsUnion = UnionJsonConverter.IsUnionBase(typeof(T));
    }
}
