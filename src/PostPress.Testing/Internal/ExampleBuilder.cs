using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.Testing.Internal;

/// <summary>Picks a variant of a union: <paramref name="Property"/> null means "any union that has a variant of this name".</summary>
internal sealed record VariantSelector(string? Property, string Variant)
{
    public bool AppliesAt(string? property) => Property is null || string.Equals(Property, property, StringComparison.Ordinal);
}

/// <summary>One branch of a <c>oneOf</c>/<c>anyOf</c>, with every name it can be picked by.</summary>
internal sealed record UnionBranch(JsonNode? Schema, string Pointer, IReadOnlyList<string> Names, IReadOnlyList<string> DiscriminatorValues, string? DiscriminatorProperty, bool IsNull);

/// <summary>
/// Builds JSON instances of the document's schemas: from a seed (a documented example) where one exists, synthesized
/// from the schema (<c>const</c>, <c>enum</c>, <c>default</c>, <c>examples</c>, types, formats, bounds) where not, and
/// with the union variants that <see cref="VariantSelector"/>s pick wherever such a union appears.
/// </summary>
internal sealed class ExampleBuilder
{
    private const int MaxDepth = 14;
    private const int OptionalDepth = 3;
    private readonly OpenApiModel _model;
    private readonly int _seed;

    /// <summary>Creates a builder whose synthesized values are determined by <paramref name="seed"/> (same seed, same values).</summary>
    public ExampleBuilder(OpenApiModel model, int seed = 0)
    {
        _model = model;
        _seed = seed;
    }

    /// <summary>Builds an instance; <paramref name="ordinal"/> tells the items of a data set apart (each its own person).</summary>
    public JsonNode? Build(string schemaPointer, JsonNode? seed, IReadOnlyList<VariantSelector> selectors, int ordinal = 0)
    {
        var session = new Session(selectors, new ValueSource(_seed, schemaPointer + "|" + string.Join("|", selectors.Select(s => s.Property + "=" + s.Variant)), ordinal));
        return Build(_model.At(schemaPointer), schemaPointer, seed, seed is not null, null, 0, session);
    }

    /// <summary>The branches of the union the schema at the pointer is (empty when it is not one).</summary>
    public IReadOnlyList<UnionBranch> Branches(string schemaPointer)
    {
        var (schema, pointer) = _model.Resolve(_model.At(schemaPointer), schemaPointer);
        return Branches(schema as JsonObject, pointer);
    }

    /// <summary>The pointer of the schema of an object schema's property (through references and <c>allOf</c>), or null.</summary>
    public string? PropertyPointer(string schemaPointer, string property)
    {
        var (schema, resolved) = _model.Resolve(_model.At(schemaPointer), schemaPointer);
        if (schema is not JsonObject s)
        {
            return null;
        }

        var entry = CollectObject(s, resolved).Properties.LastOrDefault(p => p.Name == property);
        return entry.Name is null ? null : _model.Resolve(entry.Schema, entry.Pointer).Pointer;
    }

    /// <summary>Every union reachable from the schema: (property it sits at, its branches).</summary>
    public IReadOnlyList<(string? Property, IReadOnlyList<UnionBranch> Branches)> ReachableUnions(string schemaPointer)
    {
        var result = new List<(string?, IReadOnlyList<UnionBranch>)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string pointer, string? property, int depth)
        {
            var (schema, resolved) = _model.Resolve(node, pointer);
            if (schema is not JsonObject s || depth > MaxDepth || !seen.Add(resolved + "|" + property))
            {
                return;
            }

            var branches = Branches(s, resolved);
            if (branches.Count > 0)
            {
                result.Add((property, branches));
                foreach (var b in branches)
                {
                    Walk(b.Schema, b.Pointer, property, depth + 1);
                }

                return;
            }

            foreach (var (name, propSchema, propPointer) in CollectObject(s, resolved).Properties)
            {
                Walk(propSchema, propPointer, name, depth + 1);
            }

            if (s["items"] is JsonNode items)
            {
                Walk(items, resolved + "/items", property, depth + 1);
            }
        }

        Walk(_model.At(schemaPointer), schemaPointer, null, 0);
        return result;
    }

    /// <summary>
    /// Makes a valid instance drift (<see cref="SandboxDrift"/>): a field the schema does not declare on the outermost
    /// object, the first enum-typed string field (not a union's discriminator) set to a value the schema does not list,
    /// the first union with a discriminator set to a variant it does not list. Returns what was applied.
    /// </summary>
    public SandboxDrift Drift(string schemaPointer, JsonNode? value, SandboxDrift drift)
    {
        var applied = SandboxDrift.None;
        if ((drift & SandboxDrift.ExtraField) != 0 && value is JsonObject root)
        {
            root[SandboxResponseBuilder.DriftFieldName] = "added by the sandbox";
            applied |= SandboxDrift.ExtraField;
        }

        Drift(_model.At(schemaPointer), schemaPointer, value, drift & ~SandboxDrift.ExtraField, ref applied, 0);
        return applied;
    }

    private void Drift(JsonNode? node, string pointer, JsonNode? value, SandboxDrift wanted, ref SandboxDrift applied, int depth)
    {
        var (schema, resolved) = _model.Resolve(node, pointer);
        if (schema is not JsonObject s || depth > MaxDepth || (wanted & ~applied) == SandboxDrift.None)
        {
            return;
        }

        var branches = Branches(s, resolved);
        if (branches.Count > 0)
        {
            if (value is not JsonObject union)
            {
                return;
            }

            var property = branches.Select(b => b.DiscriminatorProperty).FirstOrDefault(p => p is not null);
            if (property is not null && (wanted & SandboxDrift.UnknownVariant) != 0 && (applied & SandboxDrift.UnknownVariant) == 0)
            {
                union[property] = SandboxResponseBuilder.DriftVariantValue;
                applied |= SandboxDrift.UnknownVariant;
                return; // the object is now an unknown variant: nothing in it is read as declared
            }

            var current = property is null ? null : (union[property] as JsonValue)?.TryGetValue<string>(out var text) == true ? text : null;
            var branch = branches.FirstOrDefault(b => !b.IsNull && current is not null && b.DiscriminatorValues.Contains(current, StringComparer.Ordinal));
            if (branch is not null)
            {
                Drift(branch.Schema, branch.Pointer, value, wanted, ref applied, depth + 1);
            }

            return;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, propSchema, propPointer) in CollectObject(s, resolved).Properties)
                {
                    if (!obj.TryGetPropertyValue(name, out var propValue) || propValue is null)
                    {
                        continue;
                    }

                    var (ps, _) = _model.Resolve(propSchema, propPointer);
                    if ((wanted & SandboxDrift.UnknownEnumValue) != 0 && (applied & SandboxDrift.UnknownEnumValue) == 0
                        && propValue is JsonValue v && v.TryGetValue<string>(out _) && ps is JsonObject { } enumSchema && enumSchema["enum"] is JsonArray { Count: > 1 })
                    {
                        obj[name] = SandboxResponseBuilder.DriftEnumValue;
                        applied |= SandboxDrift.UnknownEnumValue;
                        continue;
                    }

                    Drift(propSchema, propPointer, propValue, wanted, ref applied, depth + 1);
                }

                break;
            case JsonArray array when s["items"] is JsonNode items:
                foreach (var item in array)
                {
                    Drift(items, resolved + "/items", item, wanted, ref applied, depth + 1);
                }

                break;
        }
    }

    /// <summary>Gives the free-text strings of an instance a per-item suffix, so that generated data sets have distinct items.</summary>
    public void Vary(string schemaPointer, JsonNode? value, int ordinal) =>
        Vary(_model.At(schemaPointer), schemaPointer, value, ordinal, 0, new ValueSource(_seed, schemaPointer, ordinal));

    private void Vary(JsonNode? node, string pointer, JsonNode? value, int ordinal, int depth, ValueSource source)
    {
        var (schema, resolved) = _model.Resolve(node, pointer);
        if (schema is not JsonObject s || depth > MaxDepth || Branches(s, resolved).Count > 0)
        {
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, propSchema, propPointer) in CollectObject(s, resolved).Properties)
                {
                    if (!obj.TryGetPropertyValue(name, out var propValue) || propValue is null)
                    {
                        continue;
                    }

                    var (ps, _) = _model.Resolve(propSchema, propPointer);
                    if (propValue is JsonValue v && v.TryGetValue<string>(out var text) && IsFreeText(ps as JsonObject))
                    {
                        // A field the generator knows (a name, an e-mail, a headline) gets this item's person; other text a suffix.
                        obj[name] = RealisticValues.For(name, null, resolved, source) ?? text + "-" + ordinal.ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Vary(propSchema, propPointer, propValue, ordinal, depth + 1, source);
                    }
                }

                break;
            case JsonArray array when s["items"] is JsonNode items:
                foreach (var item in array)
                {
                    Vary(items, resolved + "/items", item, ordinal, depth + 1, source);
                }

                break;
        }
    }

    private static bool IsFreeText(JsonObject? schema) =>
        schema is not null && !schema.ContainsKey("const") && !schema.ContainsKey("enum") && !schema.ContainsKey("format")
        && !schema.ContainsKey("pattern") && !schema.ContainsKey("maxLength") && Types(schema).Contains("string");

    private JsonNode? Build(JsonNode? node, string pointer, JsonNode? seed, bool hasSeed, string? property, int depth, Session session)
    {
        var (schemaNode, resolved) = _model.Resolve(node, pointer);
        if (schemaNode is not JsonObject schema)
        {
            // `true` / missing schema: anything goes.
            return hasSeed ? seed?.DeepClone() : JsonValue.Create("value");
        }

        var branches = Branches(schema, resolved);
        if (branches.Count > 0)
        {
            return BuildUnion(branches, seed, hasSeed, property, depth, session);
        }

        var types = Types(schema);
        if (hasSeed && seed is null)
        {
            return null; // the example says null
        }

        if (schema.ContainsKey("const"))
        {
            return schema["const"]?.DeepClone();
        }

        var collected = CollectObject(schema, resolved);
        var isObject = types.Contains("object") || (types.Count == 0 && (collected.Properties.Count > 0 || schema.ContainsKey("allOf")));
        if (isObject)
        {
            return BuildObject(collected, seed as JsonObject, property, depth, session);
        }

        if (types.Contains("array"))
        {
            return BuildArray(schema, resolved, seed as JsonArray, property, depth, session);
        }

        if (hasSeed && seed is not null)
        {
            return seed.DeepClone();
        }

        return Synthesize(schema, resolved, types, property, session.Values);
    }

    private JsonNode? BuildUnion(IReadOnlyList<UnionBranch> branches, JsonNode? seed, bool hasSeed, string? property, int depth, Session session)
    {
        UnionBranch? chosen = null;
        string? chosenValue = null;
        foreach (var selector in session.Selectors)
        {
            if (!selector.AppliesAt(property))
            {
                continue;
            }

            foreach (var branch in branches)
            {
                var value = branch.DiscriminatorValues.FirstOrDefault(v => string.Equals(v, selector.Variant, StringComparison.OrdinalIgnoreCase));
                if (value is not null || branch.Names.Any(n => string.Equals(n, selector.Variant, StringComparison.OrdinalIgnoreCase)))
                {
                    chosen = branch;
                    chosenValue = value;
                    break;
                }
            }

            if (chosen is not null)
            {
                break;
            }
        }

        var seedBranch = hasSeed ? MatchSeed(branches, seed) : null;
        if (chosen is null && seedBranch is not null)
        {
            chosen = seedBranch;
        }

        // Descend into the branch that contains a union a selector picks from.
        chosen ??= branches.FirstOrDefault(b => !b.IsNull && session.Selectors.Count > 0 && Reaches(b.Schema, b.Pointer, property, session, depth));
        chosen ??= branches.FirstOrDefault(b => !b.IsNull) ?? branches[0];
        if (chosen.IsNull)
        {
            return null;
        }

        var useSeed = ReferenceEquals(chosen, seedBranch) && seed is not null;
        if (useSeed && chosenValue is not null && chosen.DiscriminatorProperty is { } prop
            && !string.Equals(OpenApiModel.GetString(seed, prop), chosenValue, StringComparison.Ordinal))
        {
            useSeed = false;
        }

        var result = Build(chosen.Schema, chosen.Pointer, useSeed ? seed : null, useSeed, property, depth + 1, session);
        if (result is JsonObject obj && chosen.DiscriminatorProperty is { } discriminator)
        {
            var value = chosenValue ?? (obj[discriminator] is JsonValue v && v.TryGetValue<string>(out var current) && chosen.DiscriminatorValues.Contains(current)
                ? current
                : chosen.DiscriminatorValues.FirstOrDefault());
            if (value is not null)
            {
                obj[discriminator] = value;
            }
        }

        return result;
    }

    private UnionBranch? MatchSeed(IReadOnlyList<UnionBranch> branches, JsonNode? seed)
    {
        if (seed is null)
        {
            return branches.FirstOrDefault(b => b.IsNull);
        }

        if (seed is not JsonObject obj)
        {
            return branches.FirstOrDefault(b => !b.IsNull && b.Schema is JsonObject s && !Types(s).Contains("object"));
        }

        foreach (var branch in branches)
        {
            if (branch.DiscriminatorProperty is { } prop && OpenApiModel.GetString(obj, prop) is { } value && branch.DiscriminatorValues.Contains(value))
            {
                return branch;
            }
        }

        return branches.Where(b => !b.IsNull && b.Schema is JsonObject)
            .Select(b => (Branch: b, Required: RequiredOf(b.Schema as JsonObject)))
            .Where(x => x.Required.All(obj.ContainsKey))
            .OrderByDescending(x => x.Required.Count)
            .Select(x => x.Branch)
            .FirstOrDefault();
    }

    private HashSet<string> RequiredOf(JsonObject? schema)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (schema is not null)
        {
            foreach (var r in CollectObject(schema, string.Empty).Required)
            {
                result.Add(r);
            }
        }

        return result;
    }

    private JsonObject BuildObject(ObjectShape shape, JsonObject? seed, string? property, int depth, Session session)
    {
        var result = new JsonObject();
        foreach (var (name, propSchema, propPointer) in shape.Properties)
        {
            if (seed is not null && seed.TryGetPropertyValue(name, out var seedValue))
            {
                result[name] = Build(propSchema, propPointer, seedValue, true, name, depth + 1, session);
            }
            else if (shape.Required.Contains(name)
                || (seed is null && depth < OptionalDepth)
                || (session.Selectors.Count > 0 && Reaches(propSchema, propPointer, name, session, depth + 1)))
            {
                result[name] = depth > MaxDepth ? new JsonObject() : Build(propSchema, propPointer, null, false, name, depth + 1, session);
            }
        }

        if (seed is not null)
        {
            // Fields the schema does not list (documented extensions, unknown fields) stay as the example has them.
            foreach (var (name, value) in seed)
            {
                if (!result.ContainsKey(name) && shape.Properties.All(p => p.Name != name))
                {
                    result[name] = value?.DeepClone();
                }
            }
        }

        return result;
    }

    private JsonArray BuildArray(JsonObject schema, string pointer, JsonArray? seed, string? property, int depth, Session session)
    {
        var result = new JsonArray();
        if (schema["items"] is not JsonNode items)
        {
            if (seed is not null)
            {
                foreach (var item in seed)
                {
                    result.Add(item?.DeepClone());
                }
            }

            return result;
        }

        var itemsPointer = pointer + "/items";
        if (seed is not null && (seed.Count > 0 || session.Selectors.Count == 0 || !Reaches(items, itemsPointer, property, session, depth + 1)))
        {
            foreach (var item in seed)
            {
                result.Add(Build(items, itemsPointer, item, true, property, depth + 1, session));
            }

            return result;
        }

        var count = Math.Max(1, Int(schema, "minItems") ?? 1);
        if (Int(schema, "maxItems") is { } max)
        {
            count = Math.Min(count, max);
        }

        for (var i = 0; i < count && depth <= MaxDepth; i++)
        {
            result.Add(Build(items, itemsPointer, null, false, property, depth + 1, session));
        }

        return result;
    }

    private static JsonNode? Synthesize(JsonObject schema, string pointer, IReadOnlyList<string> types, string? property, ValueSource source)
    {
        if (schema["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null) is { } first)
        {
            return first.DeepClone();
        }

        if (schema.ContainsKey("default"))
        {
            return schema["default"]?.DeepClone();
        }

        if (schema["examples"] is JsonArray examples && examples.Count > 0)
        {
            return examples[0]?.DeepClone();
        }

        if (schema.ContainsKey("example"))
        {
            return schema["example"]?.DeepClone();
        }

        var type = types.FirstOrDefault(t => t != "null") ?? "string";
        switch (type)
        {
            case "integer":
            {
                var min = Long(schema, "minimum") ?? (Long(schema, "exclusiveMinimum") + 1) ?? 1;
                var max = Long(schema, "maximum") ?? (Long(schema, "exclusiveMaximum") - 1);
                if (max is { } m && m < min)
                {
                    return JsonValue.Create(m);
                }

                // Counts (followers, connections) look like counts: between the minimum and a few thousand.
                if (property is not null && property.Contains("count", StringComparison.OrdinalIgnoreCase))
                {
                    var upper = Math.Min(max ?? long.MaxValue, Math.Max(min, 0) + 5_000);
                    return JsonValue.Create(source.NextLong(min, upper));
                }

                return JsonValue.Create(min);
            }

            case "number":
                return JsonValue.Create(Long(schema, "minimum") is { } nmin ? nmin + 0.5 : 1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "null":
                return null;
            default:
            {
                var format = OpenApiModel.GetString(schema, "format");
                var name = property ?? "value";
                var realistic = RealisticValues.For(property, format, pointer, source);
                if (realistic is not null && OpenApiModel.GetString(schema, "pattern") is { } pattern && !Matches(pattern, realistic))
                {
                    realistic = null; // the schema's own pattern wins
                }

                var text = realistic ?? format switch
                {
                    "date-time" => "2026-05-01T09:00:00Z",
                    "date" => "2026-05-01",
                    "time" => "09:00:00",
                    "duration" => "PT1H30M",
                    "byte" => "UG9zdFByZXNz",
                    "uri" or "url" or "uri-reference" => "https://example.com/" + name,
                    "email" => "user@example.com",
                    "uuid" => "00000000-0000-4000-8000-000000000001",
                    _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => "user@example.com",
                    _ when name.EndsWith("url", StringComparison.OrdinalIgnoreCase) => "https://example.com/" + name,
                    _ => name + "_sample",
                };
                if (Int(schema, "minLength") is { } minLength && text.Length < minLength)
                {
                    text = text.PadRight(minLength, 'x');
                }

                if (Int(schema, "maxLength") is { } maxLength && text.Length > maxLength)
                {
                    text = text[..maxLength];
                }

                return JsonValue.Create(text);
            }
        }
    }

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch(value, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether a union a selector picks from can be reached from this schema.</summary>
    private bool Reaches(JsonNode? node, string pointer, string? property, Session session, int depth)
    {
        var (schemaNode, resolved) = _model.Resolve(node, pointer);
        if (schemaNode is not JsonObject schema || depth > MaxDepth)
        {
            return false;
        }

        var key = resolved + "|" + property;
        if (session.Reach.TryGetValue(key, out var known))
        {
            return known;
        }

        session.Reach[key] = false; // cycle guard
        bool result;
        var branches = Branches(schema, resolved);
        if (branches.Count > 0)
        {
            result = branches.Any(b => session.Selectors.Any(s => s.AppliesAt(property)
                    && (b.Names.Any(n => string.Equals(n, s.Variant, StringComparison.OrdinalIgnoreCase))
                        || b.DiscriminatorValues.Any(v => string.Equals(v, s.Variant, StringComparison.OrdinalIgnoreCase)))))
                || branches.Any(b => Reaches(b.Schema, b.Pointer, property, session, depth + 1));
        }
        else
        {
            result = CollectObject(schema, resolved).Properties.Any(p => Reaches(p.Schema, p.Pointer, p.Name, session, depth + 1))
                || (schema["items"] is JsonNode items && Reaches(items, resolved + "/items", property, session, depth + 1));
        }

        session.Reach[key] = result;
        return result;
    }

    private IReadOnlyList<UnionBranch> Branches(JsonObject? schema, string pointer)
    {
        if (schema is null)
        {
            return [];
        }

        var keyword = schema["oneOf"] is JsonArray ? "oneOf" : schema["anyOf"] is JsonArray ? "anyOf" : null;
        if (keyword is null)
        {
            return [];
        }

        var list = (JsonArray)schema[keyword]!;
        var mapping = schema["discriminator"]?["mapping"] as JsonObject;
        var discriminatorProperty = OpenApiModel.GetString(schema["discriminator"], "propertyName");
        var csharpNames = schema["x-csharp-variant-names"] as JsonObject;
        var result = new List<UnionBranch>();
        for (var i = 0; i < list.Count; i++)
        {
            var branchPointer = pointer + "/" + keyword + "/" + i.ToString(CultureInfo.InvariantCulture);
            var reference = OpenApiModel.GetString(list[i], "$ref");
            var (branch, resolved) = _model.Resolve(list[i], branchPointer);
            var branchObj = branch as JsonObject;
            var isNull = branchObj is not null && Types(branchObj) is { Count: 1 } t && t[0] == "null";
            var names = new List<string>();
            if (isNull)
            {
                names.Add("null");
            }

            const string componentPrefix = "/components/schemas/";
            if (resolved.StartsWith(componentPrefix, StringComparison.Ordinal))
            {
                var component = resolved[componentPrefix.Length..].Replace("~1", "/").Replace("~0", "~");
                names.Add(component);
                if (OpenApiModel.GetString(csharpNames, component) is { } csharpName)
                {
                    names.Add(csharpName);
                }
            }

            if (OpenApiModel.GetString(branchObj, "title") is { } title)
            {
                names.Add(title);
            }

            var values = new List<string>();
            if (mapping is not null && reference is not null)
            {
                foreach (var (value, target) in mapping)
                {
                    if (target is JsonValue tv && tv.TryGetValue<string>(out var targetRef) && targetRef == reference)
                    {
                        values.Add(value);
                    }
                }
            }

            if (values.Count == 0 && discriminatorProperty is not null && branchObj is not null
                && CollectObject(branchObj, resolved).Properties.LastOrDefault(p => p.Name == discriminatorProperty) is { Name: not null } dp
                && _model.Resolve(dp.Schema, dp.Pointer).Node is JsonObject dps)
            {
                if (OpenApiModel.GetString(dps, "const") is { } c)
                {
                    values.Add(c);
                }
                else if (dps["enum"] is JsonArray e)
                {
                    values.AddRange(e.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>());
                }
            }

            result.Add(new UnionBranch(branch, resolved, names, values, discriminatorProperty, isNull));
        }

        return result;
    }

    /// <summary>The properties (in order, later <c>allOf</c> members overriding) and required names of an object schema.</summary>
    private ObjectShape CollectObject(JsonObject schema, string pointer)
    {
        var properties = new List<(string Name, JsonNode? Schema, string Pointer)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        void Collect(JsonObject s, string p, int depth)
        {
            if (depth > 16)
            {
                return;
            }

            if (s["allOf"] is JsonArray all)
            {
                for (var i = 0; i < all.Count; i++)
                {
                    var (member, memberPointer) = _model.Resolve(all[i], p + "/allOf/" + i.ToString(CultureInfo.InvariantCulture));
                    if (member is JsonObject m)
                    {
                        Collect(m, memberPointer, depth + 1);
                    }
                }
            }

            if (s["properties"] is JsonObject props)
            {
                foreach (var (name, propSchema) in props)
                {
                    var entry = (name, propSchema, p + "/properties/" + OpenApiModel.Escape(name));
                    var index = properties.FindIndex(x => x.Name == name);
                    if (index >= 0)
                    {
                        // A later member narrowing a property (const/enum) wins; a bare re-declaration keeps the first.
                        var (narrowing, _) = _model.Resolve(propSchema, entry.Item3);
                        if (narrowing is JsonObject n && (n.ContainsKey("const") || n.ContainsKey("enum") || n.ContainsKey("type") || n.ContainsKey("$ref")))
                        {
                            properties[index] = entry;
                        }
                    }
                    else
                    {
                        properties.Add(entry);
                    }
                }
            }

            if (s["required"] is JsonArray req)
            {
                foreach (var r in req)
                {
                    if (r is JsonValue v && v.TryGetValue<string>(out var name))
                    {
                        required.Add(name);
                    }
                }
            }
        }

        Collect(schema, pointer, 0);
        return new ObjectShape(properties, required);
    }

    private static IReadOnlyList<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var t) => [t],
        JsonArray a => a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList(),
        _ => [],
    };

    private static int? Int(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue v && v.TryGetValue<int>(out var i) ? i : (int?)(Long(schema, keyword) is { } l ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null);

    private static long? Long(JsonObject schema, string keyword)
    {
        if (schema[keyword] is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<decimal>(out var d))
        {
            return (long)Math.Ceiling(d);
        }

        return v.TryGetValue<double>(out var dbl) ? (long)Math.Ceiling(dbl) : null;
    }

    private sealed record ObjectShape(List<(string Name, JsonNode? Schema, string Pointer)> Properties, HashSet<string> Required);

    private sealed class Session
    {
        public Session(IReadOnlyList<VariantSelector> selectors, ValueSource values)
        {
            Selectors = selectors;
            Values = values;
        }

        public IReadOnlyList<VariantSelector> Selectors { get; }

        /// <summary>The deterministic source of this instance's synthesized values.</summary>
        public ValueSource Values { get; }

        public Dictionary<string, bool> Reach { get; } = new(StringComparer.Ordinal);
    }
}
