using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PostPress.Spec;

namespace PostPress.Tests.Support;

/// <summary>
/// The OpenAPI document as JSON, and a generator of sample payloads from its schemas: "maximal" (every documented
/// property) and "minimal" (required properties only). Tests use it so that every variant of every union is covered
/// without hand-written fixtures drifting from the spec.
/// </summary>
public static class SpecModel
{
    /// <summary>The spec path next to the test assembly (copied there by the project file).</summary>
    public static string SpecPath => Path.Combine(AppContext.BaseDirectory, "openapi", "postpress.yaml");

    /// <summary>Read once with the repository's one YAML loader (src/Shared/Spec/YamlJson.cs), as Newtonsoft tokens.</summary>
    private static readonly Lazy<JObject> Doc = new(() => (JObject)Parse(YamlJson.Load(SpecPath).ToJsonString()));

    public static JObject Document => Doc.Value;

    public static JObject Schemas => (JObject)Document["components"]!["schemas"]!;

    public static JObject Schema(string name) => (JObject)Schemas[name]!;

    /// <summary>Union components: name → (discriminator property or null, variants as (discriminator value or null, variant schema name)).</summary>
    public static IEnumerable<(string Union, string? Discriminator, string? Value, string Variant)> UnionVariants()
    {
        foreach (var (name, token) in Schemas)
        {
            if (token is not JObject schema || schema["oneOf"] is not JArray oneOf)
            {
                continue;
            }

            if (schema["discriminator"] is JObject d)
            {
                var prop = (string)d["propertyName"]!;
                foreach (var (value, target) in (JObject)d["mapping"]!)
                {
                    yield return (name, prop, value, RefName((string)target!));
                }
            }
            else
            {
                foreach (var v in oneOf.OfType<JObject>().Where(o => o["$ref"] is not null))
                {
                    yield return (name, null, null, RefName((string)v["$ref"]!));
                }
            }
        }
    }

    public static string CSharpVariantName(string union, string variant) =>
        Schema(union)["x-csharp-variant-names"]?[variant]?.ToString() ?? variant;

    public static string RefName(string reference) => reference.Substring(reference.LastIndexOf('/') + 1);

    /// <summary>Builds a sample instance of a schema.</summary>
    public static JToken Sample(JToken schema, bool maximal, string propertyName = "value", int depth = 0)
    {
        if (depth > 12)
        {
            throw new InvalidOperationException("schema too deep");
        }

        var s = (JObject)schema;
        if (s["$ref"] is { } r)
        {
            return Sample(Schema(RefName((string)r!)), maximal, propertyName, depth + 1);
        }

        if (s["const"] is { } c)
        {
            return c.DeepClone();
        }

        if (s["enum"] is JArray e)
        {
            return e[0].DeepClone();
        }

        if (s["oneOf"] is JArray oneOf)
        {
            var nonNull = oneOf.OfType<JObject>().FirstOrDefault(o => (string?)o["type"] != "null");
            var hasNull = oneOf.OfType<JObject>().Any(o => (string?)o["type"] == "null");
            return !maximal && hasNull ? JValue.CreateNull() : Sample(nonNull!, maximal, propertyName, depth + 1);
        }

        if (s["allOf"] is JArray allOf)
        {
            var merged = new JObject();
            foreach (var part in allOf)
            {
                foreach (var p in (JObject)Sample(part, maximal, propertyName, depth + 1))
                {
                    merged[p.Key] = p.Value;
                }
            }

            return merged;
        }

        var type = s["type"];
        var types = type is JArray arr ? arr.Select(t => (string)t!).ToArray() : new[] { (string?)type ?? "object" };
        var main = types.First(t => t != "null");
        if (!maximal && types.Contains("null"))
        {
            return JValue.CreateNull();
        }

        switch (main)
        {
            case "object":
                var obj = new JObject();
                var required = (s["required"] as JArray)?.Select(x => (string)x!).ToHashSet() ?? new HashSet<string>();
                if (s["properties"] is JObject props)
                {
                    foreach (var (key, value) in props)
                    {
                        if (maximal || required.Contains(key))
                        {
                            obj[key] = Sample(value!, maximal, key, depth + 1);
                        }
                    }
                }

                return obj;
            case "array":
                return s["items"] is { } items
                    ? new JArray(Sample(items, maximal, propertyName, depth + 1))
                    : new JArray("https://t.co/" + propertyName);
            case "integer":
                return (string?)s["format"] == "int64" ? new JValue(1747400000123L) : new JValue(s["minimum"] is { } min ? (int)min + 1 : 7);
            case "number":
                return new JValue((string?)s["format"] == "float" ? 0.1f : 1.5);
            case "boolean":
                return new JValue(true);
            case "string":
                return (string?)s["format"] switch
                {
                    "date-time" => new JValue("2026-04-12T09:14:21.123Z"),
                    "date" => new JValue("2026-04-12"),
                    "time" => new JValue("09:14:21.5"),
                    "duration" => new JValue("P1DT2H3M4.5S"),
                    "uuid" => new JValue("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                    "uri" => new JValue("https://example.com/a?b=c#" + propertyName),
                    "byte" => new JValue("UG9zdFByZXNz"),
                    _ => new JValue("s_" + propertyName),
                };
            default:
                throw new InvalidOperationException("unknown type " + main);
        }
    }

    /// <summary>Parses JSON leaving date-looking strings as strings.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static readonly Regex DateTimePattern = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$");

    /// <summary>JSON equality where two ISO date-times that denote the same instant are equal.</summary>
    public static bool SemanticEquals(JToken a, JToken b)
    {
        if (a is JValue va && b is JValue vb && va.Type == JTokenType.String && vb.Type == JTokenType.String)
        {
            var sa = (string)va!;
            var sb = (string)vb!;
            if (DateTimePattern.IsMatch(sa) && DateTimePattern.IsMatch(sb))
            {
                return DateTimeOffset.Parse(sa, CultureInfo.InvariantCulture) == DateTimeOffset.Parse(sb, CultureInfo.InvariantCulture);
            }

            return sa == sb;
        }

        if (a is JObject oa && b is JObject ob)
        {
            return oa.Count == ob.Count && oa.Properties().All(p => ob.TryGetValue(p.Name, out var other) && SemanticEquals(p.Value, other));
        }

        if (a is JArray aa && b is JArray ab)
        {
            return aa.Count == ab.Count && aa.Zip(ab).All(t => SemanticEquals(t.First, t.Second));
        }

        return JToken.DeepEquals(a, b);
    }
}
