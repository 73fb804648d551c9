using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PostPress.Serialization;

/// <summary>
/// Reads the generated union base classes (<c>OwnProfile</c>, <c>Account</c>, ...; see obj/generated/Unions.g.cs) without
/// loading the object into a <c>JObject</c>: it reads properties until it meets the one that decides the variant (the
/// discriminator, or for unions without one the first property only one variant has), keeps only the tokens read
/// before it, and populates the chosen variant from a <see cref="ReplayJsonReader"/> that replays them and then
/// continues on the live reader. When the discriminator is the first property (as the API writes it) only
/// <c>{</c>, its name and its value are kept.
/// </summary>
/// <remarks>
/// The variants come from the union's generated dispatch table (<see cref="UnionMetadata"/>, emitted with the model
/// readers); the JsonSubTypes attributes on the union base are left for callers' own Json.NET settings and are never
/// read by reflection here. The converter attribute is inherited by the variants: <see cref="PostPressContractResolver"/>
/// removes it from their contracts; with other settings a variant is populated directly (<see cref="ReadJson"/>). Writing
/// is left to the serializer (<see cref="CanWrite"/> is false).
/// </remarks>
internal sealed class UnionJsonConverter : JsonConverter
{
    /// <summary>Initializes a new instance of the <see cref="UnionJsonConverter"/> class for a union told apart by properties.</summary>
    public UnionJsonConverter()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UnionJsonConverter"/> class for a union with a discriminator.</summary>
    /// <param name="discriminator">The JSON name of the discriminator property (as in the attribute; the cached metadata is authoritative).</param>
    public UnionJsonConverter(string discriminator)
    {
        _ = discriminator;
    }

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <summary>Whether <paramref name="type"/> is a union base class (declares the variant attributes itself).</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for a union base.</returns>
    public static bool IsUnionBase(Type type) => Info(type) is not null;

    /// <summary>The JSON name of the discriminator of the union base <paramref name="type"/>, or <see langword="null"/> (not a union, or told apart by properties).</summary>
    /// <param name="type">The union base.</param>
    /// <returns>The discriminator's JSON name, or <see langword="null"/>.</returns>
    internal static string? DiscriminatorOf(Type type) => Info(type)?.Discriminator;

    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => true;

    /// <inheritdoc/>
    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException("UnionJsonConverter does not write: the serializer writes the variant's own properties.");

    /// <inheritdoc/>
    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.None)
        {
            reader.Read();
        }

        while (reader.TokenType == JsonToken.Comment)
        {
            reader.Read();
        }

        if (reader.TokenType == JsonToken.Null || reader.TokenType == JsonToken.Undefined)
        {
            return null;
        }

        if (reader.TokenType != JsonToken.StartObject)
        {
            throw Error(reader, $"Expected a JSON object for {objectType.Name} but found {reader.TokenType}.");
        }

        var union = Info(objectType);
        if (union is null)
        {
            // A concrete variant reached through the inherited attribute (settings without PostPressContractResolver).
            var target = existingValue ?? Create(objectType, serializer, reader);
            serializer.Populate(reader, target);
            return target;
        }

        int rootDepth = reader.Depth;
        string rootPath = reader.Path;
        var kept = new List<KeyValuePair<JsonToken, object?>>(4) { new(JsonToken.StartObject, null) };
        var variant = ReadUntilVariant(reader, union, kept, objectType, out _);
        var replay = new ReplayJsonReader(reader, kept, rootDepth, rootPath);
        var instance = Create(variant, serializer, reader);
        serializer.Populate(replay, instance);
        return instance;
    }

    /// <summary>
    /// The general path of a generated union reader (<c>ModelSerializers.g.cs</c>), taken when the first member of the object
    /// does not decide the variant on its own (the discriminator is not first, or its value is not a string): the
    /// tokens read so far are kept and replayed, exactly as <see cref="ReadJson"/> does, and the chosen variant is read
    /// by its generated reader from a <see cref="ReplayJsonReader"/>.
    /// </summary>
    /// <typeparam name="T">The union base.</typeparam>
    /// <param name="reader">The live reader: on the value of the first member <paramref name="firstName"/>, or on the
    /// object's <c>}</c> when it has no member (<paramref name="firstName"/> null).</param>
    /// <param name="firstName">The first member's name, or null.</param>
    /// <param name="rootDepth">The depth of the object's <c>{</c>.</param>
    /// <param name="readVariant">Reads the variant's members from a reader on its <c>{</c>.</param>
    /// <returns>The variant.</returns>
    internal static T ReadSlow<T>(JsonReader reader, string? firstName, int rootDepth, Func<JsonReader, Type, T> readVariant)
    {
        var objectType = typeof(T);
        var union = Info(objectType) ?? throw Error(reader, $"{objectType.Name} is not a union.");
        var kept = new List<KeyValuePair<JsonToken, object?>>(8) { new(JsonToken.StartObject, null) };
        Type variant;
        string? lastName = firstName;
        if (firstName is null)
        {
            kept.Add(new(JsonToken.EndObject, null));
            variant = union.Fallback;
        }
        else
        {
            kept.Add(new(JsonToken.PropertyName, firstName));
            string? value = reader.TokenType == JsonToken.String ? (string?)reader.Value : null;
            bool decides = union.IsDiscriminator(firstName);
            KeepValue(reader, kept, objectType);
            variant = !decides ? ReadUntilVariant(reader, union, kept, objectType, out lastName) : union.ForValue(value);
        }

        // The object's path is only needed for an error while replaying: computed then, from the live reader's (which
        // stays on the last member read until the replay is over).
        var replay = new ReplayJsonReader(reader, kept, rootDepth, () => ParentPath(reader.Path, lastName));
        replay.Read();
        return readVariant(replay, variant);
    }

    /// <summary>
    /// Reads members until one decides the variant (the discriminator, compared ignoring case, with its string value
    /// looked up ordinally; or a property only one variant has, whose value stays on the live reader), keeping every
    /// token read for the replay; the object's end without either means the <c>Unknown…</c> variant.
    /// </summary>
    private static Type ReadUntilVariant(JsonReader reader, UnionMetadata union, List<KeyValuePair<JsonToken, object?>> kept, Type objectType, out string? lastName)
    {
        lastName = null;
        while (true)
        {
            ReadOrThrow(reader, objectType);
            var token = reader.TokenType;
            if (token == JsonToken.Comment)
            {
                continue;
            }

            if (token == JsonToken.EndObject)
            {
                kept.Add(new(token, null));
                lastName = null;
                return union.Fallback;
            }

            string name = (string)reader.Value!;
            lastName = name;
            kept.Add(new(JsonToken.PropertyName, name));
            if (union.IsDiscriminator(name))
            {
                ReadOrThrow(reader, objectType);
                string? value = reader.TokenType == JsonToken.String ? (string?)reader.Value : null;
                KeepValue(reader, kept, objectType);
                return union.ForValue(value);
            }

            if (union.ByProperty.TryGetValue(name, out var withProperty))
            {
                // The value stays on the live reader: the variant reads it from there.
                return withProperty;
            }

            ReadOrThrow(reader, objectType);
            KeepValue(reader, kept, objectType);
        }
    }

    /// <summary>The path of the object whose first member's value <paramref name="path"/> is (for error messages).</summary>
    private static string ParentPath(string path, string? member)
    {
        if (member is null)
        {
            return path;
        }

        if (path == member)
        {
            return string.Empty;
        }

        if (path.EndsWith("." + member, StringComparison.Ordinal))
        {
            return path.Substring(0, path.Length - member.Length - 1);
        }

        int bracket = path.LastIndexOf("['", StringComparison.Ordinal);
        return bracket >= 0 && path.EndsWith("']", StringComparison.Ordinal) ? path.Substring(0, bracket) : path;
    }

    /// <summary>
    /// For a body held in memory (every response is): the variant a union base's top-level JSON object is, decided
    /// exactly as <see cref="ReadJson"/> decides it (the first discriminator property, compared ignoring case, its
    /// string value ordinally; or the first property only one variant has; otherwise the <c>Unknown…</c> variant), by
    /// peeking with <see cref="System.Text.Json.Utf8JsonReader"/>. The caller then deserializes the variant directly
    /// from the Json.NET reader, so the whole object is not read through a <see cref="ReplayJsonReader"/>.
    /// </summary>
    /// <param name="type">The type the caller asked for.</param>
    /// <param name="utf8">The whole JSON document.</param>
    /// <returns>The variant, or <see langword="null"/> when <paramref name="type"/> is not a union base or the document is
    /// anything but a plain JSON object that System.Text.Json reads without error (the converter decides then, and reports
    /// errors as before).</returns>
    internal static Type? PeekVariant(Type type, ReadOnlySpan<byte> utf8)
    {
        var union = Info(type);
        if (union is null)
        {
            return null;
        }

        var reader = new System.Text.Json.Utf8JsonReader(utf8, PeekOptions);
        return PeekVariant(union, ref reader);
    }

    /// <summary>
    /// <see cref="PeekVariant(Type, ReadOnlySpan{byte})"/> for a document held in several segments (a buffered body
    /// longer than its first segment): read across them, never copied into one array.
    /// </summary>
    /// <param name="type">The type the caller asked for.</param>
    /// <param name="utf8">The whole JSON document.</param>
    /// <returns>As <see cref="PeekVariant(Type, ReadOnlySpan{byte})"/>.</returns>
    internal static Type? PeekVariant(Type type, System.Buffers.ReadOnlySequence<byte> utf8)
    {
        var union = Info(type);
        if (union is null)
        {
            return null;
        }

        var reader = new System.Text.Json.Utf8JsonReader(utf8, PeekOptions);
        return PeekVariant(union, ref reader);
    }

    private static readonly System.Text.Json.JsonReaderOptions PeekOptions = new() { CommentHandling = System.Text.Json.JsonCommentHandling.Disallow };

    private static Type? PeekVariant(UnionMetadata union, ref System.Text.Json.Utf8JsonReader reader)
    {
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            // The same rules as the generated System.Text.Json converters (one implementation, UnionMetadata.Peek).
            return union.Peek(reader);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The union's generated dispatch table (<c>ModelSerializers.UnionFor</c>), or null for a type that is not a union base.</summary>
    private static UnionMetadata? Info(Type type) => ModelSerializers.UnionFor(type);

    private static object Create(Type type, JsonSerializer serializer, JsonReader reader)
    {
        if (serializer.ContractResolver.ResolveContract(type) is JsonObjectContract { DefaultCreator: { } creator })
        {
            return creator();
        }

        throw Error(reader, $"Cannot create an instance of {type.Name}.");
    }

    private static void ReadOrThrow(JsonReader reader, Type objectType)
    {
        if (!reader.Read())
        {
            throw Error(reader, $"Unexpected end of JSON while reading {objectType.Name}.");
        }
    }

    /// <summary>Keeps the current value token and, for an object or array, every token up to its end.</summary>
    private static void KeepValue(JsonReader reader, List<KeyValuePair<JsonToken, object?>> kept, Type objectType)
    {
        int depth = 0;
        while (true)
        {
            var token = reader.TokenType;
            if (token != JsonToken.Comment)
            {
                kept.Add(new(token, reader.Value));
            }

            switch (token)
            {
                case JsonToken.StartObject:
                case JsonToken.StartArray:
                case JsonToken.StartConstructor:
                    depth++;
                    break;
                case JsonToken.EndObject:
                case JsonToken.EndArray:
                case JsonToken.EndConstructor:
                    depth--;
                    break;
            }

            if (depth == 0 && token != JsonToken.PropertyName && token != JsonToken.Comment)
            {
                return;
            }

            ReadOrThrow(reader, objectType);
        }
    }

    private static JsonSerializationException Error(JsonReader reader, string message) => WireErrors.Create(reader, message);
}
