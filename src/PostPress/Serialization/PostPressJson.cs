using System;
using System.IO;
using Newtonsoft.Json;

namespace PostPress;

/// <summary>
/// Serializes and deserializes PostPress models with exactly the settings the client uses on the wire (unions by
/// discriminator, extensible enums, date-looking strings left alone). Useful to store, cache or replay payloads.
/// </summary>
public static class PostPressJson
{
    private static readonly JsonSerializerSettings Settings = Serialization.PostPressJsonSerializerSettings.Create();

    private static readonly JsonSerializerSettings ReadSettings = Serialization.PostPressJsonSerializerSettings.CreateForReading();

    /// <summary>Serializes a model to JSON.</summary>
    /// <param name="value">The model.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object? value) => JsonConvert.SerializeObject(value, Settings);

    /// <summary>Deserializes JSON into <typeparamref name="T"/> (a union base such as <see cref="OwnProfile"/> yields the right variant).</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="PostPressSerializationException">The JSON is malformed or does not match the model.</exception>
    public static T? Deserialize<T>(string json) => (T?)Deserialize(json, typeof(T));

    /// <summary>Deserializes JSON into <paramref name="type"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="type">The model type.</param>
    /// <returns>The model, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="PostPressSerializationException">The JSON is malformed or does not match the model.</exception>
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
            using var reader = new JsonTextReader(new StringReader(json)) { PropertyNameTable = Serialization.ModelSerializers.NameTable };
            var result = JsonSerializer.Create(ReadSettings).Deserialize(reader, type);
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException("Additional text found after the JSON value.");
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new PostPressSerializationException("The JSON is not a valid " + type.Name + ": " + ex.Message, 0, ErrorMapper.Excerpt(json, ErrorMapper.MaxBodyExcerptBytes), ErrorMapper.SafeInner(ex, apiKey: null));
        }
    }
}
