using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// NSwag dialect: converts one OpenAPI 3.1 schema to OpenAPI 3.0.3 as NSwag reads it (nullable, const → default,
/// exclusive bounds, $ref redirects to union variants, nullable references wrapped in oneOf).
/// </summary>
internal sealed class SchemaNormalizer
{
    private readonly SpecModel _m;

    public SchemaNormalizer(SpecModel model)
    {
        _m = model;
    }

    /// <summary>Converts one schema to the NSwag dialect.</summary>
    /// <param name="node">The canonical schema.</param>
    /// <param name="ptr">JSON pointer for error messages.</param>
    /// <param name="inSchema">True for schemas nested in other schemas (properties, items...): nullable references get wrapped.</param>
    public JsonObject Normalize(JsonNode? node, string ptr, bool inSchema)
    {
        var result = NormalizeCore(node, ptr, inSchema);
        if (inSchema)
        {
            // Properties (and items) only: a deprecated component stays a plain class (the SDK's own code uses it).
            MarkDeprecated(node as JsonObject, result);
        }

        return result;
    }

    /// <summary>
    /// <c>deprecated: true</c> → NJsonSchema's <c>x-deprecated</c> and <c>x-deprecatedMessage</c> (the message of
    /// <see cref="Naming.DeprecationMessage"/>): NSwag then writes <c>[System.Obsolete("…")]</c> on the property.
    /// </summary>
    private static void MarkDeprecated(JsonObject? source, JsonObject result)
    {
        if (Naming.DeprecationMessage(source) is { } message)
        {
            result["x-deprecated"] = true;
            result["x-deprecatedMessage"] = message;
        }
    }

    private JsonObject NormalizeCore(JsonNode? node, string ptr, bool inSchema)
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

            return Normalize(_m.Flattener.FlattenAllOf(obj, ptr), ptr, inSchema);
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
                        throw new SpecException($"{ptr}: inline enum with {nonNull.Count} values. Declare it as an enum component and $ref it (it becomes an extensible enum); inline multi-value enums are named automatically only on parameters and properties (see build/README.md), and kept inline on union discriminator properties.");
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

    public JsonObject NormalizeRef(JsonObject obj, string ptr, bool inSchema)
    {
        string reference = obj["$ref"]!.GetValue<string>();
        if (!reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal))
        {
            throw new SpecException($"{ptr}: only local '#/components/schemas/...' references are supported in schemas (found '{reference}').");
        }

        string name = reference.Substring(SchemaRefPrefix.Length);
        if (!_m.Schemas.ContainsKey(name))
        {
            throw new SpecException($"{ptr}: $ref target '{name}' does not exist.");
        }

        if (_m.RefRedirects.TryGetValue(name, out string? redirected))
        {
            name = redirected;
        }

        bool isEnum = _m.Enums.TryGetValue(name, out var enumModel);
        bool nullable = (isEnum && enumModel!.Nullable) || (_m.Unions.TryGetValue(name, out var union) && union.Nullable);
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
}
