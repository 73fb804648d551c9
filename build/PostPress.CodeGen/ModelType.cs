namespace PostPress.CodeGen;

/// <summary>The shape of a model property's C# type.</summary>
internal enum ModelTypeKind
{
    /// <summary>A scalar, an extensible enum or a model class: <see cref="ModelType.Name"/> is the C# type.</summary>
    Named,

    /// <summary>A list: <see cref="ModelType.Name"/> is the generic list type (build/nswag.json <c>arrayType</c>), <see cref="ModelType.Item"/> its item.</summary>
    List,

    /// <summary>A map with string keys: <see cref="ModelType.Name"/> is the generic dictionary type, <see cref="ModelType.Item"/> its value.</summary>
    Map,
}

/// <summary>
/// A model property's C# type as NSwag's type resolver gave it, level by level (the list, then its item…), so the
/// emitters read the structure instead of parsing the type's text. <see cref="ToString"/> is the C# type NSwag wrote
/// (NSwagModelGenerator checks that they agree).
/// </summary>
/// <param name="Kind">Named, list or map.</param>
/// <param name="Name">The C# type (named) or the generic type (list, map), never with <c>?</c>.</param>
/// <param name="Nullable">Whether the type carries <c>?</c>.</param>
/// <param name="Item">The item (list) or value (map) type.</param>
internal sealed record ModelType(ModelTypeKind Kind, string Name, bool Nullable, ModelType? Item = null)
{
    /// <summary>Gets the same type without its nullable annotation.</summary>
    public ModelType NonNullable => Nullable ? this with { Nullable = false } : this;

    /// <summary>The C# type, e.g. <c>System.Collections.Generic.IList&lt;string&gt;?</c>.</summary>
    /// <returns>The C# type.</returns>
    public override string ToString() => Kind switch
    {
        ModelTypeKind.List => $"{Name}<{Item}>",
        ModelTypeKind.Map => $"{Name}<string, {Item}>",
        _ => Name,
    } + (Nullable ? "?" : string.Empty);
}
