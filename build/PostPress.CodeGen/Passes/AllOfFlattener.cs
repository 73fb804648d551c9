using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// Normalised-model service: the allOf-merged (flat) form of object schemas, cached per component. Used by the union
/// pass (variant properties) and the NSwag dialect passes.
/// </summary>
internal sealed class AllOfFlattener
{
    private readonly SpecModel _m;

    public AllOfFlattener(SpecModel model)
    {
        _m = model;
    }

    private readonly Dictionary<string, JsonObject> _flatCache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flattening = new(StringComparer.Ordinal);

    /// <summary>The allOf-merged form of an object component (canonical dialect, cached, do not mutate).</summary>
    public JsonObject GetFlat(string name)
    {
        if (_flatCache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        string ptr = SchemaRefPrefix + name;
        if (!_m.Schemas.TryGetPropertyValue(name, out var node) || node is not JsonObject schema)
        {
            throw new SpecException($"{ptr}: no such component schema.");
        }

        if (_m.Enums.ContainsKey(name) || schema.ContainsKey("oneOf"))
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

    public JsonObject FlattenAllOf(JsonObject schema, string ptr)
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

            // A later member may also give a generic placeholder its type: a bare {type: object} or an array of them
            // (a "wrapper" mixin's data: {type: array, items: {type: object}} narrowed to items: {$ref: Station}).
            if (schema is JsonObject specific && IsPlaceholder(existing as JsonObject))
            {
                var replaced = (JsonObject)specific.DeepClone();
                if (replaced["description"] is null && existing["description"] is JsonNode placeholderDoc && !replaced.ContainsKey("$ref"))
                {
                    replaced["description"] = placeholderDoc.DeepClone();
                }

                target[name] = replaced;
                continue;
            }

            throw new SpecException($"{ptr}: property '{name}' is declared twice in allOf with different schemas.");
        }
    }

    /// <summary>A schema that says no more than "an object" (or "an array of objects"): no properties, no reference, no composition.</summary>
    private static bool IsPlaceholder(JsonObject? schema)
    {
        if (schema is null || schema.ContainsKey("$ref") || schema.ContainsKey("properties") || schema.ContainsKey("allOf")
            || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf") || schema["additionalProperties"] is JsonObject)
        {
            return false;
        }

        string? type = schema["type"] is JsonValue t && t.TryGetValue(out string? ts) ? ts : null;
        return type switch
        {
            "object" or null => !schema.ContainsKey("enum") && !schema.ContainsKey("const"),
            "array" => schema["items"] is null || IsPlaceholder(schema["items"] as JsonObject),
            _ => false,
        };
    }
}
