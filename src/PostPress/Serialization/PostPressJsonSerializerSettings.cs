using Newtonsoft.Json;

namespace PostPress.Serialization;

/// <summary>The Newtonsoft.Json settings every PostPress request and response goes through.</summary>
#if NET
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(ReflectionContracts.Message)]
[System.Diagnostics.CodeAnalysis.RequiresDynamicCode(ReflectionContracts.Message)]
#endif
internal static class PostPressJsonSerializerSettings
{
    /// <summary>Applies the SDK's settings.</summary>
    /// <param name="settings">The settings to update.</param>
    public static void Configure(JsonSerializerSettings settings)
    {
        // Strings that look like dates stay strings (string properties, AdditionalProperties, unknown union variants);
        // properties typed DateTimeOffset are still parsed from their ISO 8601 text.
        settings.DateParseHandling = DateParseHandling.None;

        // "$id", "$ref", "$type" are ordinary API fields, never Json.NET metadata.
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.TypeNameHandling = TypeNameHandling.None;

        // Base-class properties (a union's discriminator) are written first.
        settings.ContractResolver = PostPressContractResolver.Instance;

        // Unknown fields are kept by [JsonExtensionData] AdditionalProperties on every model.
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
    }

    /// <summary>Creates the settings of the SDK's own reads: <see cref="Create"/> with <see cref="PostPressContractResolver.ForReading"/>.</summary>
    /// <returns>The settings; never used to write.</returns>
    public static JsonSerializerSettings CreateForReading()
    {
        var settings = Create();
        settings.ContractResolver = PostPressContractResolver.ForReading;
        return settings;
    }

    /// <summary>Creates a new settings instance configured with <see cref="Configure"/>.</summary>
    /// <returns>The settings.</returns>
    public static JsonSerializerSettings Create()
    {
        var settings = new JsonSerializerSettings();
        Configure(settings);
        return settings;
    }
}
