using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PostPress.Testing.Internal;

/// <summary>
/// What validating against the OpenAPI document with JsonSchema.Net needs besides the library: the OpenAPI Format
/// Registry's formats, the formats a document uses, and the flattened evaluation results. One implementation, shared by
/// the sandbox's request validation and the spec tests (linked into tests/PostPress.OpenApi.Tests), so both judge a
/// value the same way.
/// </summary>
internal static class JsonSchemaSupport
{
    /// <summary>The formats of the OpenAPI Format Registry that JSON Schema itself does not define.</summary>
    public static IEnumerable<Format> OpenApiFormats()
    {
        yield return new PredicateFormat("int32", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt32(out _));
        yield return new PredicateFormat("int64", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt64(out _));
        yield return new PredicateFormat("float", e => e.ValueKind != JsonValueKind.Number || float.IsFinite(e.GetSingle()));
        yield return new PredicateFormat("double", e => e.ValueKind != JsonValueKind.Number || double.IsFinite(e.GetDouble()));
        yield return new PredicateFormat("decimal", e => e.ValueKind != JsonValueKind.Number || e.TryGetDecimal(out _));
        yield return new PredicateFormat("password", _ => true);
        yield return new PredicateFormat("binary", _ => true);
        yield return new PredicateFormat("byte", e => e.ValueKind != JsonValueKind.String || IsBase64(e.GetString()!));
    }

    /// <summary>Every <c>format</c> value used anywhere in a document.</summary>
    public static IEnumerable<string> FormatsUsedIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "format" && value is JsonValue v && v.TryGetValue<string>(out var format))
                    {
                        yield return format;
                    }

                    foreach (var nested in FormatsUsedIn(value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray arr:
                foreach (var item in arr)
                {
                    foreach (var nested in FormatsUsedIn(item))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    /// <summary>An evaluation result and all of its nested details, depth first.</summary>
    public static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        if (results.Details is null)
        {
            yield break;
        }

        foreach (var detail in results.Details)
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[((value.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
