namespace PostPress.Serialization;

/// <summary>
/// The message of the trim/AOT annotations on the SDK's reflection-based Json.NET contracts
/// (<see cref="PostPressContractResolver"/>, <see cref="PostPressJsonSerializerSettings"/>, <see cref="ExplicitNulls"/>):
/// the analyzers report their use where the SDK enters Json.NET's serializer, not inside them.
/// </summary>
internal static class ReflectionContracts
{
    /// <summary>The annotation message.</summary>
    public const string Message =
        "The SDK's Json.NET contracts are built by reflection over the models (Json.NET's DefaultContractResolver); " +
        "the generated readers and writers (ModelSerializers) need none. See README, Trimming and Native AOT.";
}
