using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// System.Text.Json support for the SDK's models, e.g. for ASP.NET Core apps that return or accept them:
/// <c>builder.Services.ConfigureHttpJsonOptions(o =&gt; o.SerializerOptions.AddPostPressConverters());</c>
/// (MVC: <c>AddJsonOptions(o =&gt; o.JsonSerializerOptions.AddPostPressConverters())</c>).
/// </summary>
/// <remarks>
/// The models are written and read in the API's wire format, the same JSON <see cref="PostPressJson"/> writes: snake_case
/// names, union variants with all their fields (told apart by their discriminator when read, <c>Unknown…</c> variants
/// and <c>AdditionalProperties</c> kept), extensible enums as their string value, date-times as
/// <c>YYYY-MM-DDTHH:MM:SS.sssZ</c>. The options' naming policy and number handling do not apply to the models (the
/// wire format is fixed); its encoder does. A model that cannot be read raises a <see cref="JsonException"/>.
/// Without these converters System.Text.Json writes an extensible enum as an object
/// (<c>{"IsKnown":true,"Value":"LINKEDIN"}</c>), drops a variant's own fields and cannot read a union.
/// </remarks>
public static class PostPressSystemTextJson
{
    private static readonly Lazy<JsonSerializerOptions> SharedOptions = new(() =>
    {
        var options = new JsonSerializerOptions().AddPostPressConverters();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    });

    /// <summary>Gets the converter (a <see cref="JsonConverterFactory"/>) for every public type of <c>PostPress.Models</c>.</summary>
    public static JsonConverter Converter => PostPressModelConverterFactory.Instance;

    /// <summary>Gets read-only options with the SDK's converters and System.Text.Json's defaults otherwise.</summary>
    public static JsonSerializerOptions Options => SharedOptions.Value;

    /// <summary>Adds the SDK's converters (<see cref="Converter"/>) to <paramref name="options"/>, once.</summary>
    /// <param name="options">The options to update (not yet used for serialization).</param>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static JsonSerializerOptions AddPostPressConverters(this JsonSerializerOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (!options.Converters.Contains(PostPressModelConverterFactory.Instance))
        {
            options.Converters.Add(PostPressModelConverterFactory.Instance);
        }

        return options;
    }
}
