using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>Pass 3 (spec → normalised model): every enum component becomes an <see cref="EnumModel"/> (extensible enum).</summary>
internal sealed class EnumPass
{
    private readonly SpecModel _m;

    public EnumPass(SpecModel model)
    {
        _m = model;
    }

    public void Run()
    {
        foreach (var (name, node) in _m.Schemas)
        {
            if (node is not JsonObject schema)
            {
                throw new SpecException($"{SchemaRefPrefix}{name}: a component schema must be an object.");
            }

            if (IsEnumComponent(schema))
            {
                _m.Enums.Add(name, BuildEnum(name, schema));
            }
        }
    }

    public static bool IsEnumComponent(JsonObject schema) =>
        schema.ContainsKey("enum") && !schema.ContainsKey("properties") && !schema.ContainsKey("oneOf") && !schema.ContainsKey("allOf");

    private static EnumModel BuildEnum(string name, JsonObject schema)
    {
        string ptr = SchemaRefPrefix + name;
        if (!Naming.IsTypeName(name))
        {
            throw new SpecException($"{ptr}: enum component names must be PascalCase C# identifiers ([A-Z][A-Za-z0-9]*).");
        }

        var (type, nullable) = ReadType(schema, ptr);
        if (type != "string")
        {
            throw new SpecException($"{ptr}: only string enums are supported (found type '{type ?? "(none)"}').");
        }

        foreach (var key in schema.Select(p => p.Key))
        {
            if (key is not ("type" or "enum" or "description" or "title" or "x-enum-varnames" or "x-enum-descriptions" or "example" or "examples" or "default" or "deprecated" or "$comment")
                && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new SpecException($"{ptr}: unsupported keyword '{key}' on an enum component.");
            }
        }

        var values = schema["enum"] as JsonArray ?? throw new SpecException($"{ptr}: 'enum' must be an array.");
        var varNames = ReadParallelStrings(schema, "x-enum-varnames", values.Count, ptr);
        var descriptions = ReadParallelStrings(schema, "x-enum-descriptions", values.Count, ptr);
        var members = new List<EnumMember>();
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                nullable = true;
                continue;
            }

            if (values[i] is not JsonValue v || !v.TryGetValue(out string? value))
            {
                throw new SpecException($"{ptr}/enum/{i}: enum values must be strings.");
            }

            members.Add(new EnumMember(value, varNames?[i] ?? string.Empty, descriptions?[i], null));
        }

        // Names chosen in x-enum-varnames are kept as written (and validated below); the others are derived from
        // the value (Naming.EnumMemberName) and made unique in spec order: a clash with a chosen name, an earlier
        // derived name (values differing only by case or punctuation) or a member of the struct gets _2, _3…
        var taken = new HashSet<string>(StringComparer.Ordinal)
        {
            name, "Value", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "WireConverter",
            "KnownValues", "IsKnown",
        };
        taken.UnionWith(members.Where(m => m.Name.Length > 0).Select(m => m.Name));
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i].Name.Length == 0)
            {
                string baseName = Naming.EnumMemberName(members[i].Value);
                string unique = baseName;
                for (int n = 2; !taken.Add(unique); n++)
                {
                    unique = baseName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                members[i] = members[i] with { Name = unique };
            }
        }

        var model = new EnumModel
        {
            Name = name,
            Description = schema["description"]?.GetValue<string>(),
            Members = members,
            Nullable = nullable,
        };
        ValidateEnumMembers(model, ptr, hint: "use x-enum-varnames to choose another C# name");
        return model;
    }

    private static List<string?>? ReadParallelStrings(JsonObject schema, string key, int count, string ptr)
    {
        if (!schema.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonObject byValue && key == "x-enum-descriptions" && schema["enum"] is JsonArray values)
        {
            // Scalar's and Redocly's form: a map from value to description (values it leaves out have none).
            return values.Select(v => v is JsonValue value && value.TryGetValue(out string? text) && byValue[text] is JsonValue d && d.TryGetValue(out string? description) ? description : null).ToList();
        }

        if (node is not JsonArray array || array.Count != count)
        {
            throw new SpecException($"{ptr}: '{key}' must be an array parallel to 'enum' ({count} entries){(key == "x-enum-descriptions" ? " or a map from value to description" : string.Empty)}.");
        }

        return array.Select(n => n is null ? null : n.GetValue<string>()).ToList();
    }

    internal static void ValidateEnumMembers(EnumModel model, string ptr, string hint)
    {
        var reserved = new HashSet<string>(StringComparer.Ordinal)
        {
            model.Name, "Value", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "WireConverter",
            "KnownValues", "IsKnown",
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seenValues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in model.Members)
        {
            if (!Naming.IsIdentifier(member.Name))
            {
                throw new SpecException($"{ptr}: '{member.Name}' (for value '{member.Value}') is not a valid C# identifier; {hint}.");
            }

            if (reserved.Contains(member.Name))
            {
                throw new SpecException($"{ptr}: member name '{member.Name}' (for value '{member.Value}') clashes with a member of the generated struct; {hint}.");
            }

            if (!seen.Add(member.Name))
            {
                throw new SpecException($"{ptr}: two values map to the C# member name '{member.Name}'; {hint}.");
            }

            if (!seenValues.Add(member.Value))
            {
                throw new SpecException($"{ptr}: duplicate enum value '{member.Value}'.");
            }
        }
    }
}
