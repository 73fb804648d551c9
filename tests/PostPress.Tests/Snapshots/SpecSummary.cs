using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PostPress.Tests.Snapshots;

/// <summary>
/// A normalised, deterministic summary of the OpenAPI document: what the SDK is generated from, without prose
/// (descriptions, examples, code samples). Operations are sorted by path + method, component schemas and their
/// properties by name, <c>required</c> lists and error codes alphabetically. Keywords the summary does not know are
/// listed under <c>otherKeywords</c>, so that no spec change goes unseen.
/// </summary>
internal static class SpecSummary
{
    private static readonly string[] HttpMethods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    /// <summary>Keywords that only document (never change the generated code or the wire format).</summary>
    private static readonly HashSet<string> Prose = new(StringComparer.Ordinal)
    {
        "description", "summary", "title", "example", "examples", "$comment", "x-enum-descriptions", "x-codeSamples",
    };

    /// <summary>Keywords <see cref="TypeSummary"/> reports.</summary>
    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal)
    {
        "$ref", "type", "format", "nullable", "const", "enum", "default", "items", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "additionalProperties",
        "oneOf", "anyOf", "allOf", "required", "properties", "discriminator", "x-enum-varnames", "x-csharp-variant-names",
        "readOnly", "writeOnly", "deprecated",
    };

    public static JObject Build(JObject document)
    {
        var summary = new JObject
        {
            ["openapi"] = document["openapi"]?.DeepClone(),
            ["servers"] = new JArray(((document["servers"] as JArray) ?? new JArray()).Select(s => (string?)s["url"])),
            ["security"] = document["security"]?.DeepClone(),
            ["securitySchemes"] = Sorted((JObject?)document["components"]?["securitySchemes"], s => Without((JObject)s, Prose)),
            ["operations"] = Operations(document),
            ["schemas"] = Sorted((JObject?)document["components"]?["schemas"], s => Component((JObject)s)),
        };

        var unknownComponents = ((JObject?)document["components"])?.Properties().Select(p => p.Name)
            .Where(n => n is not "schemas" and not "securitySchemes").OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (unknownComponents is { Count: > 0 })
        {
            summary["otherComponents"] = new JArray(unknownComponents);
        }

        return summary;
    }

    private static JArray Operations(JObject document)
    {
        var operations = new List<(string Path, int Method, JObject Summary)>();
        foreach (var (path, item) in (JObject?)document["paths"] ?? new JObject())
        {
            var pathItem = (JObject)item!;
            var shared = pathItem["parameters"] as JArray;
            foreach (var (method, operationToken) in pathItem)
            {
                var methodIndex = Array.IndexOf(HttpMethods, method);
                if (methodIndex < 0)
                {
                    continue;
                }

                var operation = (JObject)operationToken!;
                var summary = new JObject
                {
                    ["operationId"] = operation["operationId"]?.DeepClone(),
                    ["method"] = method.ToUpperInvariant(),
                    ["path"] = path,
                    ["tags"] = operation["tags"]?.DeepClone(),
                };
                if (operation["deprecated"] is { } deprecated)
                {
                    summary["deprecated"] = deprecated.DeepClone();
                }

                if (operation["security"] is { } security)
                {
                    summary["security"] = security.DeepClone();
                }

                var parameters = (shared ?? new JArray()).Concat((operation["parameters"] as JArray) ?? new JArray()).Select(p => Parameter((JObject)p)).ToList();
                summary["parameters"] = new JArray(parameters);
                if (operation["requestBody"] is JObject body)
                {
                    summary["requestBody"] = new JObject
                    {
                        ["required"] = body["required"]?.DeepClone() ?? false,
                        ["content"] = Content((JObject?)body["content"]),
                    };
                }

                var responses = new JObject();
                foreach (var status in ((JObject?)operation["responses"] ?? new JObject()).Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    var response = (JObject)status.Value;
                    var entry = Content((JObject?)response["content"]);
                    if (response["headers"] is JObject headers)
                    {
                        entry["headers"] = Sorted(headers, h => TypeSummary((JObject?)h["schema"] ?? new JObject()));
                    }

                    responses[status.Name] = entry;
                }

                summary["responses"] = responses;
                AddOtherKeywords(summary, operation, "operationId", "tags", "deprecated", "security", "parameters", "requestBody", "responses", "x-codeSamples", "summary", "description");
                operations.Add((path, methodIndex, summary));
            }
        }

        return new JArray(operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method).Select(o => o.Summary));
    }

    private static JObject Parameter(JObject parameter)
    {
        var summary = new JObject
        {
            ["name"] = parameter["name"]?.DeepClone(),
            ["in"] = parameter["in"]?.DeepClone(),
            ["required"] = parameter["required"]?.DeepClone() ?? false,
        };
        foreach (var key in new[] { "style", "explode", "allowReserved", "deprecated" })
        {
            if (parameter[key] is { } value)
            {
                summary[key] = value.DeepClone();
            }
        }

        summary["schema"] = parameter["schema"] is JObject schema ? TypeSummary(schema) : null;
        AddOtherKeywords(summary, parameter, "name", "in", "required", "style", "explode", "allowReserved", "deprecated", "schema");
        return summary;
    }

    /// <summary>Media type → body schema: a component name, or for an <c>allOf</c> narrowing of the error envelope its status and sorted error codes.</summary>
    private static JObject Content(JObject? content)
    {
        var result = new JObject();
        foreach (var media in (content ?? new JObject()).Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var schema = (JObject?)media.Value["schema"];
            result[media.Name] = schema is null ? null : BodySchema(schema);
        }

        return result;
    }

    private static JToken BodySchema(JObject schema)
    {
        if (schema["$ref"] is { } reference && schema.Properties().All(p => p.Name == "$ref" || Prose.Contains(p.Name)))
        {
            return RefName((string)reference!);
        }

        if (schema["allOf"] is not JArray allOf)
        {
            return TypeSummary(schema);
        }

        var summary = new JObject { ["allOf"] = new JArray(allOf.Where(m => m["$ref"] is not null).Select(m => RefName((string)m["$ref"]!))) };
        var narrowed = new JObject();
        foreach (var member in allOf.OfType<JObject>().Where(m => m["$ref"] is null))
        {
            foreach (var (name, property) in (JObject?)member["properties"] ?? new JObject())
            {
                var p = (JObject)property!;
                if (name == "status" && p["const"] is { } status && p.Properties().All(x => x.Name == "const" || Prose.Contains(x.Name)))
                {
                    summary["status"] = status.DeepClone();
                }
                else if (name == "type" && p["enum"] is JArray codes && p.Properties().All(x => x.Name is "enum" or "x-enum-varnames" || Prose.Contains(x.Name)))
                {
                    summary["errors"] = new JArray(codes.Select(c => (string)c!).OrderBy(c => c, StringComparer.Ordinal));
                }
                else
                {
                    narrowed[name] = TypeSummary(p);
                }
            }

            if (member["required"] is JArray required)
            {
                summary["required"] = SortedStrings(required);
            }

            AddOtherKeywords(summary, member, "type", "properties", "required");
        }

        if (narrowed.Count > 0)
        {
            summary["narrowed"] = narrowed;
        }

        return summary;
    }

    /// <summary>A component schema: <c>union</c> (top-level oneOf), <c>enum</c>, or <c>object</c> (with its allOf bases).</summary>
    private static JObject Component(JObject schema)
    {
        if (schema["oneOf"] is JArray oneOf)
        {
            var union = new JObject
            {
                ["kind"] = "union",
                ["variants"] = new JArray(oneOf.Select(Variant)),
            };
            if (schema["discriminator"] is JObject discriminator)
            {
                union["discriminator"] = new JObject
                {
                    ["propertyName"] = discriminator["propertyName"]?.DeepClone(),
                    ["mapping"] = discriminator["mapping"] is JObject mapping
                        ? new JObject(mapping.Properties().Select(p => new JProperty(p.Name, RefName((string)p.Value!))))
                        : null,
                };
                AddOtherKeywords((JObject)union["discriminator"]!, discriminator, "propertyName", "mapping");
            }

            if (schema["x-csharp-variant-names"] is { } names)
            {
                union["x-csharp-variant-names"] = names.DeepClone();
            }

            AddOtherKeywords(union, schema, "oneOf", "discriminator", "x-csharp-variant-names");
            return union;
        }

        if (schema["enum"] is JArray values)
        {
            var e = new JObject { ["kind"] = "enum", ["type"] = schema["type"]?.DeepClone(), ["values"] = values.DeepClone() };
            foreach (var key in new[] { "default", "x-enum-varnames" })
            {
                if (schema[key] is { } value)
                {
                    e[key] = value.DeepClone();
                }
            }

            AddOtherKeywords(e, schema, "type", "enum", "default", "x-enum-varnames");
            return e;
        }

        if (schema["allOf"] is JArray allOf)
        {
            var composed = new JObject
            {
                ["kind"] = "object",
                ["allOf"] = new JArray(allOf.Where(m => m["$ref"] is not null).Select(m => RefName((string)m["$ref"]!))),
            };
            var required = new JArray();
            var properties = new JObject();
            foreach (var member in allOf.OfType<JObject>().Where(m => m["$ref"] is null))
            {
                foreach (var r in (JArray?)member["required"] ?? new JArray())
                {
                    required.Add(r.DeepClone());
                }

                foreach (var (name, property) in (JObject?)member["properties"] ?? new JObject())
                {
                    properties[name] = property!.DeepClone();
                }

                AddOtherKeywords(composed, member, "type", "required", "properties");
            }

            composed["required"] = SortedStrings(required);
            composed["properties"] = Sorted(properties, p => TypeSummary((JObject)p));
            AddOtherKeywords(composed, schema, "allOf");
            return composed;
        }

        if ((string?)schema["type"] == "object" || schema["properties"] is not null)
        {
            var obj = new JObject
            {
                ["kind"] = "object",
                ["required"] = SortedStrings((JArray?)schema["required"] ?? new JArray()),
                ["properties"] = Sorted((JObject?)schema["properties"] ?? new JObject(), p => TypeSummary((JObject)p)),
            };
            if (schema["additionalProperties"] is { } additional)
            {
                obj["additionalProperties"] = additional is JObject a ? TypeSummary(a) : additional.DeepClone();
            }

            AddOtherKeywords(obj, schema, "type", "required", "properties", "additionalProperties");
            return obj;
        }

        var other = TypeSummary(schema);
        other.AddFirst(new JProperty("kind", "other"));
        return other;
    }

    /// <summary>A union branch: the component name, <c>"null"</c> for <c>{type: 'null'}</c>, else its type summary.</summary>
    private static JToken Variant(JToken branch)
    {
        var summary = TypeSummary((JObject)branch);
        return summary.Count == 1 && summary["$ref"] is { } name ? name
            : summary.Count == 1 && (string?)summary["type"] == "null" ? "null"
            : summary;
    }

    /// <summary>Type of a property or parameter: type (the non-null one of a type array), format, $ref, nullable, const, enum, constraints, items.</summary>
    private static JObject TypeSummary(JObject schema)
    {
        var summary = new JObject();
        var nullable = false;

        // oneOf/anyOf: [X, {type: 'null'}] is X made nullable.
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (schema[key] is JArray branches)
            {
                var nonNull = branches.OfType<JObject>().Where(b => (string?)b["type"] != "null").ToList();
                if (nonNull.Count == 1 && branches.Count == 2)
                {
                    foreach (var p in TypeSummary(nonNull[0]).Properties())
                    {
                        summary[p.Name] = p.Value;
                    }

                    nullable = true;
                }
                else
                {
                    summary[key] = new JArray(branches.Select(b => TypeSummary((JObject)b)));
                }
            }
        }

        if (schema["$ref"] is { } reference)
        {
            summary["$ref"] = RefName((string)reference!);
        }

        if (schema["type"] is JArray types)
        {
            var names = types.Select(t => (string)t!).ToList();
            nullable |= names.Remove("null");
            summary["type"] = names.Count == 1 ? names[0] : new JArray(names);
        }
        else if (schema["type"] is { } type)
        {
            summary["type"] = type.DeepClone();
        }

        if (schema["format"] is { } format)
        {
            summary["format"] = format.DeepClone();
        }

        if (nullable || (bool?)schema["nullable"] == true)
        {
            summary["nullable"] = true;
        }

        foreach (var key in new[] { "const", "enum", "x-enum-varnames", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "readOnly", "writeOnly", "deprecated" })
        {
            if (schema[key] is { } value)
            {
                summary[key] = value.DeepClone();
            }
        }

        if (schema["items"] is JObject items)
        {
            summary["items"] = TypeSummary(items);
        }

        if (schema["allOf"] is JArray allOf)
        {
            summary["allOf"] = new JArray(allOf.Select(m => TypeSummary((JObject)m)));
        }

        if (schema["properties"] is JObject properties)
        {
            summary["required"] = SortedStrings((JArray?)schema["required"] ?? new JArray());
            summary["properties"] = Sorted(properties, p => TypeSummary((JObject)p));
        }

        if (schema["additionalProperties"] is { } additional)
        {
            summary["additionalProperties"] = additional is JObject a ? TypeSummary(a) : additional.DeepClone();
        }

        AddOtherKeywords(summary, schema, TypeKeywords.ToArray());
        return summary;
    }

    /// <summary>Lists the keywords of <paramref name="source"/> that are neither prose nor <paramref name="known"/>.</summary>
    private static void AddOtherKeywords(JObject summary, JObject source, params string[] known)
    {
        var others = source.Properties()
            .Where(p => !Prose.Contains(p.Name) && !known.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (others.Count == 0)
        {
            return;
        }

        var target = summary["otherKeywords"] as JObject ?? new JObject();
        foreach (var p in others)
        {
            target[p.Name] = p.Value.DeepClone();
        }

        summary["otherKeywords"] = target;
    }

    private static JObject Sorted(JObject? source, Func<JToken, JToken> map) =>
        new(((source ?? new JObject()).Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, map(p.Value)))));

    private static JObject Without(JObject source, HashSet<string> keys) =>
        new(source.Properties().Where(p => !keys.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, p.Value.DeepClone())));

    private static JArray SortedStrings(JArray values) =>
        new(values.Select(v => (string)v!).OrderBy(v => v, StringComparer.Ordinal));

    private static string RefName(string reference) =>
        reference.StartsWith("#/components/schemas/", StringComparison.Ordinal) ? reference.Substring("#/components/schemas/".Length) : reference;
}
