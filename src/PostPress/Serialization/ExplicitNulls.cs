using System;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PostPress.Serialization;

/// <summary>
/// Explicit null versus absent for the optional nullable members of the SDK's models (PATCH semantics). The
/// model template (build/PostPress.CodeGen/Templates/Class.liquid, NSwagModelGenerator) gives each such property <c>X</c> a backing field and a
/// flag <c>_XIsSet</c> that its setter sets: assigning the property, <see langword="null"/> included, marks it set;
/// reading a member from JSON (also <c>"x": null</c>) assigns it. A set member is written even when null
/// (<c>"x": null</c>); an untouched null member is left out. The generated writers read the flag directly; this
/// helper gives Json.NET's reflection path the same rule.
/// </summary>
internal static class ExplicitNulls
{
    /// <summary>The name of the flag field of a tracked property.</summary>
    /// <param name="propertyName">The C# property name.</param>
    /// <returns>The field name.</returns>
    public static string FlagField(string propertyName) => "_" + propertyName.TrimStart('@') + "IsSet";

    /// <summary>Makes a tracked property's contract write it when set (even to null) and skip it when untouched.</summary>
    /// <param name="property">The contract property.</param>
    /// <param name="member">The C# member.</param>
    /// <param name="providerFor">Creates a value provider for a field.</param>
#if NET
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(ReflectionContracts.Message)]
#endif
    public static void Apply(JsonProperty property, MemberInfo member, Func<MemberInfo, IValueProvider> providerFor)
    {
        var field = member.DeclaringType?.GetField(FlagField(member.Name), BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly);
        if (field is null || field.FieldType != typeof(bool) || property.ValueProvider is not { } value)
        {
            return;
        }

        var flag = providerFor(field);
        property.NullValueHandling = NullValueHandling.Include;
        property.ShouldSerialize = target => value.GetValue(target) is not null || flag.GetValue(target) is true;
    }
}
