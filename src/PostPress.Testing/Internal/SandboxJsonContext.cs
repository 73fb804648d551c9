using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PostPress.Testing.Internal;

/// <summary>Source-generated (reflection-free, trim-safe) metadata for the JSON the sandbox reads and writes.</summary>
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext
{
}
