using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// The SDK's System.Text.Json converter: one factory, attached by <c>[JsonConverter]</c> to every model, union (base,
/// variants, <c>Unknown…</c> variant) and extensible enum of <c>PostPress.Models</c>, so System.Text.Json reads and writes
/// them in the API's wire format (the JSON <see cref="PostPressJson"/> writes) with no setup, with reflection disabled
/// (<c>JsonSerializerIsReflectionEnabledByDefault=false</c>, trimmed and Native AOT apps) and in source-generated
/// <see cref="JsonSerializerContext"/>s. The converters it hands out are generated per type
/// (obj/generated/SystemTextJsonConverters.g.cs): <see cref="Utf8JsonReader"/>/<see cref="Utf8JsonWriter"/> code, no
/// reflection. Not meant to be added to options by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PostPressSystemTextJsonConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => SystemTextJsonConverters.ConverterFor(typeToConvert) is not null;

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        SystemTextJsonConverters.ConverterFor(typeToConvert)
        ?? throw new NotSupportedException($"{typeToConvert} is not a PostPress model, union or extensible enum.");
}

/// <summary>System.Text.Json support for the SDK's models: nothing to configure any more (see <see cref="PostPressSystemTextJsonConverter"/>).</summary>
public static class PostPressSystemTextJson
{
    /// <summary>Does nothing: the models carry their System.Text.Json converters (kept so existing setup code compiles).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The same options, unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    [Obsolete("The models carry their System.Text.Json converters: no setup is needed. This method does nothing; remove the call.")]
    public static JsonSerializerOptions AddPostPressConverters(this JsonSerializerOptions options) =>
        options ?? throw new ArgumentNullException(nameof(options));
}
