using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// Finds schema drift in a deserialized 2xx body (README, "Schema drift"): extension data of a model (fields this SDK
/// does not declare), extensible enums whose value is not known, and <c>Unknown…</c> union variants. One walk of the
/// object graph, run only when <see cref="PostPressClientOptions.ResponseValidation"/> is not
/// <see cref="PostPressResponseValidation.Off"/>; the per-type plan (which properties can hold a model, an enum or a
/// list of them) is built once per type by reflection and cached. Only names are reported, never values; field names
/// from the server are neutralized and cut to <see cref="MaxFieldLength"/> characters.
/// </summary>
internal sealed class SchemaDriftDetector
{
    /// <summary>The most (kind, model, field) entries remembered per client; past it, new drifts are counted under <see cref="OtherField"/> and not logged.</summary>
    internal const int MaxRemembered = 1000;

    /// <summary>The longest field name reported (after neutralization).</summary>
    internal const int MaxFieldLength = 64;

    /// <summary>The field tag of drifts past <see cref="MaxRemembered"/>.</summary>
    internal const string OtherField = "(other)";

    internal const string UnknownField = "unknown_field";
    internal const string UnknownEnumValue = "unknown_enum_value";
    internal const string UnknownVariant = "unknown_variant";

    private const int MaxDepth = 64;

    private static readonly Action<ILogger, string, string, string, string, string, Exception?> LogDrift =
        LoggerMessage.Define<string, string, string, string, string>(LogLevel.Warning, new EventId(7, "PostPressSchemaDrift"),
            "Schema drift in the response of {OperationId}: {DriftKind} {Model}.{Field} at {JsonPath}; this SDK does not know it (the data is kept; logged once per model and field).");

    private static readonly ConcurrentDictionary<Type, TypePlan> Plans = new();
    private static readonly Assembly ModelAssembly = typeof(SchemaDriftDetector).Assembly;

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly bool _strict;

    private SchemaDriftDetector(PostPressResponseValidation mode, ILogger logger)
    {
        _strict = mode == PostPressResponseValidation.Strict;
        _logger = logger;
    }

    /// <summary>The detector for these options, or <see langword="null"/> when <see cref="PostPressResponseValidation.Off"/>.</summary>
    public static SchemaDriftDetector? Create(PostPressResponseValidation mode, ILogger logger) =>
        mode == PostPressResponseValidation.Off ? null : new SchemaDriftDetector(mode, logger);

    /// <summary>How many (kind, model, field) entries this client remembers (tests).</summary>
    internal int RememberedCount => _seen.Count;

    /// <summary>Reports (or, when strict, throws for) the drift in <paramref name="value"/>, the body of <paramref name="response"/>.</summary>
    /// <exception cref="PostPressSerializationException">Strict, and the value holds drift.</exception>
    public void Inspect(object? value, OperationInfo operation, BufferedResponse response)
    {
        if (value is null)
        {
            return;
        }

        if (!_strict && !_logger.IsEnabled(LogLevel.Warning) && !PostPressDiagnostics.SchemaDrift.Enabled)
        {
            return; // Report, and nothing would see it
        }

        var walk = new Walk(this, operation, response);
        walk.Visit(value, 0);
    }

    private void Found(Walk walk, string kind, string model, string field, bool atItem = false)
    {
        var safeField = ServerText.Neutralize(field, MaxFieldLength);
        if (_strict)
        {
            throw new PostPressSerializationException(
                "The " + walk.Response.StatusCode.ToString(CultureInfo.InvariantCulture) + " response of " + walk.Operation.OperationId + " (" + walk.Operation.SpanName
                + ") drifted from the API description this SDK was built from (ResponseValidation is Strict): " + Describe(kind, safeField)
                + " in " + model + " at " + walk.Path(atItem ? null : field) + ".",
                walk.Response.StatusCode,
                string.Empty);
        }

        var key = kind + "\0" + model + "\0" + safeField;
        var first = false;
        if (!_seen.ContainsKey(key))
        {
            if (_seen.Count < MaxRemembered)
            {
                first = _seen.TryAdd(key, 0);
            }
            else
            {
                safeField = OtherField;
            }
        }

        if (PostPressDiagnostics.SchemaDrift.Enabled)
        {
            PostPressDiagnostics.SchemaDrift.Add(
                1,
                new KeyValuePair<string, object?>("postpress.model", model),
                new KeyValuePair<string, object?>("postpress.field", safeField),
                new KeyValuePair<string, object?>("postpress.drift.kind", kind));
        }

        if (first && _logger.IsEnabled(LogLevel.Warning))
        {
            LogDrift(_logger, walk.Operation.OperationId, kind, model, safeField, walk.Path(atItem ? null : field), null);
        }
    }

    private static string Describe(string kind, string field) => kind switch
    {
        UnknownField => "unknown field '" + field + "'",
        UnknownEnumValue => "unknown enum value in field '" + field + "'",
        _ => "unknown union variant (discriminator '" + field + "')",
    };

    private static TypePlan PlanFor(Type type) => Plans.GetOrAdd(type, static t => TypePlan.Build(t));

    /// <summary>One walk: the JSON path so far (segments pushed and popped; a string is built only when drift is found).</summary>
    private sealed class Walk(SchemaDriftDetector owner, OperationInfo operation, BufferedResponse response)
    {
        private readonly List<string> _segments = new();

        public OperationInfo Operation { get; } = operation;

        public BufferedResponse Response { get; } = response;

        public string Path(string? last)
        {
            var builder = new StringBuilder("$");
            foreach (var segment in _segments)
            {
                builder.Append(segment);
            }

            if (last is not null)
            {
                builder.Append('.').Append(ServerText.Neutralize(last, MaxFieldLength));
            }

            return ServerText.Neutralize(builder.ToString(), 512);
        }

        public void Visit(object? value, int depth)
        {
            if (value is null || depth > MaxDepth || value is string)
            {
                return;
            }

            var type = value.GetType();
            if (type.IsClass && type.Assembly == ModelAssembly)
            {
                VisitModel(value, PlanFor(type), depth);
                return;
            }

            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is not null && CanHoldDrift(entry.Value.GetType()))
                    {
                        _segments.Add("[" + ServerText.Neutralize(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), MaxFieldLength) + "]");
                        Visit(entry.Value, depth + 1);
                        _segments.RemoveAt(_segments.Count - 1);
                    }
                }

                return;
            }

            if (value is IEnumerable sequence && value is not Newtonsoft.Json.Linq.JToken)
            {
                var index = 0;
                foreach (var item in sequence)
                {
                    if (item is not null && CanHoldDrift(item.GetType()))
                    {
                        _segments.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                        Visit(item, depth + 1);
                        _segments.RemoveAt(_segments.Count - 1);
                    }

                    index++;
                }
            }
        }

        /// <summary>An enum met outside a model (an item of a list of enums): reported against the list's field.</summary>
        private void VisitEnumItem(IExtensibleEnum value, string model, string field)
        {
            if (!value.IsKnown && value.Value.Length > 0)
            {
                owner.Found(this, UnknownEnumValue, model, field, atItem: true);
            }
        }

        private void VisitModel(object model, TypePlan plan, int depth)
        {
            if (plan.UnionName is not null)
            {
                owner.Found(this, UnknownVariant, plan.UnionName, plan.Discriminator ?? "(variant)");
            }
            else if (model is IExtensionData { ExtensionData: { Count: > 0 } extra })
            {
                foreach (var name in extra.Keys)
                {
                    owner.Found(this, UnknownField, plan.Name, name);
                }
            }

            foreach (var member in plan.Members)
            {
                var value = member.Get(model);
                switch (value)
                {
                    case null:
                        continue;
                    case IExtensibleEnum e:
                        if (!e.IsKnown && e.Value.Length > 0 && !(plan.UnionName is not null && member.JsonName == plan.Discriminator))
                        {
                            owner.Found(this, UnknownEnumValue, plan.Name, member.JsonName);
                        }

                        continue;
                    case IEnumerable sequence when value is not IDictionary && !(value.GetType().Assembly == ModelAssembly && value.GetType().IsClass):
                        _segments.Add("." + member.JsonName);
                        var index = 0;
                        foreach (var item in sequence)
                        {
                            if (item is IExtensibleEnum itemEnum)
                            {
                                _segments.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                                VisitEnumItem(itemEnum, plan.Name, member.JsonName);
                                _segments.RemoveAt(_segments.Count - 1);
                            }
                            else if (item is not null && CanHoldDrift(item.GetType()))
                            {
                                _segments.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                                Visit(item, depth + 1);
                                _segments.RemoveAt(_segments.Count - 1);
                            }

                            index++;
                        }

                        _segments.RemoveAt(_segments.Count - 1);
                        continue;
                    default:
                        _segments.Add("." + member.JsonName);
                        Visit(value, depth + 1);
                        _segments.RemoveAt(_segments.Count - 1);
                        continue;
                }
            }
        }
    }

    /// <summary>Whether a value of this runtime type can hold drift (a model, an extensible enum, or a collection).</summary>
    private static bool CanHoldDrift(Type type) =>
        type != typeof(string) && (type.Assembly == ModelAssembly || (typeof(IEnumerable).IsAssignableFrom(type) && !typeof(Newtonsoft.Json.Linq.JToken).IsAssignableFrom(type)));

    /// <summary>What to walk in a model type: the declared properties that can hold drift (JSON name and getter).</summary>
    private sealed class TypePlan
    {
        private TypePlan(string name, string? unionName, string? discriminator, Member[] members)
        {
            Name = name;
            UnionName = unionName;
            Discriminator = discriminator;
            Members = members;
        }

        /// <summary>The model's name (the SDK's class name).</summary>
        public string Name { get; }

        /// <summary>For an <c>Unknown…</c> variant: the union's name; otherwise <see langword="null"/>.</summary>
        public string? UnionName { get; }

        /// <summary>For an unknown variant: the union's discriminator (JSON name), if it has one.</summary>
        public string? Discriminator { get; }

        public Member[] Members { get; }

#if NET
        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification =
            "The type is a deserialized response body: a model of this assembly (or a list of them), whose public properties " +
            "the generated readers assign, so a trimmed or Native AOT app keeps them; buildTransitive/PostPress.targets " +
            "also roots this assembly. A property the trimmer removed would only be one the walk cannot report drift in.")]
#endif
        public static TypePlan Build(Type type)
        {
            string? unionName = null;
            string? discriminator = null;
            if (typeof(IUnknownVariant).IsAssignableFrom(type))
            {
                for (var b = type.BaseType; b is not null && b != typeof(object); b = b.BaseType)
                {
                    if (UnionJsonConverter.IsUnionBase(b))
                    {
                        unionName = b.Name;
                        discriminator = UnionJsonConverter.DiscriminatorOf(b);
                        break;
                    }
                }

                unionName ??= type.BaseType?.Name ?? type.Name;
            }

            var members = new List<Member>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || !MayHoldDrift(property.PropertyType))
                {
                    continue;
                }

                var json = property.GetCustomAttribute<JsonPropertyAttribute>(inherit: true);
                if (json is null || property.GetCustomAttribute<JsonIgnoreAttribute>(inherit: true) is not null)
                {
                    continue;
                }

                members.Add(new Member(json.PropertyName ?? property.Name, property));
            }

            return new TypePlan(type.Name, unionName, discriminator, members.ToArray());
        }

        /// <summary>Whether a property of this declared type can hold drift (so primitives, strings and dates are never read).</summary>
        private static bool MayHoldDrift(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(object) || typeof(Newtonsoft.Json.Linq.JToken).IsAssignableFrom(type))
            {
                return false;
            }

            if (type.Assembly == ModelAssembly)
            {
                return true;
            }

            if (type.IsArray)
            {
                return MayHoldDrift(type.GetElementType()!);
            }

            if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    if (MayHoldDrift(argument))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>A property that can hold drift: its JSON name and a getter (a delegate bound once to the property's get method).</summary>
    private sealed class Member
    {
        private static readonly MethodInfo GetterFactory = typeof(Member).GetMethod(nameof(CreateGetter), BindingFlags.NonPublic | BindingFlags.Static)!;

        public Member(string jsonName, PropertyInfo property)
        {
            JsonName = jsonName;
            Get = BindGetter(property);
        }

        public string JsonName { get; }

        public Func<object, object?> Get { get; }

#if NET
        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2060", Justification =
            "CreateGetter's type parameters carry no DynamicallyAccessedMembers requirement: there is nothing for the " +
            "trimmer to keep for them.")]
        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AotAnalysis", "IL3050", Justification =
            "MakeGenericMethod runs only when RuntimeFeature.IsDynamicCodeSupported (never in a Native AOT app); net8.0's " +
            "analyzer does not treat that check as a guard.")]
#endif
        private static Func<object, object?> BindGetter(PropertyInfo property)
        {
            var getter = property.GetMethod!;
#if NET
            // A typed delegate per getter needs code made at run time for value-type properties: only where the runtime can
            // make it (never in a Native AOT app, where the reflection call below is used).
            if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported && getter.DeclaringType is { IsValueType: false } declaring)
#else
            if (getter.DeclaringType is { IsValueType: false } declaring)
#endif
            {
                try
                {
                    return (Func<object, object?>)GetterFactory.MakeGenericMethod(declaring, property.PropertyType).Invoke(null, new object[] { getter })!;
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or TargetInvocationException or InvalidOperationException)
                {
                    // fall back to reflection below
                }
            }

            return property.GetValue;
        }

        private static Func<object, object?> CreateGetter<TModel, TValue>(MethodInfo getter)
            where TModel : class
        {
            var typed = (Func<TModel, TValue>)Delegate.CreateDelegate(typeof(Func<TModel, TValue>), getter);
            return model => typed((TModel)model);
        }
    }
}
