using Newtonsoft.Json;
using PostPress.Serialization;

namespace PostPress.Models;

/// <content>Hooks the SDK's JSON settings into the NSwag-generated client (obj/generated/PostPress.Client.g.cs).</content>
internal partial class PostPressGeneratedClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => PostPressJsonSerializerSettings.Configure(settings);
}
