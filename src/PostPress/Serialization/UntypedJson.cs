using System;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PostPress.Serialization;

/// <summary>
/// Writes and reads the values the SDK's own per-call path meets without a generated reader or writer: values of no
/// declared type (<c>object</c> members, <c>AdditionalProperties</c>, maps), a subclass the SDK does not know, a body or
/// response type without a generated converter. Everything the readers produce and the SDK's own types are written
/// without reflection: JSON tokens (<see cref="JToken"/>), strings, numbers, booleans, null, date/time/Guid/Uri/byte[]
/// scalars, enums, the SDK's models, unions and extensible enums (their generated writers), dictionaries with string
/// keys and sequences of those. Only a caller's arbitrary CLR object needs Json.NET's reflection-based serializer: that
/// goes through <see cref="ReflectionFallback"/>, the one place the per-call path can reach it, and only while
/// <see cref="IsReflectionEnabled"/>; otherwise (Native AOT, trimmed apps) the caller gets a
/// <see cref="NotSupportedException"/> telling them to put a <see cref="JToken"/> there. README, "Trimming and Native AOT".
/// </summary>
internal static class UntypedJson
{
    /// <summary>
    /// The AppContext switch that turns the reflection fallback off. buildTransitive/PostPress.targets sets it to
    /// <see langword="false"/> in apps published trimmed or with Native AOT (Native AOT has no dynamic code either).
    /// </summary>
    public const string ReflectionSwitch = "PostPress.Serialization.IsReflectionEnabled";

    private const int MaxDepth = 64;

    /// <summary>
    /// Whether a caller's arbitrary CLR object may be written or read with Json.NET's reflection: dynamic code is
    /// supported and the <see cref="ReflectionSwitch"/> switch is not <see langword="false"/>.
    /// </summary>
    public static bool IsReflectionEnabled { get; } =
#if NET
        System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported &&
#endif
        (!AppContext.TryGetSwitch(ReflectionSwitch, out bool enabled) || enabled);

    /// <summary>
    /// Writes a value of no declared type: with <paramref name="serializer"/> when there is one (a caller's own Json.NET
    /// serializer, through <see cref="PostPressContractResolver"/>: exactly as before), else <see cref="Write(JsonWriter, object)"/>.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="serializer">The caller's serializer, or null on the SDK's own path.</param>
    public static void Write(JsonWriter writer, object? value, JsonSerializer? serializer)
    {
        if (serializer is not null)
        {
            serializer.Serialize(writer, value);
        }
        else
        {
            Write(writer, value);
        }
    }

    /// <summary>Writes a value of no declared type without reflection (see the class); a caller's CLR object through <see cref="WriteReflected"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="NotSupportedException">The value is a CLR object of the caller's and reflection is off (Native AOT, trimmed app).</exception>
    public static void Write(JsonWriter writer, object? value) => Write(writer, value, 0);

    private static void Write(JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSerializationException("Self referencing loop detected (or values nested deeper than 64 levels) while writing a value of no declared type.");
        }

        switch (value)
        {
            case null:
                writer.WriteNull();
                return;
            case JToken token:
                token.WriteTo(writer);
                return;
            case string s:
                writer.WriteValue(s);
                return;
            case bool b:
                writer.WriteValue(b);
                return;
            case Enum e:
                writer.WriteValue(Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture));
                return;
            case IExtensibleEnum extensible:
                if (extensible.Value.Length == 0)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.WriteValue(extensible.Value);
                }

                return;
            case char or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal
                or DateTime or DateTimeOffset or Guid or TimeSpan or Uri or byte[]:
                writer.WriteValue(value);
                return;
        }

        // The SDK's models and union variants: their generated writers, on the SDK's path (no serializer).
        if (ModelSerializers.ConverterFor(value.GetType()) is { } generated)
        {
            // No serializer: the generated writers write their own untyped values through this class.
            generated.WriteJson(writer, value, null!);
            return;
        }

        switch (value)
        {
            case IDictionary dictionary when AllStringKeys(dictionary):
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName((string)entry.Key);
                    Write(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable items and not IDictionary:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
            default:
                WriteReflected(writer, value);
                return;
        }
    }

    /// <summary>Reads a value of a type without a generated reader (the per-call path's responses all have one).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NotSupportedException">Reflection is off (Native AOT, trimmed app).</exception>
#if NET
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Justification)]
#endif
    public static T? ReadReflected<T>(JsonReader reader)
    {
        ThrowUnlessReflection(typeof(T), "read");
        return ReflectionFallback.ReadSerializer.Deserialize<T>(reader);
    }

    /// <summary>Reads a value of a type without a generated reader.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="type">The type.</param>
    /// <returns>The value.</returns>
    /// <exception cref="NotSupportedException">Reflection is off (Native AOT, trimmed app).</exception>
#if NET
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Justification)]
#endif
    public static object? ReadReflected(JsonReader reader, Type type)
    {
        ThrowUnlessReflection(type, "read");
        return ReflectionFallback.ReadSerializer.Deserialize(reader, type);
    }

    /// <summary>Writes a caller's CLR object with Json.NET's reflection, or refuses when reflection is off.</summary>
#if NET
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = Justification)]
#endif
    private static void WriteReflected(JsonWriter writer, object value)
    {
        ThrowUnlessReflection(value.GetType(), "written");
        ReflectionFallback.Serializer.Serialize(writer, value);
    }

    private const string Justification =
        "Reached only after ThrowUnlessReflection: IsReflectionEnabled is false without dynamic code (Native AOT) and in apps " +
        "published trimmed (buildTransitive/PostPress.targets sets the PostPress.Serialization.IsReflectionEnabled switch " +
        "to false), where the caller gets a NotSupportedException instead. Tests: PostPress.Tests UntypedValueTests; " +
        ".ci/aot-consumer and .ci/trimmed-consumer.";

    private static void ThrowUnlessReflection(Type type, string verb)
    {
        if (!IsReflectionEnabled)
        {
            throw new NotSupportedException(
                "A value of type " + type.FullName + " cannot be " + verb + " as JSON in this app: it is not one of the SDK's types, and " +
                "Json.NET's reflection-based serializer is off (Native AOT or a trimmed app). Put a Newtonsoft.Json.Linq.JToken " +
                "(JObject, JArray, JValue), a string, number, boolean or an SDK model there instead. See the PostPress README, " +
                "Trimming and Native AOT.");
        }
    }

    private static bool AllStringKeys(IDictionary dictionary)
    {
        foreach (var key in dictionary.Keys)
        {
            if (key is not string)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The SDK's one way into Json.NET's reflection-based serializer (with the wire settings,
/// <see cref="PostPressJsonSerializerSettings"/>): created on first use, only for a caller's arbitrary CLR object (see
/// <see cref="UntypedJson"/>).
/// </summary>
#if NET
[RequiresUnreferencedCode(ReflectionContracts.Message)]
[RequiresDynamicCode(ReflectionContracts.Message)]
#endif
internal static class ReflectionFallback
{
    private static JsonSerializer? _serializer;
    private static JsonSerializer? _readSerializer;

    /// <summary>The serializer of the wire format (created on first use; safe to share once configured).</summary>
    public static JsonSerializer Serializer => _serializer ??= JsonSerializer.Create(PostPressJsonSerializerSettings.Create());

    /// <summary>The serializer of reads (<see cref="PostPressContractResolver.ForReading"/>); never used to write.</summary>
    public static JsonSerializer ReadSerializer => _readSerializer ??= JsonSerializer.Create(PostPressJsonSerializerSettings.CreateForReading());
}
