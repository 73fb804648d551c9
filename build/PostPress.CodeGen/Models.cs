using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>One value of an extensible enum.</summary>
/// <param name="Value">The wire value.</param>
/// <param name="Name">The C# member name.</param>
/// <param name="Description">Plain-text description (from x-enum-descriptions), or null.</param>
/// <param name="VariantType">For discriminator enums: the variant class this value selects.</param>
internal sealed record EnumMember(string Value, string Name, string? Description, string? VariantType);

/// <summary>An extensible enum: either an enum component of the spec or the discriminator of a union.</summary>
internal sealed class EnumModel
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required List<EnumMember> Members { get; init; }

    /// <summary>Whether the component allows null (<c>type: [string, 'null']</c>): references become nullable.</summary>
    public bool Nullable { get; init; }

    /// <summary>For a synthesized discriminator enum: the union it belongs to.</summary>
    public string? UnionName { get; init; }

    /// <summary>True when the enum is synthesized from a union discriminator (not a component of the spec).</summary>
    public bool Synthesized { get; init; }
}

/// <summary>One variant (C# class) of a union.</summary>
internal sealed class VariantModel
{
    /// <summary>The C# class name (x-csharp-variant-names, else the component name).</summary>
    public required string Name { get; init; }

    /// <summary>The component schema the variant comes from.</summary>
    public required string SourceName { get; init; }

    /// <summary>Discriminator values selecting this variant, in mapping order (the first is set by the constructor).</summary>
    public required List<string> Values { get; init; }

    /// <summary>For non-discriminated unions: the required JSON property only this variant has.</summary>
    public string? DistinguishingProperty { get; set; }

    public string? Description { get; init; }

    /// <summary>The flattened (allOf-merged) canonical schema of the variant.</summary>
    public required JsonObject Flat { get; init; }
}

/// <summary>A union: a component whose top level is <c>oneOf</c>.</summary>
internal sealed class UnionModel
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The JSON name of the discriminator property, or null for a union told apart by property presence.</summary>
    public string? DiscriminatorProperty { get; init; }

    /// <summary>The extensible enum typing the discriminator property.</summary>
    public EnumModel? DiscriminatorEnum { get; set; }

    public required List<VariantModel> Variants { get; init; }

    /// <summary>Whether the union has a <c>{type: 'null'}</c> branch: properties referencing it become nullable.</summary>
    public bool Nullable { get; init; }

    /// <summary>JSON names of the properties shared (identically) by every variant, hoisted into the base class.</summary>
    public List<string> SharedProperties { get; } = new();

    public string UnknownName => "Unknown" + Name;
}

/// <summary>Everything the transformation produces.</summary>
internal sealed class GenerationModel
{
    public required JsonObject NSwagDocument { get; init; }

    public required List<EnumModel> Enums { get; init; }

    public required List<UnionModel> Unions { get; init; }

    /// <summary>Classes generated <c>internal</c>: models only used by error responses (see <see cref="ErrorModelVisibilityPass"/>).</summary>
    public IReadOnlySet<string> InternalTypes => Spec.InternalTypes;

    /// <summary>The normalised model the NSwag document was derived from.</summary>
    public required SpecModel Spec { get; init; }
}
