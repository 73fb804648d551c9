using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PostPress.Serialization;

/// <summary>
/// Writes the properties of base classes before those of derived classes (Json.NET's default is the reverse), so a
/// union's discriminator, declared on the generated base class, is the first property on the wire. Some servers
/// (e.g. System.Text.Json polymorphism before .NET 9) require that.
/// </summary>
internal sealed class PostPressContractResolver : DefaultContractResolver
{
    /// <summary>Gets the shared instance (Json.NET caches contracts per resolver instance).</summary>
    public static PostPressContractResolver Instance { get; } = new PostPressContractResolver();

    /// <inheritdoc/>
    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
    {
        return base.CreateProperties(type, memberSerialization)
            .Select((property, index) => (property, index))
            .OrderBy(p => Depth(p.property.DeclaringType))
            .ThenBy(p => p.index)
            .Select(p => p.property)
            .ToList();
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
