using System;
using System.IO;
using Newtonsoft.Json;

namespace PostPress;

/// <summary>
/// Serializes and deserializes PostPress models with exactly the settings the client uses on the wire (unions by
/// discriminator, extensible enums, date-looking strings left alone). Useful to store, cache or replay payloads.
/// </summary>
/// <remarks>
/// The SDK's models, unions and extensible enums are written and read by their generated writers and readers, and JSON
/// tokens, strings, numbers and booleans directly: no reflection, so this works in Native AOT and trimmed apps. Any other
/// type (a CLR object of your own) goes through Json.NET's reflection-based serializer, which is available only where
/// dynamic code is and the app is not trimmed; there it throws <see cref="NotSupportedException"/> (README, "Trimming and
/// Native AOT").
/// </remarks>
public static class PostPressJson
{
    /// <summary>Serializes a model to JSON.</summary>
    /// <param name="value">The model.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException">The value is (or holds) a CLR object that is not an SDK type nor a JSON token, in a Native AOT or trimmed app.</exception>
    public static string Serialize(object? value)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text))
        {
            Serialization.UntypedJson.Write(writer, value);
        }

        return text.ToString();
    }

    /// <summary>Deserializes JSON into <typeparamref name="T"/> (a union base such as <see cref="OwnProfile"/> yields the right variant).</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="PostPressSerializationException">The JSON is malformed or does not match the model.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not an SDK type, in a Native AOT or trimmed app.</exception>
    public static T? Deserialize<T>(string json) => (T?)Deserialize(json, typeof(T));

    /// <summary>Deserializes JSON into <paramref name="type"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="type">The model type.</param>
    /// <returns>The model, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="PostPressSerializationException">The JSON is malformed or does not match the model.</exception>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is not an SDK type, in a Native AOT or trimmed app.</exception>
    public static object? Deserialize(string json, Type type)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        if (type is null)
        {
            throw new ArgumentNullException(nameof(type));
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { PropertyNameTable = Serialization.ModelSerializers.NameTable, DateParseHandling = DateParseHandling.None };
            // An SDK model or union: its generated reader (no reflection); any other type: Json.NET's reflection, which
            // UntypedJson refuses under Native AOT and trimming.
            var result = Serialization.ModelSerializers.ConverterFor(type) is { } generated
                ? generated.ReadJson(reader, type, null, null!)
                : Serialization.UntypedJson.ReadReflected(reader, type);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException("Additional text found after the JSON value.");
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException || ex is OverflowException)
        {
            throw new PostPressSerializationException("The JSON is not a valid " + type.Name + ": " + ex.Message, 0, ErrorMapper.Excerpt(json, ErrorMapper.MaxBodyExcerptBytes), ErrorMapper.SafeInner(ex, apiKey: null));
        }
    }
}
