using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// Pass 4 (spec → normalised model): every component with a top-level <c>oneOf</c> becomes a <see cref="UnionModel"/>
/// (variants, discriminator values and enum, shared properties), then variant C# names are resolved.
/// </summary>
internal sealed class UnionPass
{
    private readonly SpecModel _m;

    public UnionPass(SpecModel model)
    {
        _m = model;
    }

    public void Run()
    {
        foreach (var (name, node) in _m.Schemas)
        {
            if (node is JsonObject schema && schema.ContainsKey("oneOf"))
            {
                _m.Unions.Add(name, BuildUnion(name, schema));
            }
            else if (node is JsonObject other && other.ContainsKey("anyOf"))
            {
                throw new SpecException($"{SchemaRefPrefix}{name}: component-level anyOf is not supported; use oneOf (with a discriminator or a required property unique to each variant).");
            }
        }

        ResolveVariantNames();
    }

    private UnionModel BuildUnion(string name, JsonObject schema)
    {
        string ptr = SchemaRefPrefix + name;
        if (!Naming.IsTypeName(name))
        {
            throw new SpecException($"{ptr}: union component names must be PascalCase C# identifiers ([A-Z][A-Za-z0-9]*).");
        }

        foreach (var key in schema.Select(p => p.Key))
        {
            if (key is not ("oneOf" or "discriminator" or "description" or "title" or "$comment" or "x-csharp-variant-names")
                && !key.StartsWith("x-", StringComparison.Ordinal)
                && !(key == "type" && schema["type"]?.GetValueKind() == JsonValueKind.String && schema["type"]!.GetValue<string>() == "object"))
            {
                throw new SpecException($"{ptr}: '{key}' next to a top-level oneOf is not supported (put shared fields into an allOf mixin of each variant).");
            }
        }

        var branches = schema["oneOf"] as JsonArray ?? throw new SpecException($"{ptr}/oneOf must be an array.");
        var refs = new List<string>();
        bool nullable = false;
        for (int i = 0; i < branches.Count; i++)
        {
            var branch = branches[i] as JsonObject ?? throw new SpecException($"{ptr}/oneOf/{i}: expected an object.");
            if (IsNullSchema(branch))
            {
                nullable = true;
                continue;
            }

            if (branch["$ref"] is not JsonValue rv || !rv.TryGetValue(out string? reference) || branch.Count != 1
                || !reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
            {
                throw new SpecException($"{ptr}/oneOf/{i}: union branches must be a plain $ref to a component object schema (or {{type: 'null'}}).");
            }

            string target = reference.Substring(SchemaRefPrefix.Length);
            if (!_m.Schemas.ContainsKey(target))
            {
                throw new SpecException($"{ptr}/oneOf/{i}: $ref target '{target}' does not exist.");
            }

            if (_m.Enums.ContainsKey(target) || (_m.Schemas[target] as JsonObject)?.ContainsKey("oneOf") == true)
            {
                throw new SpecException($"{ptr}/oneOf/{i}: '{target}' is an enum or a union; union variants must be object schemas (nested unions are not supported).");
            }

            if (refs.Contains(target))
            {
                throw new SpecException($"{ptr}/oneOf: '{target}' is listed twice.");
            }

            refs.Add(target);
        }

        if (refs.Count == 0)
        {
            throw new SpecException($"{ptr}: a union needs at least one object variant.");
        }

        var variantNames = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schema["x-csharp-variant-names"] is JsonObject names)
        {
            foreach (var (source, csName) in names)
            {
                if (!refs.Contains(source))
                {
                    throw new SpecException($"{ptr}/x-csharp-variant-names: '{source}' is not a variant of this union.");
                }

                string value = csName?.GetValue<string>() ?? string.Empty;
                if (!Naming.IsTypeName(value))
                {
                    throw new SpecException($"{ptr}/x-csharp-variant-names/{source}: '{value}' is not a PascalCase C# type name.");
                }

                variantNames[source] = value;
            }
        }
        else if (schema.ContainsKey("x-csharp-variant-names"))
        {
            throw new SpecException($"{ptr}/x-csharp-variant-names must be an object mapping variant component names to C# class names.");
        }

        string? discriminator = null;
        var mapping = new List<(string Value, string Target)>();
        if (schema["discriminator"] is JsonObject disc)
        {
            discriminator = disc["propertyName"]?.GetValue<string>() ?? throw new SpecException($"{ptr}/discriminator: missing propertyName.");
            if (disc["mapping"] is JsonObject map)
            {
                foreach (var (value, target) in map)
                {
                    string targetRef = target?.GetValue<string>() ?? string.Empty;
                    string targetName = targetRef.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) ? targetRef.Substring(SchemaRefPrefix.Length) : targetRef;
                    if (!refs.Contains(targetName))
                    {
                        throw new SpecException($"{ptr}/discriminator/mapping/{value}: '{targetRef}' is not one of the union's oneOf variants.");
                    }

                    mapping.Add((value, targetName));
                }
            }

            foreach (var key in disc.Select(p => p.Key))
            {
                if (key is not ("propertyName" or "mapping") && !key.StartsWith("x-", StringComparison.Ordinal))
                {
                    throw new SpecException($"{ptr}/discriminator: unsupported key '{key}'.");
                }
            }
        }
        else if (schema.ContainsKey("discriminator"))
        {
            throw new SpecException($"{ptr}/discriminator must be an object.");
        }

        var variants = new List<VariantModel>();
        var valueOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string source in refs)
        {
            string vptr = SchemaRefPrefix + source;
            if (!Naming.IsTypeName(source))
            {
                throw new SpecException($"{vptr}: union variant component names must be PascalCase C# identifiers ([A-Z][A-Za-z0-9]*).");
            }

            var flat = _m.GetFlat(source);
            var values = new List<string>();
            if (discriminator is not null)
            {
                var properties = flat["properties"] as JsonObject;
                if (properties?[discriminator] is not JsonObject discSchema)
                {
                    throw new SpecException($"{vptr}: variant of {name} has no '{discriminator}' (discriminator) property.");
                }

                var fromMapping = mapping.Where(m => m.Target == source).Select(m => m.Value).ToList();
                var fromSchema = DiscriminatorValues(discSchema, $"{vptr}/properties/{discriminator}");
                if (fromMapping.Count > 0 && fromSchema is not null && !fromSchema.ToHashSet().SetEquals(fromMapping))
                {
                    throw new SpecException($"{ptr}: discriminator mapping values [{string.Join(", ", fromMapping)}] for {source} differ from the values its '{discriminator}' property allows [{string.Join(", ", fromSchema)}].");
                }

                values = fromMapping.Count > 0 ? fromMapping : fromSchema ?? new List<string>();
                if (values.Count == 0)
                {
                    throw new SpecException($"{vptr}: cannot tell which '{discriminator}' values select this variant of {name}: add a discriminator mapping or make the property {{const: X}} / {{enum: [X, Y]}}.");
                }

                foreach (string value in values)
                {
                    if (valueOwner.TryGetValue(value, out string? owner))
                    {
                        throw new SpecException($"{ptr}: discriminator value '{value}' selects both {owner} and {source}.");
                    }

                    valueOwner[value] = source;
                }
            }

            variants.Add(new VariantModel
            {
                Name = variantNames.TryGetValue(source, out string? csName) ? csName : source,
                SourceName = source,
                Values = values,
                Description = flat["description"]?.GetValue<string>(),
                Flat = flat,
            });
        }

        var union = new UnionModel
        {
            Name = name,
            Description = schema["description"]?.GetValue<string>(),
            DiscriminatorProperty = discriminator,
            Variants = variants,
            Nullable = nullable,
        };

        // Properties every variant has with the same schema are hoisted into the base class.
        var first = variants[0].Flat["properties"] as JsonObject ?? new JsonObject();
        foreach (var (prop, propSchema) in first)
        {
            if (prop == discriminator)
            {
                continue;
            }

            bool shared = variants.All(v => (v.Flat["properties"] as JsonObject)?[prop] is JsonNode other && SchemaEquals(propSchema, other));
            if (shared && variants.Count > 1)
            {
                union.SharedProperties.Add(prop);
            }
        }

        if (discriminator is null)
        {
            foreach (var variant in variants)
            {
                var required = RequiredOf(variant.Flat);
                string? unique = ((variant.Flat["properties"] as JsonObject) ?? new JsonObject())
                    .Select(p => p.Key)
                    .FirstOrDefault(p => required.Contains(p)
                        && variants.Where(o => o != variant).All(o => (o.Flat["properties"] as JsonObject)?.ContainsKey(p) != true));
                if (unique is null)
                {
                    throw new SpecException($"{ptr}: the union has no discriminator and variant {variant.SourceName} has no required property that the other variants lack; add a discriminator or such a property.");
                }

                Naming.PropertyName(unique);
                variant.DistinguishingProperty = unique;
            }
        }
        else
        {
            union.DiscriminatorEnum = BuildDiscriminatorEnum(union, ptr);
        }

        return union;
    }

    private static List<string>? DiscriminatorValues(JsonObject discSchema, string ptr)
    {
        if (discSchema["const"] is JsonValue c)
        {
            return new List<string> { c.GetValue<string>() };
        }

        if (discSchema["enum"] is JsonArray e)
        {
            return e.Select(v => v?.GetValue<string>() ?? throw new SpecException($"{ptr}: null is not a valid discriminator value.")).ToList();
        }

        return null;
    }

    private EnumModel BuildDiscriminatorEnum(UnionModel union, string ptr)
    {
        string prop = union.DiscriminatorProperty!;
        var allValues = union.Variants.SelectMany(v => v.Values).ToList();

        // All variants type the discriminator with the same enum component: reuse it.
        var refTargets = union.Variants
            .Select(v => ((v.Flat["properties"] as JsonObject)?[prop] as JsonObject)?["$ref"]?.GetValue<string>())
            .Distinct()
            .ToList();
        string? reuse = null;
        if (refTargets.Count == 1 && refTargets[0] is string single && single.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
        {
            reuse = single.Substring(SchemaRefPrefix.Length);
        }

        string name = union.Name + Naming.PropertyName(prop);
        if (reuse is null && _m.Schemas.ContainsKey(name))
        {
            reuse = name;
        }

        if (reuse is not null)
        {
            if (!_m.Enums.TryGetValue(reuse, out var existing))
            {
                throw new SpecException($"{ptr}: the discriminator enum name '{name}' is already used by a non-enum component.");
            }

            var missing = allValues.Except(existing.Members.Select(m => m.Value)).ToList();
            if (missing.Count > 0)
            {
                throw new SpecException($"{ptr}: discriminator values [{string.Join(", ", missing)}] are missing from enum component {reuse}.");
            }

            return existing;
        }

        // Optional override on the discriminator object: x-enum-varnames: {VALUE: CSharpName}.
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_m.Schemas[union.Name]?["discriminator"]?["x-enum-varnames"] is JsonObject varNames)
        {
            foreach (var (value, memberName) in varNames)
            {
                if (!allValues.Contains(value))
                {
                    throw new SpecException($"{ptr}/discriminator/x-enum-varnames: '{value}' is not a discriminator value.");
                }

                overrides[value] = memberName?.GetValue<string>() ?? throw new SpecException($"{ptr}/discriminator/x-enum-varnames/{value} must be a string.");
            }
        }

        var members = new List<EnumMember>();
        foreach (var variant in union.Variants)
        {
            foreach (string value in variant.Values)
            {
                string memberName = (overrides.TryGetValue(value, out string? chosen) ? chosen : Naming.DiscriminatorMemberName(value, variant.Name))
                    ?? throw new SpecException($"{ptr}: discriminator value '{value}' cannot be turned into a C# member name; add discriminator.x-enum-varnames: {{{value}: SomeName}}.");
                members.Add(new EnumMember(value, memberName, null, variant.Name));
            }
        }

        var model = new EnumModel
        {
            Name = name,
            Description = $"The '{prop}' discriminator of {union.Name}: tells which variant an instance is.",
            Members = members,
            UnionName = union.Name,
            Synthesized = true,
        };
        EnumPass.ValidateEnumMembers(model, ptr, hint: "choose names with discriminator.x-enum-varnames: {VALUE: Name}");
        return model;
    }

    private void ResolveVariantNames()
    {
        var bySource = _m.Unions.Values
            .SelectMany(u => u.Variants.Select(v => (Union: u, Variant: v)))
            .GroupBy(x => x.Variant.SourceName, StringComparer.Ordinal);
        foreach (var group in bySource)
        {
            string source = group.Key;
            _m.VariantSources.Add(source);
            var keeping = group.Where(x => x.Variant.Name == source).ToList();
            if (keeping.Count > 1)
            {
                throw new SpecException($"{SchemaRefPrefix}{source} is a variant of {string.Join(" and ", keeping.Select(x => x.Union.Name))}: give it a distinct C# name per union with x-csharp-variant-names (e.g. {{{source}: {keeping[0].Union.Name}{source}}}).");
            }

            if (keeping.Count == 0)
            {
                if (group.Count() == 1)
                {
                    _m.RefRedirects[source] = group.Single().Variant.Name;
                }
                else if (_m.DirectRefs.Contains(source))
                {
                    _m.StandaloneVariantSources.Add(source);
                }
            }
        }
    }
}
