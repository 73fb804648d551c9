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
            var value = variant is null ? PostPressPipeline.ReadSerializer.Deserialize<T>(reader) : (T?)PostPressPipeline.ReadSerializer.Deserialize(reader, variant);
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

    /// <summary>Whether <typeparamref name="T"/> is a union base (checked once per type).</summary>
    private static class TopLevelUnion<T>
    {
        public static readonly bool IsUnion = UnionJsonConverter.IsUnionBase(typeof(T));
    }
}
