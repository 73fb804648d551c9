using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PostPress.Serialization;

/// <summary>
/// The SDK's contracts, built once per type (Json.NET caches contracts per resolver instance):
/// <list type="bullet">
/// <item><description>properties of base classes are written before those of derived classes (Json.NET's default is the
/// reverse), so a union's discriminator, declared on the generated base class, is the first property on the wire (some
/// servers, e.g. System.Text.Json polymorphism before .NET 9, require that; <see cref="UnionJsonConverter"/> then reads
/// it without keeping anything);</description></item>
/// <item><description>a union variant (which inherits its base's <see cref="UnionJsonConverter"/> attribute) gets a plain
/// object contract, so deserializing straight into, e.g., <c>LinkedInUserProfile</c> streams;</description></item>
/// <item><description><c>int</c>/<c>long</c> are read strictly (<see cref="StrictIntegerJsonConverter"/>) and
/// <see cref="DateTimeOffset"/> in the documented format (<see cref="UtcDateTimeOffsetJsonConverter"/>);</description></item>
/// <item><description><c>Unknown…</c> variants are relaxed and record the fields they received (<see cref="IUnknownVariant"/>);</description></item>
/// <item><description>required members are checked by <see cref="RequiredMemberTracker"/> (a bit per member) instead of
/// Json.NET's per-object dictionary.</description></item>
/// </list>
/// </summary>
#if NET
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(ReflectionContracts.Message)]
[System.Diagnostics.CodeAnalysis.RequiresDynamicCode(ReflectionContracts.Message)]
#endif
internal sealed class PostPressContractResolver : DefaultContractResolver
{
    /// <summary>Gets the shared instance (Json.NET caches contracts per resolver instance).</summary>
    public static PostPressContractResolver Instance { get; } = new PostPressContractResolver(forReading: false);

    /// <summary>
    /// Gets the instance the SDK's own reads use (responses, <see cref="PostPressJson"/>): the same contracts, except that
    /// value-type members (<c>int</c>, <c>long</c>, <see cref="DateTimeOffset"/>, extensible enums, <c>bool</c>, their
    /// nullable forms) are not <see cref="JsonProperty.Readable"/>. Json.NET reads a member's current value before calling
    /// its converter (a getter call, a box and, for a required member, a tracker lookup per member read) only to pass it
    /// as <c>existingValue</c>, which the SDK's converters never use and which a value type cannot be populated in place
    /// through anyway. Never used to write.
    /// </summary>
    public static PostPressContractResolver ForReading { get; } = new PostPressContractResolver(forReading: true);

    /// <summary>
    /// Gets the contracts of <see cref="ForReading"/> without the generated readers: Json.NET's own reflection-based
    /// path, which the generated readers replaced. Kept as the reference the tests compare the generated readers with
    /// (same results, same failures, for every model); the SDK never reads with it.
    /// </summary>
    internal static PostPressContractResolver ReflectionReference { get; } = new PostPressContractResolver(forReading: true, generatedReaders: false);

    /// <summary>Gets the contracts of <see cref="Instance"/> without the generated writers: the reference the tests compare them with.</summary>
    internal static PostPressContractResolver ReflectionWriteReference { get; } = new PostPressContractResolver(forReading: false, generatedReaders: false);

    private readonly bool _forReading;
    private readonly bool _generatedReaders;

    private PostPressContractResolver(bool forReading, bool generatedReaders = true)
    {
        _forReading = forReading;
        _generatedReaders = generatedReaders;
    }

    /// <inheritdoc/>
    protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (_forReading && property.PropertyType is { IsValueType: true })
        {
            property.Readable = false;
        }

        if (member.DeclaringType?.Assembly == typeof(PostPressContractResolver).Assembly && property.PropertyType is { } type)
        {
            // The string formats of the SDK's models (date, duration, uuid, uri, byte, float; a `time` member carries its
            // converter as an attribute), only on the SDK's own members: a caller's DateTime stays Json.NET's.
            property.Converter ??= WireFormats.ConverterFor(type);
            if (WireFormats.ListItemType(type) is { } item)
            {
                property.ItemConverter ??= WireFormats.ConverterFor(item);
            }

            ExplicitNulls.Apply(property, member, CreateMemberValueProvider);
        }

        return property;
    }

    /// <inheritdoc/>
    protected override JsonContract CreateContract(Type objectType)
    {
        var contract = base.CreateContract(objectType);
        if (StrictIntegerJsonConverter.Handles(objectType))
        {
            contract.Converter = StrictIntegerJsonConverter.Instance;
        }
        else if (UtcDateTimeOffsetJsonConverter.Handles(objectType))
        {
            contract.Converter = UtcDateTimeOffsetJsonConverter.Instance;
        }

        return contract;
    }

    /// <inheritdoc/>
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        if (_generatedReaders && ModelSerializers.ConverterFor(objectType) is { } generated)
        {
            // The model's generated reader and writer (obj/generated/ModelSerializers.g.cs) read and write it whole: Json.NET
            // calls the contract's converter and nothing else of the contract, so none is built by reflection over the
            // model (in a Native AOT app Json.NET's reflection fails there: its extension-data delegates look up
            // IDictionary<string, object>'s indexer, which the app has no metadata for).
            return new JsonObjectContract(objectType) { Converter = generated };
        }

        var contract = base.CreateObjectContract(objectType);
        if (contract.Converter is UnionJsonConverter && !UnionJsonConverter.IsUnionBase(objectType))
        {
            contract.Converter = null;
        }

        RequiredMemberTracker.Apply(contract);
        ReadExtensionDataWithoutCreating(contract);
        return contract;
    }

    /// <summary>
    /// Json.NET writes a model's extension data through the <c>AdditionalProperties</c> getter, which creates an empty
    /// dictionary on first use: every object written (each request body and its nested objects) allocated a dictionary
    /// and an enumerator wrapper just to find nothing. The getter now reads the generated backing field
    /// (<c>_additionalProperties</c>) and returns nothing when it is null or empty; received fields are written back as
    /// before.
    /// </summary>
    private void ReadExtensionDataWithoutCreating(JsonObjectContract contract)
    {
        if (contract.ExtensionDataGetter is null)
        {
            return;
        }

        System.Reflection.FieldInfo? field = null;
        for (var t = contract.UnderlyingType; t is not null && field is null; t = t.BaseType)
        {
            field = t.GetField("_additionalProperties", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly);
        }

        if (field is null || !typeof(IDictionary<string, object>).IsAssignableFrom(field.FieldType))
        {
            return;
        }

        var provider = CreateMemberValueProvider(field);
        contract.ExtensionDataGetter = target => provider.GetValue(target) is IDictionary<string, object> { Count: > 0 } data ? Pairs(data) : null;
    }

    private static IEnumerable<KeyValuePair<object, object>> Pairs(IDictionary<string, object> data)
    {
        foreach (var pair in data)
        {
            yield return new KeyValuePair<object, object>(pair.Key, pair.Value);
        }
    }

    /// <inheritdoc/>
    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
    {
        var properties = base.CreateProperties(type, memberSerialization)
            .Select((property, index) => (property, index))
            .OrderBy(p => Depth(p.property.DeclaringType))
            .ThenBy(p => p.index)
            .Select(p => p.property)
            .ToList();
        if (typeof(IUnknownVariant).IsAssignableFrom(type))
        {
            foreach (var property in properties)
            {
                RelaxForUnknownVariant(property);
            }
        }

        return properties;
    }

    /// <summary>
    /// An unknown variant may lack fields the known ones share: they become optional, and a field is written back only
    /// when it was received, so the object round-trips as it came (the model's initial values — constants, empty
    /// lists — are not invented). Unknown variants are read from the API, not built by callers.
    /// </summary>
    private static void RelaxForUnknownVariant(JsonProperty property)
    {
        var name = property.PropertyName!;
        var inner = property.ValueProvider!;
        property.Required = Required.Default;
        property.ObjectCreationHandling = ObjectCreationHandling.Replace; // always SetValue, so the field is recorded
        property.ValueProvider = new ReceivedFieldValueProvider(inner, name);
        property.ShouldSerialize = target => ((IUnknownVariant)target).ReceivedFields.Contains(name);
    }

    private sealed class ReceivedFieldValueProvider : IValueProvider
    {
        private readonly IValueProvider _inner;
        private readonly string _name;

        public ReceivedFieldValueProvider(IValueProvider inner, string name)
        {
            _inner = inner;
            _name = name;
        }

        public object? GetValue(object target) => _inner.GetValue(target);

        public void SetValue(object target, object? value)
        {
            _inner.SetValue(target, value);
            ((IUnknownVariant)target).ReceivedFields.Add(_name);
        }
    }

    private static int Depth(Type? type)
    {
        int depth = 0;
        for (var t = type?.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }
}
