using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>Keyword sets and stateless helpers shared by the passes (no pass owns them).</summary>
internal static class SchemaFacts
{
    public const string SchemaRefPrefix = "#/components/schemas/";

    /// <summary>Keywords copied unchanged into the NSwag document.</summary>
    public static readonly HashSet<string> PassThroughKeywords = new(StringComparer.Ordinal)
    {
        "format", "description", "title", "default", "example", "minimum", "maximum", "multipleOf", "minLength",
        "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "required",
        "readOnly", "writeOnly", "deprecated", "externalDocs", "xml",
    };

    /// <summary>Keywords that carry no type information NSwag can use: dropped.</summary>
    public static readonly HashSet<string> DroppedKeywords = new(StringComparer.Ordinal)
    {
        "$comment", "$schema", "contentMediaType", "contentEncoding",
        "x-enum-varnames", "x-enum-descriptions", "x-csharp-variant-names",
    };

    /// <summary>Keywords allowed next to a <c>$ref</c> (OpenAPI 3.1 allows siblings).</summary>
    public static readonly HashSet<string> RefSiblingKeywords = new(StringComparer.Ordinal)
    {
        "description", "title", "readOnly", "writeOnly", "deprecated", "example", "examples", "default", "nullable", "$comment",
    };

    public static readonly HashSet<string> DocKeywords = new(StringComparer.Ordinal)
    {
        "description", "title", "example", "examples", "$comment", "deprecated",
    };

    public static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    public static HashSet<string> RequiredOf(JsonObject schema) =>
        (schema["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(StringComparer.Ordinal);

    public static bool SchemaEquals(JsonNode? a, JsonNode? b)
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

    public static bool IsNullSchema(JsonObject schema)
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

    public static (string? Type, bool Nullable) ReadType(JsonObject schema, string ptr)
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

    public static IEnumerable<string> CollectRefs(JsonNode? node)
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

    public static JsonObject MapObject(JsonObject source, Func<string, JsonNode?, JsonNode> map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            result[key] = key.StartsWith("x-", StringComparison.Ordinal) ? value?.DeepClone() : map(key, value);
        }

        return result;
    }
}
