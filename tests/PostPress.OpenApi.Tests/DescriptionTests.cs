using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// Property descriptions are the pages' own words (decision 15 of the document's description): the two forms that
/// restate something the document also carries in structured form must agree with it, so that a changed constant or a
/// changed example cannot leave a stale description behind. Each test lists every violation it finds.
/// </summary>
public sealed partial class DescriptionTests
{
    private static SpecDocument Spec => SpecDocument.Instance;

    /// <summary>"Always `X`." is written on a property whose <c>const</c> is exactly X.</summary>
    [Fact]
    public void An_Always_description_names_the_properties_const()
    {
        var violations = new List<string>();
        var found = 0;
        foreach (var (name, property, pointer) in Properties())
        {
            if (DescriptionOf(property) is not { } description || AlwaysRegex().Match(description) is not { Success: true } match)
            {
                continue;
            }

            found++;
            if (property["const"] is not JsonValue constant || constant.GetValueKind() != JsonValueKind.String
                || constant.GetValue<string>() != match.Groups["value"].Value)
            {
                violations.Add($"{pointer} ({name}): described as always '{match.Groups["value"].Value}' but its const is {property["const"]?.ToJsonString() ?? "missing"}");
            }
        }

        Assert.True(found > 0, "No 'Always `X`.' description found: the test would check nothing.");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>
    /// "Example: `v`." quotes a page's example response: the same property name carries the value <c>v</c> in one of the
    /// document's transcribed examples (operation examples and request bodies).
    /// </summary>
    [Fact]
    public void An_Example_description_quotes_a_value_of_the_documents_examples()
    {
        var exampleValues = new HashSet<(string Property, string Value)>();
        foreach (var example in ExampleValues(Spec.Root["paths"], inExample: false))
        {
            exampleValues.Add(example);
        }

        var violations = new List<string>();
        var found = 0;
        foreach (var (name, property, pointer) in Properties())
        {
            if (DescriptionOf(property) is not { } description || ExampleRegex().Match(description) is not { Success: true } match)
            {
                continue;
            }

            found++;
            var value = match.Groups["value"].Value;
            if (!exampleValues.Contains((name, value)))
            {
                violations.Add($"{pointer}: described with example '{value}', but no example in the document has \"{name}\": \"{value}\"");
            }
        }

        Assert.True(found > 0, "No 'Example: `v`.' description found: the test would check nothing.");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>
    /// The discriminator property of every variant of a union carries the same description (or none): it documents the
    /// union's property, which generators put on the union's base type (the C# SDK takes it from the first variant).
    /// </summary>
    [Fact]
    public void A_discriminator_property_is_described_alike_in_every_variant()
    {
        var violations = new List<string>();
        var unions = 0;
        foreach (var (unionName, union) in Spec.Section("schemas")!)
        {
            if (union is not JsonObject schema || schema["discriminator"]?["propertyName"]?.GetValue<string>() is not { } discriminator
                || schema["oneOf"] is not JsonArray oneOf)
            {
                continue;
            }

            unions++;
            var descriptions = oneOf
                .Select(member => member?["$ref"]?.GetValue<string>())
                .OfType<string>()
                .Select(reference => (Variant: reference, Description: DiscriminatorDescription(reference, discriminator)))
                .ToList();
            if (descriptions.Select(d => d.Description).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                violations.Add($"{unionName}.{discriminator}: " + string.Join("; ", descriptions.Select(d => $"{d.Variant} -> {d.Description ?? "(none)"}")));
            }
        }

        Assert.True(unions > 0, "No discriminated union found.");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [GeneratedRegex(@"^Always `(?<value>[^`]+)`\.$")]
    private static partial Regex AlwaysRegex();

    [GeneratedRegex(@"^Example: `(?<value>[^`]+)`\.$")]
    private static partial Regex ExampleRegex();

    private static string? DescriptionOf(JsonObject schema) =>
        schema["description"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : null;

    /// <summary>The description of <paramref name="property"/> in a variant (its own properties or its allOf members).</summary>
    private static string? DiscriminatorDescription(string reference, string property)
    {
        var variant = (JsonObject)Spec.At(SpecDocument.RefToPointer(reference))!;
        var members = new List<JsonObject> { variant };
        if (variant["allOf"] is JsonArray allOf)
        {
            members.AddRange(allOf.OfType<JsonObject>().Where(m => m["$ref"] is null));
        }

        return members
            .Select(m => m["properties"]?[property] as JsonObject)
            .OfType<JsonObject>()
            .Select(DescriptionOf)
            .FirstOrDefault(d => d is not null);
    }

    /// <summary>Every property schema of the component schemas (walked through properties, items and allOf/oneOf/anyOf).</summary>
    private static IEnumerable<(string Name, JsonObject Property, string Pointer)> Properties()
    {
        var results = new List<(string, JsonObject, string)>();
        foreach (var (name, schema) in Spec.Section("schemas")!)
        {
            Walk(schema, SpecDocument.Pointer("components", "schemas", name), results);
        }

        return results;

        static void Walk(JsonNode? node, string pointer, List<(string, JsonObject, string)> results)
        {
            if (node is not JsonObject schema)
            {
                return;
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    var propertyPointer = SpecDocument.Append(pointer, "properties", name);
                    if (property is JsonObject obj)
                    {
                        results.Add((name, obj, propertyPointer));
                    }

                    Walk(property, propertyPointer, results);
                }
            }

            Walk(schema["items"], SpecDocument.Append(pointer, "items"), results);
            foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
            {
                if (schema[keyword] is JsonArray members)
                {
                    for (var i = 0; i < members.Count; i++)
                    {
                        Walk(members[i], SpecDocument.Append(pointer, keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results);
                    }
                }
            }
        }
    }

    /// <summary>(property name, string value) pairs found inside every <c>example</c>/<c>examples[*].value</c> under <paramref name="node"/>.</summary>
    private static IEnumerable<(string Property, string Value)> ExampleValues(JsonNode? node, bool inExample)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (inExample)
                    {
                        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
                        {
                            yield return (key, scalar.GetValue<string>());
                        }

                        foreach (var pair in ExampleValues(value, inExample: true))
                        {
                            yield return pair;
                        }
                    }
                    else
                    {
                        foreach (var pair in ExampleValues(value, inExample: key is "example" or "examples"))
                        {
                            yield return pair;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (inExample && item is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
                    {
                        // An array of strings: the values of the property that holds the array are found by the parent.
                        continue;
                    }

                    foreach (var pair in ExampleValues(item, inExample))
                    {
                        yield return pair;
                    }
                }

                break;
        }
    }
}
