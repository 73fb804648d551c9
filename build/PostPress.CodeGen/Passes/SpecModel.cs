using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// The normalised model: the canonical document (after inline schemas are named) plus what the spec → model passes
/// learnt about it (enums, unions, reference kinds, variant renames). The NSwag dialect passes and the emitters read it;
/// only the passes listed in <see cref="Transformer"/> write it.
/// </summary>
internal sealed class SpecModel
{
    public SpecModel(JsonObject document)
    {
        Document = document;
        Schemas = (document["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
        Flattener = new AllOfFlattener(this);
    }

    /// <summary>The canonical (OpenAPI 3.1) document; the inline-schema pass adds the components it names.</summary>
    public JsonObject Document { get; }

    /// <summary><c>#/components/schemas</c> of <see cref="Document"/>.</summary>
    public JsonObject Schemas { get; private set; }

    public Dictionary<string, EnumModel> Enums { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UnionModel> Unions { get; } = new(StringComparer.Ordinal);

    /// <summary>Components referenced by a plain <c>$ref</c> somewhere (not only as a union branch or allOf member).</summary>
    public HashSet<string> DirectRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Components referenced as allOf members (mixins).</summary>
    public HashSet<string> AllOfRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Component → union variant C# name, for variants used by exactly one union under another name.</summary>
    public Dictionary<string, string> RefRedirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Variant source components that must also be emitted stand-alone (shared, renamed everywhere, referenced directly).</summary>
    public HashSet<string> StandaloneVariantSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Components that are the source of at least one union variant.</summary>
    public HashSet<string> VariantSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Names given to inline schemas, by the JSON pointer of the inline schema's original location.</summary>
    public Dictionary<string, string> InlineNames { get; } = new(StringComparer.Ordinal);

    public AllOfFlattener Flattener { get; }

    /// <summary>The allOf-merged form of an object component (cached, do not mutate).</summary>
    public JsonObject GetFlat(string name) => Flattener.GetFlat(name);

    /// <summary>The component enums and the synthesized discriminator enums.</summary>
    public List<EnumModel> AllEnums()
    {
        var enums = Enums.Values.ToList();
        foreach (var union in Unions.Values)
        {
            if (union.DiscriminatorEnum is { Synthesized: true } synthesized)
            {
                enums.Add(synthesized);
            }
        }

        return enums;
    }

    /// <summary>Re-reads <c>#/components/schemas</c> (after a pass created it).</summary>
    public void RefreshSchemas() =>
        Schemas = (Document["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
}
