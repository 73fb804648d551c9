using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// Generic rules over the whole document (walked, not hard-coded) that make the spec hard to regress. Each test lists
/// every violation it finds.
/// </summary>
public sealed class StructuralTests
{
    /// <summary>The API key header every operation must require.</summary>
    private const string ApiKey = "X-API-KEY";

    private static SpecDocument Spec => SpecDocument.Instance;

    [Fact]
    public void Document_has_operations()
    {
        Assert.NotEmpty(Spec.Operations());
    }

    [Fact]
    public void Every_operation_has_operationId_tag_summary_and_description()
    {
        var violations = new List<string>();
        var operationIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var op in Spec.Operations())
        {
            foreach (var field in new[] { "operationId", "summary", "description" })
            {
                if (string.IsNullOrWhiteSpace(StringOf(op.Operation[field])))
                {
                    violations.Add($"{op.Label}: missing or empty '{field}'");
                }
            }

            if (op.Operation["tags"] is not JsonArray tags || tags.Count == 0 || tags.Any(t => string.IsNullOrWhiteSpace(StringOf(t))))
            {
                violations.Add($"{op.Label}: must have at least one (non-empty) tag");
            }

            if (StringOf(op.Operation["operationId"]) is { Length: > 0 } id && !operationIds.TryAdd(id, op.Label))
            {
                violations.Add($"{op.Label}: operationId '{id}' is already used by {operationIds[id]}");
            }
        }

        AssertNone(violations);
    }

    [Fact]
    public void Every_operation_requires_the_api_key()
    {
        var schemes = Spec.Section("securitySchemes");
        var apiKeySchemes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in schemes ?? [])
        {
            if (node is JsonObject scheme && (name == ApiKey
                || (StringOf(scheme["type"]) == "apiKey" && StringOf(scheme["in"]) == "header"
                    && string.Equals(StringOf(scheme["name"]), ApiKey, StringComparison.OrdinalIgnoreCase))))
            {
                apiKeySchemes.Add(name);
            }
        }

        Assert.True(apiKeySchemes.Count > 0, $"components/securitySchemes has no scheme for the {ApiKey} header (type apiKey, in header).");

        var violations = new List<string>();
        foreach (var op in Spec.Operations())
        {
            var security = op.Operation.ContainsKey("security") ? op.Operation["security"] : Spec.Root["security"];
            var requirements = (security as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            if (!requirements.Any(r => r.Any(kv => apiKeySchemes.Contains(kv.Key))))
            {
                violations.Add($"{op.Label}: no security requirement on {string.Join("/", apiKeySchemes)} (neither on the operation nor global)");
            }

            foreach (var requirement in requirements)
            {
                foreach (var (scheme, _) in requirement)
                {
                    if (schemes is null || !schemes.ContainsKey(scheme))
                    {
                        violations.Add($"{op.Label}: security requirement names unknown scheme '{scheme}'");
                    }
                }
            }
        }

        AssertNone(violations);
    }

    [Fact]
    public void Every_error_response_uses_ProblemDetails()
    {
        Assert.True(
            Spec.Section("schemas")?.ContainsKey(SpecDocument.ProblemDetailsName) == true,
            $"components/schemas/{SpecDocument.ProblemDetailsName} is missing.");

        var violations = new List<string>();
        var checkedResponses = 0;
        foreach (var op in Spec.Operations())
        {
            if (op.Operation["responses"] is not JsonObject responses)
            {
                violations.Add($"{op.Label}: has no responses");
                continue;
            }

            foreach (var (status, responseNode) in responses)
            {
                if (!IsErrorStatus(status) || responseNode is not JsonObject response)
                {
                    continue;
                }

                checkedResponses++;
                var (resolved, pointer) = Spec.Resolve(response, SpecDocument.Append(op.Pointer, "responses", status));
                if (resolved["content"] is not JsonObject content || content.Count == 0)
                {
                    violations.Add($"{op.Label} > {status} ({pointer}): error response has no content (expected a {SpecDocument.ProblemDetailsName} body)");
                    continue;
                }

                foreach (var (mediaType, media) in content)
                {
                    if (!ReferencesProblemDetails(media?["schema"], new HashSet<string>(StringComparer.Ordinal)))
                    {
                        violations.Add($"{op.Label} > {status} > {mediaType} ({pointer}): schema does not reference #/components/schemas/{SpecDocument.ProblemDetailsName} (directly, through allOf, or through a schema built on it)");
                    }
                }
            }
        }

        AssertNone(violations);
        Assert.True(checkedResponses > 0, "No error response (status >= 400) was found: every operation should document its errors.");
    }

    [Fact]
    public void Every_discriminated_oneOf_maps_exactly_its_variants_and_each_variant_pins_the_discriminator()
    {
        var violations = new List<string>();
        foreach (var (schema, pointer) in AllSchemas())
        {
            if (schema["discriminator"] is not JsonObject discriminator || schema["oneOf"] is not JsonArray oneOf)
            {
                continue;
            }

            var propertyName = StringOf(discriminator["propertyName"]);
            if (string.IsNullOrEmpty(propertyName))
            {
                violations.Add($"{pointer}: discriminator has no propertyName");
                continue;
            }

            var variants = new List<string>();
            for (var i = 0; i < oneOf.Count; i++)
            {
                if (StringOf(oneOf[i]?["$ref"]) is { } reference)
                {
                    variants.Add(reference);
                }
                else
                {
                    violations.Add($"{pointer}/oneOf/{i}: a discriminated oneOf member must be a $ref (an inline schema cannot be mapped)");
                }
            }

            if (discriminator["mapping"] is not JsonObject mapping || mapping.Count == 0)
            {
                violations.Add($"{pointer}: discriminator '{propertyName}' has no mapping");
                continue;
            }

            var targets = mapping.Select(kv => (Key: kv.Key, Target: NormalizeMappingTarget(StringOf(kv.Value)))).ToList();
            foreach (var missing in variants.Except(targets.Select(t => t.Target), StringComparer.Ordinal))
            {
                violations.Add($"{pointer}: oneOf member {missing} has no discriminator mapping entry");
            }

            foreach (var (key, target) in targets)
            {
                if (!variants.Contains(target, StringComparer.Ordinal))
                {
                    violations.Add($"{pointer}: mapping '{key}' -> {target} is not one of the oneOf members");
                    continue;
                }

                if (!Spec.TryAt(SpecDocument.RefToPointer(target), out var variantNode) || variantNode is not JsonObject variant)
                {
                    violations.Add($"{pointer}: mapping '{key}' -> {target} does not resolve");
                    continue;
                }

                if (!PinsProperty(variant, propertyName, key, new HashSet<JsonObject>(ReferenceEqualityComparer.Instance)))
                {
                    violations.Add($"{pointer}: variant {target} (mapping key '{key}') does not constrain '{propertyName}' with a const or enum containing '{key}'");
                }
            }
        }

        AssertNone(violations);
    }

    [Fact]
    public void Every_discriminated_oneOf_variant_requires_the_discriminator_property()
    {
        var violations = new List<string>();
        foreach (var (schema, pointer) in AllSchemas())
        {
            if (schema["discriminator"] is not JsonObject discriminator || schema["oneOf"] is not JsonArray oneOf
                || StringOf(discriminator["propertyName"]) is not { Length: > 0 } propertyName)
            {
                continue;
            }

            foreach (var reference in oneOf.Select(m => StringOf(m?["$ref"])).OfType<string>())
            {
                if (Spec.TryAt(SpecDocument.RefToPointer(reference), out var node) && node is JsonObject variant
                    && !Requires(variant, propertyName, new HashSet<JsonObject>(ReferenceEqualityComparer.Instance)))
                {
                    violations.Add($"{pointer}: variant {reference} does not list '{propertyName}' in 'required'");
                }
            }
        }

        AssertNone(violations);
    }

    private static bool IsErrorStatus(string status) =>
        (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= 400)
        || status.Equals("4XX", StringComparison.OrdinalIgnoreCase)
        || status.Equals("5XX", StringComparison.OrdinalIgnoreCase)
        || status == "default";

    /// <summary>True if the schema is (a $ref to) ProblemDetails, or an allOf that contains one, or a $ref to such a schema.</summary>
    private static bool ReferencesProblemDetails(JsonNode? node, HashSet<string> seen)
    {
        if (node is not JsonObject schema)
        {
            return false;
        }

        if (StringOf(schema["$ref"]) is { } reference)
        {
            if (reference == $"#/components/schemas/{SpecDocument.ProblemDetailsName}")
            {
                return true;
            }

            if (seen.Add(reference) && reference.StartsWith('#') && Spec.TryAt(SpecDocument.RefToPointer(reference), out var target)
                && ReferencesProblemDetails(target, seen))
            {
                return true;
            }
        }

        return schema["allOf"] is JsonArray allOf && allOf.Any(member => ReferencesProblemDetails(member, seen));
    }

    /// <summary>True if the schema (or one of its allOf members, following $refs) declares property <paramref name="property"/> with a const or enum containing <paramref name="key"/>.</summary>
    private static bool PinsProperty(JsonObject schema, string property, string key, HashSet<JsonObject> seen)
    {
        if (!seen.Add(schema))
        {
            return false;
        }

        if (schema["properties"]?[property] is JsonObject propertySchema && PinsValue(propertySchema, key, seen))
        {
            return true;
        }

        return Members(schema).Any(member => PinsProperty(member, property, key, seen));
    }

    private static bool PinsValue(JsonObject propertySchema, string key, HashSet<JsonObject> seen)
    {
        if (StringOf(propertySchema["const"]) == key)
        {
            return true;
        }

        if (propertySchema["enum"] is JsonArray values && values.Any(v => StringOf(v) == key))
        {
            return true;
        }

        // e.g. "kind: { $ref: '#/components/schemas/ImageKind' }" or "allOf: [ { $ref: Kind }, { const: image } ]"
        return seen.Add(propertySchema) && Members(propertySchema).Any(member => PinsValue(member, key, seen));
    }

    private static bool Requires(JsonObject schema, string property, HashSet<JsonObject> seen)
    {
        if (!seen.Add(schema))
        {
            return false;
        }

        if (schema["required"] is JsonArray required && required.Any(r => StringOf(r) == property))
        {
            return true;
        }

        return Members(schema).Any(member => Requires(member, property, seen));
    }

    /// <summary>The $ref target and allOf members of a schema (schemas whose constraints all apply).</summary>
    private static IEnumerable<JsonObject> Members(JsonObject schema)
    {
        if (StringOf(schema["$ref"]) is { } reference && reference.StartsWith('#')
            && Spec.TryAt(SpecDocument.RefToPointer(reference), out var target) && target is JsonObject targetSchema)
        {
            yield return targetSchema;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var member in allOf.OfType<JsonObject>())
            {
                yield return member;
            }
        }
    }

    /// <summary>A mapping value is either a reference or a bare schema name (meaning #/components/schemas/name).</summary>
    private static string NormalizeMappingTarget(string? value) =>
        value is null ? string.Empty
        : value.StartsWith('#') || value.Contains('/', StringComparison.Ordinal) ? value
        : $"#/components/schemas/{value}";

    /// <summary>Every schema object in the document (components, inline schemas of media types, parameters, headers, and all subschemas).</summary>
    private static IEnumerable<(JsonObject Schema, string Pointer)> AllSchemas()
    {
        var results = new List<(JsonObject, string)>();
        Walk(Spec.Root, string.Empty, inSchema: false, results);
        return results;

        static void Walk(JsonNode? node, string pointer, bool inSchema, List<(JsonObject, string)> results)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (inSchema)
                    {
                        results.Add((obj, pointer));
                    }

                    foreach (var (key, value) in obj)
                    {
                        var childPointer = SpecDocument.Append(pointer, key);
                        if (inSchema && key is "properties" or "patternProperties" or "dependentSchemas" or "$defs" && value is JsonObject map)
                        {
                            foreach (var (name, sub) in map)
                            {
                                Walk(sub, SpecDocument.Append(childPointer, name), inSchema: true, results);
                            }
                        }
                        else if (inSchema && key is "allOf" or "anyOf" or "oneOf" or "prefixItems" && value is JsonArray array)
                        {
                            for (var i = 0; i < array.Count; i++)
                            {
                                Walk(array[i], SpecDocument.Append(childPointer, i.ToString(CultureInfo.InvariantCulture)), inSchema: true, results);
                            }
                        }
                        else if (inSchema && key is "items" or "additionalProperties" or "not" or "if" or "then" or "else" or "contains" or "propertyNames" or "unevaluatedItems" or "unevaluatedProperties")
                        {
                            Walk(value, childPointer, inSchema: true, results);
                        }
                        else if (!inSchema && key == "schema")
                        {
                            Walk(value, childPointer, inSchema: true, results);
                        }
                        else if (!inSchema && pointer == "/components" && key == "schemas" && value is JsonObject schemas)
                        {
                            foreach (var (name, sub) in schemas)
                            {
                                Walk(sub, SpecDocument.Append(childPointer, name), inSchema: true, results);
                            }
                        }
                        else if (!inSchema && key is not ("example" or "examples"))
                        {
                            Walk(value, childPointer, inSchema: false, results);
                        }
                    }

                    break;
                case JsonArray arr when !inSchema:
                    for (var i = 0; i < arr.Count; i++)
                    {
                        Walk(arr[i], SpecDocument.Append(pointer, i.ToString(CultureInfo.InvariantCulture)), inSchema: false, results);
                    }

                    break;
            }
        }
    }

    internal static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static void AssertNone(List<string> violations) =>
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s):\n{string.Join("\n", violations.Select(v => "  - " + v))}");
}
