using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>
/// Turns the canonical OpenAPI 3.1 document into the NSwag dialect (OpenAPI 3.0.3) and collects the enum and union
/// models that <see cref="CSharpEmitter"/> writes. Every rule is listed in build/README.md. Anything the transformer does
/// not understand throws <see cref="SpecException"/> (the build fails) instead of being dropped silently.
/// </summary>
internal sealed class Transformer
{
    private const string SchemaRefPrefix = "#/components/schemas/";

    /// <summary>Keywords copied unchanged into the NSwag document.</summary>
    private static readonly HashSet<string> PassThroughKeywords = new(StringComparer.Ordinal)
    {
        "format", "description", "title", "default", "example", "minimum", "maximum", "multipleOf", "minLength",
        "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "required",
        "readOnly", "writeOnly", "deprecated", "externalDocs", "xml",
    };

    /// <summary>Keywords that carry no type information NSwag can use: dropped.</summary>
    private static readonly HashSet<string> DroppedKeywords = new(StringComparer.Ordinal)
    {
        "$comment", "$schema", "contentMediaType", "contentEncoding",
        "x-enum-varnames", "x-enum-descriptions", "x-csharp-variant-names",
    };

    /// <summary>Keywords allowed next to a <c>$ref</c> (OpenAPI 3.1 allows siblings).</summary>
    private static readonly HashSet<string> RefSiblingKeywords = new(StringComparer.Ordinal)
    {
        "description", "title", "readOnly", "writeOnly", "deprecated", "example", "examples", "default", "nullable", "$comment",
    };

    private static readonly HashSet<string> DocKeywords = new(StringComparer.Ordinal)
    {
        "description", "title", "example", "examples", "$comment", "deprecated",
    };

    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private readonly JsonObject _doc;
    private readonly JsonObject _schemas;
    private readonly Dictionary<string, EnumModel> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnionModel> _unions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _flatCache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flattening = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directRefs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allOfRefs = new(StringComparer.Ordinal);

    /// <summary>Component → union variant C# name, for variants used by exactly one union under another name.</summary>
    private readonly Dictionary<string, string> _refRedirects = new(StringComparer.Ordinal);

    /// <summary>Variant source components that must also be emitted stand-alone (shared, renamed everywhere, referenced directly).</summary>
    private readonly HashSet<string> _standaloneVariantSources = new(StringComparer.Ordinal);

    private readonly HashSet<string> _variantSources = new(StringComparer.Ordinal);

    public Transformer(JsonObject document)
    {
        _doc = document;
        _schemas = (document["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
    }

    public GenerationModel Run()
    {
        string version = _doc["openapi"]?.GetValue<string>() ?? throw new SpecException("missing 'openapi' version.");
        if (!version.StartsWith("3.1", StringComparison.Ordinal) && !version.StartsWith("3.0", StringComparison.Ordinal))
        {
            throw new SpecException($"unsupported OpenAPI version '{version}' (expected 3.1.x).");
        }

        ScanReferences();

        foreach (var (name, node) in _schemas)
        {
            if (node is not JsonObject schema)
            {
                throw new SpecException($"{SchemaRefPrefix}{name}: a component schema must be an object.");
            }

            if (IsEnumComponent(schema))
            {
                _enums.Add(name, BuildEnum(name, schema));
            }
        }

        foreach (var (name, node) in _schemas)
        {
            if (node is JsonObject schema && schema.ContainsKey("oneOf"))
            {
                _unions.Add(name, BuildUnion(name, schema));
            }
            else if (node is JsonObject other && other.ContainsKey("anyOf"))
            {
                throw new SpecException($"{SchemaRefPrefix}{name}: component-level anyOf is not supported; use oneOf (with a discriminator or a required property unique to each variant).");
            }
        }

        ResolveVariantNames();

        var output = new JsonObject();
        foreach (var (key, value) in _doc)
        {
            switch (key)
            {
                case "openapi":
                    output["openapi"] = "3.0.3";
                    break;
                case "info":
                    var info = (JsonObject)value!.DeepClone();
                    info.Remove("summary");
                    (info["license"] as JsonObject)?.Remove("identifier");
                    output["info"] = info;
                    break;
                case "jsonSchemaDialect":
                case "webhooks":
                    break;
                case "servers":
                    // Dropped so NSwag generates the constructor (string baseUrl, HttpClient httpClient) instead of
                    // hard-coding the first server URL: the facade decides the base URL.
                    break;
                case "tags":
                case "security":
                case "externalDocs":
                    output[key] = value?.DeepClone();
                    break;
                case "paths":
                    output["paths"] = TransformPaths(value as JsonObject ?? throw new SpecException("'paths' must be an object."));
                    break;
                case "components":
                    output["components"] = TransformComponents(value as JsonObject ?? throw new SpecException("'components' must be an object."));
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        output[key] = value?.DeepClone();
                        break;
                    }

                    throw new SpecException($"unsupported top-level key '{key}'.");
            }
        }

        AddReferencedMixins(output);

        var enums = _enums.Values.ToList();
        foreach (var union in _unions.Values)
        {
            if (union.DiscriminatorEnum is { Synthesized: true } synthesized)
            {
                enums.Add(synthesized);
            }
        }

        CheckTypeNameCollisions(output, enums);
        return new GenerationModel { NSwagDocument = output, Enums = enums, Unions = _unions.Values.ToList() };
    }

    // ------------------------------------------------------------------ reference scan

    /// <summary>Records which components are referenced directly, through allOf, or only as union branches.</summary>
    private void ScanReferences()
    {
        foreach (var (_, node) in _schemas)
        {
            if (node is JsonObject schema && schema.ContainsKey("oneOf"))
            {
                foreach (var (key, value) in schema)
                {
                    if (key == "oneOf")
                    {
                        // Union branches ($ref) are not direct references; anything else inside is scanned.
                        foreach (var branch in value as JsonArray ?? new JsonArray())
                        {
                            if (branch is JsonObject b && !b.ContainsKey("$ref"))
                            {
                                Scan(b, null, isNameMap: false);
                            }
                        }
                    }
                    else if (key != "discriminator" && !key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Scan(value, key, isNameMap: false);
                    }
                }
            }
            else
            {
                Scan(node, null, isNameMap: false);
            }
        }

        foreach (var (key, value) in _doc)
        {
            if (key == "components" && value is JsonObject components)
            {
                foreach (var (section, content) in components)
                {
                    if (section != "schemas" && !section.StartsWith("x-", StringComparison.Ordinal))
                    {
                        Scan(content, section, isNameMap: true);
                    }
                }
            }
            else if (key == "paths")
            {
                Scan(value, key, isNameMap: true);
            }
        }
    }

    private void Scan(JsonNode? node, string? parentKey, bool isNameMap)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!isNameMap && obj["$ref"] is JsonValue refValue && refValue.TryGetValue(out string? reference)
                    && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                {
                    (parentKey == "allOf" ? _allOfRefs : _directRefs).Add(reference.Substring(SchemaRefPrefix.Length));
                }

                foreach (var (key, value) in obj)
                {
                    if (isNameMap)
                    {
                        // Keys are names (properties, status codes, media types...), values are objects.
                        Scan(value, null, isNameMap: false);
                        continue;
                    }

                    if (key is "example" or "examples" or "discriminator" || key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    bool childIsNameMap = key is "properties" or "patternProperties" or "$defs" or "responses" or "content"
                        or "headers" or "links" or "callbacks" or "encoding";
                    Scan(value, key, childIsNameMap);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Scan(item, parentKey, isNameMap: false);
                }

                break;
        }
    }

    // ------------------------------------------------------------------ enums

    private static bool IsEnumComponent(JsonObject schema) =>
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

            string? memberName = varNames?[i] ?? Naming.PascalCase(value);
            if (memberName is null)
            {
                throw new SpecException($"{ptr}: enum value '{value}' cannot be PascalCased into a C# name; add x-enum-varnames (a parallel array of C# member names) to the component.");
            }

            members.Add(new EnumMember(value, memberName, descriptions?[i], null));
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

        if (node is not JsonArray array || array.Count != count)
        {
            throw new SpecException($"{ptr}: '{key}' must be an array parallel to 'enum' ({count} entries).");
        }

        return array.Select(n => n is null ? null : n.GetValue<string>()).ToList();
    }

    private static void ValidateEnumMembers(EnumModel model, string ptr, string hint)
    {
        var reserved = new HashSet<string>(StringComparer.Ordinal)
        {
            model.Name, "Value", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "WireConverter",
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

    // ------------------------------------------------------------------ unions

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
            if (!_schemas.ContainsKey(target))
            {
                throw new SpecException($"{ptr}/oneOf/{i}: $ref target '{target}' does not exist.");
            }

            if (_enums.ContainsKey(target) || (_schemas[target] as JsonObject)?.ContainsKey("oneOf") == true)
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

            var flat = GetFlat(source);
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
        if (reuse is null && _schemas.ContainsKey(name))
        {
            reuse = name;
        }

        if (reuse is not null)
        {
            if (!_enums.TryGetValue(reuse, out var existing))
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
        if (_schemas[union.Name]?["discriminator"]?["x-enum-varnames"] is JsonObject varNames)
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
        ValidateEnumMembers(model, ptr, hint: "choose names with discriminator.x-enum-varnames: {VALUE: Name}");
        return model;
    }

    private void ResolveVariantNames()
    {
        var bySource = _unions.Values
            .SelectMany(u => u.Variants.Select(v => (Union: u, Variant: v)))
            .GroupBy(x => x.Variant.SourceName, StringComparer.Ordinal);
        foreach (var group in bySource)
        {
            string source = group.Key;
            _variantSources.Add(source);
            var keeping = group.Where(x => x.Variant.Name == source).ToList();
            if (keeping.Count > 1)
            {
                throw new SpecException($"{SchemaRefPrefix}{source} is a variant of {string.Join(" and ", keeping.Select(x => x.Union.Name))}: give it a distinct C# name per union with x-csharp-variant-names (e.g. {{{source}: {keeping[0].Union.Name}{source}}}).");
            }

            if (keeping.Count == 0)
            {
                if (group.Count() == 1)
                {
                    _refRedirects[source] = group.Single().Variant.Name;
                }
                else if (_directRefs.Contains(source))
                {
                    _standaloneVariantSources.Add(source);
                }
            }
        }
    }

    // ------------------------------------------------------------------ allOf flattening

    /// <summary>The allOf-merged form of an object component (canonical dialect, cached, do not mutate).</summary>
    private JsonObject GetFlat(string name)
    {
        if (_flatCache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        string ptr = SchemaRefPrefix + name;
        if (!_schemas.TryGetPropertyValue(name, out var node) || node is not JsonObject schema)
        {
            throw new SpecException($"{ptr}: no such component schema.");
        }

        if (_enums.ContainsKey(name) || schema.ContainsKey("oneOf"))
        {
            throw new SpecException($"{ptr}: is an enum or a union; it cannot be merged through allOf or used as a union variant.");
        }

        if (!_flattening.Add(name))
        {
            throw new SpecException($"{ptr}: circular allOf.");
        }

        var flat = schema.ContainsKey("allOf") ? FlattenAllOf(schema, ptr) : (JsonObject)schema.DeepClone();
        _flattening.Remove(name);
        _flatCache[name] = flat;
        return flat;
    }

    private JsonObject FlattenAllOf(JsonObject schema, string ptr)
    {
        var members = schema["allOf"] as JsonArray ?? throw new SpecException($"{ptr}/allOf must be an array.");
        var properties = new JsonObject();
        var required = new List<string>();
        string? description = schema["description"]?.GetValue<string>();
        string? inlineDescription = null;

        for (int i = 0; i < members.Count; i++)
        {
            string mptr = $"{ptr}/allOf/{i}";
            var member = members[i] as JsonObject ?? throw new SpecException($"{mptr}: expected an object.");
            JsonObject flatMember;
            if (member["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference))
            {
                if (!reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                {
                    throw new SpecException($"{mptr}: only local component schema references are supported.");
                }

                if (member.Count != 1)
                {
                    throw new SpecException($"{mptr}: siblings of $ref inside allOf are not supported.");
                }

                flatMember = GetFlat(reference.Substring(SchemaRefPrefix.Length));
            }
            else
            {
                foreach (var key in member.Select(p => p.Key))
                {
                    if (key is not ("type" or "properties" or "required" or "description" or "title" or "additionalProperties" or "allOf" or "$comment")
                        && !key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        throw new SpecException($"{mptr}: '{key}' inside an allOf member is not supported.");
                    }
                }

                if (member["type"] is JsonNode t && !(t.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == "object"))
                {
                    throw new SpecException($"{mptr}: allOf members must be object schemas.");
                }

                flatMember = member.ContainsKey("allOf") ? FlattenAllOf(member, mptr) : member;
                inlineDescription = flatMember["description"]?.GetValue<string>() ?? inlineDescription;
            }

            MergeProperties(properties, flatMember["properties"] as JsonObject, mptr);
            foreach (string r in RequiredOf(flatMember))
            {
                if (!required.Contains(r))
                {
                    required.Add(r);
                }
            }
        }

        MergeProperties(properties, schema["properties"] as JsonObject, ptr);
        foreach (string r in RequiredOf(schema))
        {
            if (!required.Contains(r))
            {
                required.Add(r);
            }
        }

        var result = new JsonObject { ["type"] = "object" };
        if ((description ?? inlineDescription) is string d)
        {
            result["description"] = d;
        }

        foreach (var (key, value) in schema)
        {
            if (key is "title" || key.StartsWith("x-", StringComparison.Ordinal))
            {
                result[key] = value?.DeepClone();
            }
            else if (key is not ("allOf" or "description" or "properties" or "required" or "type" or "$comment" or "additionalProperties"))
            {
                throw new SpecException($"{ptr}: '{key}' next to allOf is not supported.");
            }
        }

        if (required.Count > 0)
        {
            result["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        result["properties"] = properties;
        return result;
    }

    private static void MergeProperties(JsonObject target, JsonObject? source, string ptr)
    {
        if (source is null)
        {
            return;
        }

        foreach (var (name, schema) in source)
        {
            if (!target.TryGetPropertyValue(name, out var existing) || existing is null)
            {
                target[name] = schema?.DeepClone();
                continue;
            }

            if (SchemaEquals(existing, schema))
            {
                if (existing["description"] is null && schema?["description"] is JsonNode d)
                {
                    ((JsonObject)existing)["description"] = d.DeepClone();
                }

                continue;
            }

            // A later allOf member may narrow a property to a constant or a subset of values (e.g. a discriminator).
            if (schema is JsonObject narrowed && (narrowed.ContainsKey("const") || narrowed.ContainsKey("enum")))
            {
                target[name] = narrowed.DeepClone();
                continue;
            }

            throw new SpecException($"{ptr}: property '{name}' is declared twice in allOf with different schemas.");
        }
    }

    private static HashSet<string> RequiredOf(JsonObject schema) =>
        (schema["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(StringComparer.Ordinal);

    private static bool SchemaEquals(JsonNode? a, JsonNode? b)
    {
        static JsonNode? Strip(JsonNode? node)
        {
            if (node is not JsonObject obj)
            {
                return node;
            }

            var copy = (JsonObject)obj.DeepClone();
            foreach (string key in DocKeywords)
            {
                copy.Remove(key);
            }

            return copy;
        }

        return JsonNode.DeepEquals(Strip(a), Strip(b));
    }

    private static bool IsNullSchema(JsonObject schema)
    {
        var type = schema["type"];
        bool isNull = type switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() == "null",
            JsonArray a => a.Count == 1 && a[0]?.GetValue<string>() == "null",
            _ => false,
        };
        return isNull && schema.All(p => p.Key == "type" || DocKeywords.Contains(p.Key));
    }

    private static (string? Type, bool Nullable) ReadType(JsonObject schema, string ptr)
    {
        switch (schema["type"])
        {
            case null:
                return (null, false);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                string single = v.GetValue<string>();
                if (single == "null")
                {
                    throw new SpecException($"{ptr}: a schema of type 'null' alone is only allowed as a branch of oneOf.");
                }

                return (single, false);
            case JsonArray types:
                var names = types.Select(t => t?.GetValue<string>() ?? "null").ToList();
                var nonNull = names.Where(t => t != "null").Distinct().ToList();
                if (nonNull.Count != 1)
                {
                    throw new SpecException($"{ptr}: type [{string.Join(", ", names)}] is not supported (exactly one non-null type, optionally with 'null').");
                }

                return (nonNull[0], names.Contains("null"));
            default:
                throw new SpecException($"{ptr}: 'type' must be a string or an array of strings.");
        }
    }

    // ------------------------------------------------------------------ schema normalization (3.1 → NSwag 3.0)

    /// <summary>Converts one schema to the NSwag dialect.</summary>
    /// <param name="node">The canonical schema.</param>
    /// <param name="ptr">JSON pointer for error messages.</param>
    /// <param name="inSchema">True for schemas nested in other schemas (properties, items...): nullable references get wrapped.</param>
    private JsonObject Normalize(JsonNode? node, string ptr, bool inSchema)
    {
        if (node is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True)
        {
            return new JsonObject();
        }

        if (node is not JsonObject obj)
        {
            throw new SpecException($"{ptr}: expected a schema object.");
        }

        if (obj.ContainsKey("$ref"))
        {
            return NormalizeRef(obj, ptr, inSchema);
        }

        if (obj.ContainsKey("oneOf") || obj.ContainsKey("anyOf"))
        {
            return NormalizeNullableComposite(obj, ptr, inSchema);
        }

        if (obj.ContainsKey("allOf"))
        {
            var members = obj["allOf"] as JsonArray ?? throw new SpecException($"{ptr}/allOf must be an array.");
            if (members.Count == 1 && members[0] is JsonObject only && only.ContainsKey("$ref") && only.Count == 1
                && obj.All(p => p.Key == "allOf" || RefSiblingKeywords.Contains(p.Key) || p.Key.StartsWith("x-", StringComparison.Ordinal)))
            {
                var asRef = new JsonObject { ["$ref"] = only["$ref"]!.DeepClone() };
                foreach (var (key, value) in obj)
                {
                    if (key != "allOf")
                    {
                        asRef[key] = value?.DeepClone();
                    }
                }

                return NormalizeRef(asRef, ptr, inSchema);
            }

            return Normalize(FlattenAllOf(obj, ptr), ptr, inSchema);
        }

        var result = new JsonObject();
        var (type, nullable) = ReadType(obj, ptr);
        if (type is not null)
        {
            result["type"] = type;
        }

        JsonNode? constant = null;
        bool hasConstant = false;
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "type":
                    break;
                case "nullable":
                    nullable |= value?.GetValue<bool>() == true;
                    break;
                case "const":
                    constant = value;
                    hasConstant = true;
                    break;
                case "enum":
                    var values = value as JsonArray ?? throw new SpecException($"{ptr}/enum must be an array.");
                    var nonNull = values.Where(v => v is not null).ToList();
                    nullable |= nonNull.Count != values.Count;
                    if (nonNull.Count != 1)
                    {
                        throw new SpecException($"{ptr}: inline enum with {nonNull.Count} values. Declare it as an enum component and $ref it (it becomes an extensible enum); inline multi-value enums are only allowed on union discriminator properties.");
                    }

                    constant = nonNull[0];
                    hasConstant = true;
                    break;
                case "properties":
                    var props = new JsonObject();
                    foreach (var (propName, propSchema) in value as JsonObject ?? throw new SpecException($"{ptr}/properties must be an object."))
                    {
                        props[propName] = Normalize(propSchema, $"{ptr}/properties/{propName}", inSchema: true);
                    }

                    result["properties"] = props;
                    break;
                case "items":
                    result["items"] = Normalize(value, ptr + "/items", inSchema: true);
                    break;
                case "additionalProperties":
                    // true/false are dropped: NSwag then keeps unknown fields in AdditionalProperties (forward compatibility).
                    if (value is JsonObject)
                    {
                        result["additionalProperties"] = Normalize(value, ptr + "/additionalProperties", inSchema: true);
                    }

                    break;
                case "examples":
                    if (value is JsonArray { Count: > 0 } examples && !obj.ContainsKey("example"))
                    {
                        result["example"] = examples[0]?.DeepClone();
                    }

                    break;
                case "exclusiveMinimum":
                case "exclusiveMaximum":
                    if (value?.GetValueKind() is JsonValueKind.Number)
                    {
                        result[key == "exclusiveMinimum" ? "minimum" : "maximum"] = value.DeepClone();
                        result[key] = true;
                    }
                    else
                    {
                        result[key] = value?.DeepClone();
                    }

                    break;
                case "discriminator":
                    throw new SpecException($"{ptr}: 'discriminator' is only supported on union components (top-level oneOf).");
                default:
                    if (DroppedKeywords.Contains(key))
                    {
                        break;
                    }

                    if (PassThroughKeywords.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result[key] = value?.DeepClone();
                        break;
                    }

                    throw new SpecException($"{ptr}: unsupported schema keyword '{key}'.");
            }
        }

        if (hasConstant)
        {
            if (constant is null)
            {
                nullable = true;
            }
            else
            {
                if (type is null)
                {
                    result["type"] = constant.GetValueKind() switch
                    {
                        JsonValueKind.String => "string",
                        JsonValueKind.True or JsonValueKind.False => "boolean",
                        JsonValueKind.Number => constant.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
                        _ => throw new SpecException($"{ptr}: only scalar const values are supported."),
                    };
                }

                // The constant becomes the property's default value: new instances carry it.
                result["default"] ??= constant.DeepClone();
            }
        }

        if (nullable)
        {
            result["nullable"] = true;
        }

        return result;
    }

    private JsonObject NormalizeRef(JsonObject obj, string ptr, bool inSchema)
    {
        string reference = obj["$ref"]!.GetValue<string>();
        if (!reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
        {
            throw new SpecException($"{ptr}: only local '#/components/schemas/...' references are supported in schemas (found '{reference}').");
        }

        string name = reference.Substring(SchemaRefPrefix.Length);
        if (!_schemas.ContainsKey(name))
        {
            throw new SpecException($"{ptr}: $ref target '{name}' does not exist.");
        }

        if (_refRedirects.TryGetValue(name, out string? redirected))
        {
            name = redirected;
        }

        bool isEnum = _enums.TryGetValue(name, out var enumModel);
        bool nullable = (isEnum && enumModel!.Nullable) || (_unions.TryGetValue(name, out var union) && union.Nullable);
        var siblings = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key == "$ref")
            {
                continue;
            }

            if (!RefSiblingKeywords.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new SpecException($"{ptr}: '{key}' next to $ref is not supported.");
            }

            switch (key)
            {
                case "nullable":
                    nullable |= value?.GetValue<bool>() == true;
                    break;
                case "$comment":
                    break;
                case "default" or "example" or "examples" when isEnum:
                    // NSwag would render an initializer for a type it does not generate.
                    break;
                case "examples":
                    if (value is JsonArray { Count: > 0 } examples)
                    {
                        siblings["example"] = examples[0]?.DeepClone();
                    }

                    break;
                default:
                    siblings[key] = value?.DeepClone();
                    break;
            }
        }

        var result = new JsonObject();
        if (nullable && inSchema)
        {
            result["oneOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemaRefPrefix + name });
            result["nullable"] = true;
        }
        else
        {
            result["$ref"] = SchemaRefPrefix + name;
        }

        foreach (var (key, value) in siblings.ToList())
        {
            siblings.Remove(key);
            result[key] = value;
        }

        return result;
    }

    private JsonObject NormalizeNullableComposite(JsonObject obj, string ptr, bool inSchema)
    {
        if (obj.ContainsKey("oneOf") && obj.ContainsKey("anyOf"))
        {
            throw new SpecException($"{ptr}: oneOf and anyOf together are not supported.");
        }

        string keyword = obj.ContainsKey("oneOf") ? "oneOf" : "anyOf";
        var branches = obj[keyword] as JsonArray ?? throw new SpecException($"{ptr}/{keyword} must be an array.");
        var nonNull = branches.Where(b => b is not JsonObject o || !IsNullSchema(o)).ToList();
        bool hasNull = nonNull.Count != branches.Count;
        if (nonNull.Count != 1 || !hasNull)
        {
            throw new SpecException($"{ptr}: inline {keyword} with {branches.Count} branches. Only [schema, {{type: 'null'}}] is supported inline; declare unions as component schemas with a top-level oneOf.");
        }

        foreach (var key in obj.Select(p => p.Key))
        {
            if (key != keyword && !RefSiblingKeywords.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new SpecException($"{ptr}: '{key}' next to {keyword} is not supported.");
            }
        }

        var inner = (JsonObject)nonNull[0]!.DeepClone();
        foreach (var (key, value) in obj)
        {
            if (key != keyword && key != "$comment" && !inner.ContainsKey(key))
            {
                inner[key] = value?.DeepClone();
            }
        }

        if (inner.ContainsKey("$ref"))
        {
            inner["nullable"] = true;
            return NormalizeRef(inner, $"{ptr}/{keyword}", inSchema);
        }

        var normalized = Normalize(inner, $"{ptr}/{keyword}", inSchema);
        if (normalized.ContainsKey("$ref"))
        {
            return normalized;
        }

        normalized["nullable"] = true;
        return normalized;
    }

    // ------------------------------------------------------------------ components

    private JsonObject TransformComponents(JsonObject components)
    {
        var result = new JsonObject();
        foreach (var (key, value) in components)
        {
            var section = value as JsonObject ?? throw new SpecException($"#/components/{key} must be an object.");
            switch (key)
            {
                case "schemas":
                    result["schemas"] = TransformSchemas();
                    break;
                case "parameters":
                    result[key] = MapObject(section, (n, p) => TransformParameter(p, $"#/components/parameters/{n}"));
                    break;
                case "responses":
                    result[key] = MapObject(section, (n, r) => TransformResponse(r, $"#/components/responses/{n}"));
                    break;
                case "requestBodies":
                    result[key] = MapObject(section, (n, r) => TransformRequestBody(r, $"#/components/requestBodies/{n}"));
                    break;
                case "headers":
                    result[key] = MapObject(section, (n, h) => TransformHeader(h, $"#/components/headers/{n}"));
                    break;
                case "securitySchemes":
                case "examples":
                case "links":
                    result[key] = section.DeepClone();
                    break;
                case "pathItems":
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result[key] = section.DeepClone();
                        break;
                    }

                    throw new SpecException($"#/components/{key} is not supported.");
            }
        }

        return result;
    }

    private JsonObject TransformSchemas()
    {
        var result = new JsonObject();
        void Add(string name, JsonObject schema)
        {
            if (result.ContainsKey(name))
            {
                throw new SpecException($"two generated schemas are named '{name}' (check x-csharp-variant-names and the discriminator enum names {{Union}}{{Property}}).");
            }

            result[name] = schema;
        }

        foreach (var (name, node) in _schemas)
        {
            var schema = (JsonObject)node!;
            string ptr = SchemaRefPrefix + name;
            if (_enums.TryGetValue(name, out var enumModel))
            {
                Add(name, EnumPlaceholder(enumModel));
            }
            else if (_unions.TryGetValue(name, out var union))
            {
                Add(name, UnionBase(union));
                if (union.DiscriminatorEnum is { Synthesized: true } synthesized)
                {
                    Add(synthesized.Name, EnumPlaceholder(synthesized));
                }

                foreach (var variant in union.Variants)
                {
                    Add(variant.Name, VariantSchema(union, variant));
                }
            }
            else if (_variantSources.Contains(name))
            {
                if (_standaloneVariantSources.Contains(name))
                {
                    Add(name, Normalize(GetFlat(name), ptr, inSchema: false));
                }
            }
            else if (_allOfRefs.Contains(name) && !_directRefs.Contains(name))
            {
                // A mixin only used through allOf: merged into its users, not generated on its own.
            }
            else
            {
                Add(name, Normalize(schema, ptr, inSchema: false));
            }
        }

        return result;
    }

    private static JsonObject EnumPlaceholder(EnumModel model)
    {
        // An object schema NSwag references by name; excludedTypeNames keeps it from generating a class, so the name
        // resolves to the extensible enum struct of Enums.g.cs. x-abstract makes NSwag initialize required
        // properties with default! instead of new T().
        var placeholder = new JsonObject
        {
            ["type"] = "object",
            ["x-abstract"] = true,
            ["x-postpress-extensible-enum"] = true,
        };
        if (model.Description is not null)
        {
            placeholder["description"] = model.Description;
        }

        return placeholder;
    }

    private JsonObject UnionBase(UnionModel union)
    {
        var properties = new JsonObject();
        var required = new List<string>();
        var first = union.Variants[0].Flat;
        if (union.DiscriminatorProperty is string disc)
        {
            var discProperty = new JsonObject { ["$ref"] = SchemaRefPrefix + union.DiscriminatorEnum!.Name };
            string? description = (first["properties"]?[disc] as JsonObject)?["description"]?.GetValue<string>();
            if (description is not null)
            {
                discProperty["description"] = description;
            }

            properties[disc] = discProperty;
            required.Add(disc);
        }

        foreach (string shared in union.SharedProperties)
        {
            properties[shared] = Normalize(first["properties"]![shared], $"{SchemaRefPrefix}{union.Variants[0].SourceName}/properties/{shared}", inSchema: true);
            if (union.Variants.All(v => RequiredOf(v.Flat).Contains(shared)))
            {
                required.Add(shared);
            }
        }

        var result = new JsonObject { ["type"] = "object", ["x-abstract"] = true };
        if (union.Description is not null)
        {
            result["description"] = union.Description;
        }

        if (required.Count > 0)
        {
            result["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        result["properties"] = properties;
        return result;
    }

    private JsonObject VariantSchema(UnionModel union, VariantModel variant)
    {
        var ownProperties = new JsonObject();
        var ownRequired = new List<string>();
        var required = RequiredOf(variant.Flat);
        foreach (var (prop, schema) in (variant.Flat["properties"] as JsonObject) ?? new JsonObject())
        {
            if (prop == union.DiscriminatorProperty || union.SharedProperties.Contains(prop))
            {
                continue;
            }

            ownProperties[prop] = Normalize(schema, $"{SchemaRefPrefix}{variant.SourceName}/properties/{prop}", inSchema: true);
            if (required.Contains(prop))
            {
                ownRequired.Add(prop);
            }
        }

        var own = new JsonObject { ["type"] = "object" };
        if (ownRequired.Count > 0)
        {
            own["required"] = new JsonArray(ownRequired.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        own["properties"] = ownProperties;
        var result = new JsonObject();
        if (variant.Description is not null)
        {
            result["description"] = variant.Description;
        }

        result["allOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemaRefPrefix + union.Name }, own);
        return result;
    }

    /// <summary>
    /// Mixins (components only used through allOf) are not emitted, unless the output still references them, e.g. an
    /// error response whose narrowing allOf collapsed to <c>$ref: ProblemDetails</c>.
    /// </summary>
    private void AddReferencedMixins(JsonObject output)
    {
        var schemas = (output["components"] as JsonObject)?["schemas"] as JsonObject;
        if (schemas is null)
        {
            return;
        }

        var pending = new Queue<string>(CollectRefs(output));
        while (pending.Count > 0)
        {
            string name = pending.Dequeue();
            if (schemas.ContainsKey(name) || !_schemas.ContainsKey(name))
            {
                continue;
            }

            var schema = Normalize(_schemas[name], SchemaRefPrefix + name, inSchema: false);
            schemas[name] = schema;
            foreach (string nested in CollectRefs(schema))
            {
                pending.Enqueue(nested);
            }
        }
    }

    private static IEnumerable<string> CollectRefs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue v && v.TryGetValue(out string? reference) && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
                {
                    yield return reference.Substring(SchemaRefPrefix.Length);
                }

                foreach (var (_, value) in obj)
                {
                    foreach (string r in CollectRefs(value))
                    {
                        yield return r;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (string r in CollectRefs(item))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }

    private void CheckTypeNameCollisions(JsonObject output, List<EnumModel> enums)
    {
        var schemas = (output["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
        var names = new HashSet<string>(schemas.Select(p => p.Key), StringComparer.Ordinal);
        foreach (var union in _unions.Values)
        {
            if (!names.Add(union.UnknownName))
            {
                throw new SpecException($"{SchemaRefPrefix}{union.Name}: the fallback class name '{union.UnknownName}' is already taken by a component.");
            }
        }

        foreach (var model in enums)
        {
            if (!schemas.ContainsKey(model.Name))
            {
                throw new SpecException($"internal error: enum placeholder '{model.Name}' missing from the NSwag document.");
            }
        }
    }

    // ------------------------------------------------------------------ paths

    private JsonObject TransformPaths(JsonObject paths)
    {
        var result = new JsonObject();
        foreach (var (path, node) in paths)
        {
            string ptr = "#/paths/" + path.Replace("~", "~0").Replace("/", "~1");
            var item = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
            var outItem = new JsonObject();
            foreach (var (key, value) in item)
            {
                if (HttpMethods.Contains(key))
                {
                    outItem[key] = TransformOperation(value as JsonObject ?? throw new SpecException($"{ptr}/{key}: expected an object."), $"{ptr}/{key}");
                }
                else if (key == "parameters")
                {
                    outItem[key] = TransformParameters(value, $"{ptr}/parameters");
                }
                else if (key is "summary" or "description" or "servers" || key.StartsWith("x-", StringComparison.Ordinal))
                {
                    outItem[key] = value?.DeepClone();
                }
                else
                {
                    throw new SpecException($"{ptr}: '{key}' is not supported on a path item.");
                }
            }

            result[path] = outItem;
        }

        return result;
    }

    private JsonObject TransformOperation(JsonObject operation, string ptr)
    {
        var result = new JsonObject();
        foreach (var (key, value) in operation)
        {
            switch (key)
            {
                case "parameters":
                    result[key] = TransformParameters(value, ptr + "/parameters");
                    break;
                case "requestBody":
                    result[key] = TransformRequestBody(value, ptr + "/requestBody");
                    break;
                case "responses":
                    result[key] = MapObject(value as JsonObject ?? throw new SpecException($"{ptr}/responses must be an object."),
                        (status, response) => TransformResponse(response, $"{ptr}/responses/{status}"));
                    break;
                case "tags" or "summary" or "description" or "operationId" or "externalDocs" or "deprecated" or "security" or "servers":
                    result[key] = value?.DeepClone();
                    break;
                default:
                    if (key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        result[key] = value?.DeepClone();
                        break;
                    }

                    throw new SpecException($"{ptr}: '{key}' is not supported on an operation.");
            }
        }

        return result;
    }

    private JsonArray TransformParameters(JsonNode? parameters, string ptr)
    {
        var array = parameters as JsonArray ?? throw new SpecException($"{ptr} must be an array.");
        var result = new JsonArray();
        for (int i = 0; i < array.Count; i++)
        {
            result.Add(TransformParameter(array[i], $"{ptr}/{i}"));
        }

        return result;
    }

    private JsonObject TransformParameter(JsonNode? node, string ptr)
    {
        var parameter = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (parameter.ContainsKey("$ref"))
        {
            return (JsonObject)parameter.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in parameter)
        {
            switch (key)
            {
                case "schema":
                    result[key] = TransformParameterSchema(value, ptr + "/schema");
                    break;
                case "content":
                    throw new SpecException($"{ptr}: parameters with 'content' are not supported; use 'schema'.");
                case "examples":
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        return result;
    }

    private JsonObject TransformParameterSchema(JsonNode? schema, string ptr)
    {
        // NSwag expands a single object-typed query parameter into its properties, so a single enum parameter is sent
        // as a plain string (callers pass the extensible enum's Value). Arrays of enums stay typed: NSwag formats
        // each item with ToString(), which is the wire value.
        if (schema is JsonObject obj && obj["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference)
            && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            && _enums.TryGetValue(reference.Substring(SchemaRefPrefix.Length), out var model))
        {
            var result = new JsonObject { ["type"] = "string" };
            if (model.Description is not null)
            {
                result["description"] = model.Description;
            }

            return result;
        }

        return Normalize(schema, ptr, inSchema: false);
    }

    private JsonObject TransformRequestBody(JsonNode? node, string ptr)
    {
        var body = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (body.ContainsKey("$ref"))
        {
            return (JsonObject)body.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in body)
        {
            result[key] = key == "content" ? TransformContent(value, ptr + "/content") : value?.DeepClone();
        }

        return result;
    }

    private JsonObject TransformResponse(JsonNode? node, string ptr)
    {
        var response = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (response.ContainsKey("$ref"))
        {
            return (JsonObject)response.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in response)
        {
            result[key] = key switch
            {
                "content" => TransformContent(value, ptr + "/content"),
                "headers" => MapObject(value as JsonObject ?? throw new SpecException($"{ptr}/headers must be an object."), (n, h) => TransformHeader(h, $"{ptr}/headers/{n}")),
                _ => value?.DeepClone(),
            };
        }

        return result;
    }

    private JsonObject TransformHeader(JsonNode? node, string ptr)
    {
        var header = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (header.ContainsKey("$ref"))
        {
            return (JsonObject)header.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in header)
        {
            result[key] = key == "schema" ? TransformParameterSchema(value, ptr + "/schema") : value?.DeepClone();
        }

        return result;
    }

    private JsonObject TransformContent(JsonNode? node, string ptr)
    {
        var content = node as JsonObject ?? throw new SpecException($"{ptr} must be an object.");
        var result = new JsonObject();
        foreach (var (mediaType, value) in content)
        {
            string mptr = $"{ptr}/{mediaType.Replace("/", "~1")}";
            var media = value as JsonObject ?? throw new SpecException($"{mptr}: expected an object.");
            var outMedia = new JsonObject();
            foreach (var (key, item) in media)
            {
                outMedia[key] = key == "schema" ? NormalizeMediaSchema(item, mptr + "/schema") : item?.DeepClone();
            }

            result[mediaType] = outMedia;
        }

        return result;
    }

    /// <summary>
    /// Top-level body schema. <c>allOf: [{$ref: X}, {properties: {p: narrowing}}]</c> (used by error responses to list
    /// their problem type codes) collapses to <c>$ref: X</c>: the narrowing only restricts values of X's own properties.
    /// </summary>
    private JsonObject NormalizeMediaSchema(JsonNode? node, string ptr)
    {
        if (node is JsonObject obj && obj["allOf"] is JsonArray members && members.Count >= 2
            && members[0] is JsonObject first && first.Count == 1 && first["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference)
            && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            && obj.All(p => p.Key == "allOf" || DocKeywords.Contains(p.Key)))
        {
            string baseName = reference.Substring(SchemaRefPrefix.Length);
            if (!_enums.ContainsKey(baseName) && !_unions.ContainsKey(baseName) && _schemas.ContainsKey(baseName))
            {
                var baseProperties = GetFlat(baseName)["properties"] as JsonObject ?? new JsonObject();
                bool narrowingOnly = members.Skip(1).All(m => m is JsonObject narrowing
                    && narrowing.All(p => p.Key is "properties" or "description" or "title" or "$comment"
                        || (p.Key == "type" && p.Value?.GetValueKind() == JsonValueKind.String && p.Value.GetValue<string>() == "object"))
                    && (narrowing["properties"] as JsonObject ?? new JsonObject()).All(p => baseProperties.ContainsKey(p.Key)));
                if (narrowingOnly)
                {
                    return NormalizeRef(new JsonObject { ["$ref"] = reference }, ptr, inSchema: false);
                }
            }
        }

        return Normalize(node, ptr, inSchema: false);
    }

    private static JsonObject MapObject(JsonObject source, Func<string, JsonNode?, JsonNode> map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            result[key] = key.StartsWith("x-", StringComparison.Ordinal) ? value?.DeepClone() : map(key, value);
        }

        return result;
    }
}
