using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.OpenApi.Tests;

/// <summary>One example of the document and the schema it must satisfy.</summary>
/// <param name="Id">Readable, unique name: where the example is used (operation, status, media type, example name).</param>
/// <param name="ExamplePointer">JSON Pointer of the example value in the document.</param>
/// <param name="SchemaPointer">JSON Pointer of the schema the example must be valid against.</param>
public sealed record ExampleCase(string Id, string ExamplePointer, JsonNode? Value, string SchemaPointer);

/// <summary>
/// Finds every example in the document by walking it: <c>example</c>/<c>examples</c> of media types (request bodies,
/// responses), of parameters and of headers, wherever they are declared (inline or as <c>components/*</c> reached by
/// <c>$ref</c>, with <c>components/examples</c> references resolved), and the <c>examples</c> (and deprecated
/// <c>example</c>) keyword of every schema, inline or in <c>components/schemas</c>.
/// </summary>
public sealed class ExampleCatalog
{
    private static readonly Lazy<ExampleCatalog> LazyInstance = new(() => new ExampleCatalog(SpecDocument.Instance));

    /// <summary>Keywords whose value is a schema.</summary>
    private static readonly string[] SchemaKeywords =
        ["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"];

    /// <summary>Keywords whose value is an array of schemas.</summary>
    private static readonly string[] SchemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];

    /// <summary>Keywords whose value is a map of schemas.</summary>
    private static readonly string[] SchemaMapKeywords = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

    private readonly SpecDocument _spec;
    private readonly Dictionary<string, ExampleCase> _cases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visitedHolders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visitedSchemas = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public ExampleCatalog(SpecDocument spec)
    {
        _spec = spec;
        Collect();
    }

    public static ExampleCatalog Instance => LazyInstance.Value;

    public IReadOnlyDictionary<string, ExampleCase> Cases => _cases;

    /// <summary>Examples that cannot be checked (e.g. an example without a schema, an <c>externalValue</c>).</summary>
    public IReadOnlyList<string> Problems => _problems;

    private void Collect()
    {
        foreach (var op in _spec.Operations())
        {
            var parameters = new List<(JsonNode? Node, string Pointer)>();
            if (op.PathItem["parameters"] is JsonArray pathParameters)
            {
                parameters.AddRange(pathParameters.Select((p, i) => (p, SpecDocument.Append(op.PathItemPointer, "parameters", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }

            if (op.Operation["parameters"] is JsonArray opParameters)
            {
                parameters.AddRange(opParameters.Select((p, i) => (p, SpecDocument.Append(op.Pointer, "parameters", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }

            foreach (var (node, pointer) in parameters)
            {
                if (node is JsonObject parameter)
                {
                    var (resolved, resolvedPointer) = _spec.Resolve(parameter, pointer);
                    VisitParameterOrHeader(resolved, resolvedPointer, $"{op.Label} > parameter {resolved["in"]}:{resolved["name"]}", op.Label);
                }
            }

            if (op.Operation["requestBody"] is JsonObject requestBody)
            {
                var (resolved, resolvedPointer) = _spec.Resolve(requestBody, SpecDocument.Append(op.Pointer, "requestBody"));
                VisitContent(resolved, resolvedPointer, $"{op.Label} > request body", op.Label);
            }

            if (op.Operation["responses"] is JsonObject responses)
            {
                foreach (var (status, responseNode) in responses)
                {
                    if (responseNode is JsonObject response)
                    {
                        var (resolved, resolvedPointer) = _spec.Resolve(response, SpecDocument.Append(op.Pointer, "responses", status));
                        VisitResponse(resolved, resolvedPointer, $"{op.Label} > {status}", op.Label);
                    }
                }
            }
        }

        // Components that no operation uses (or that were not reached above) are still checked.
        VisitComponents("parameters", (node, pointer, label) => VisitParameterOrHeader(node, pointer, label, label));
        VisitComponents("headers", (node, pointer, label) => VisitParameterOrHeader(node, pointer, label, label));
        VisitComponents("requestBodies", (node, pointer, label) => VisitContent(node, pointer, label, label));
        VisitComponents("responses", (node, pointer, label) => VisitResponse(node, pointer, label, label));

        if (_spec.Section("schemas") is { } schemas)
        {
            foreach (var (name, schema) in schemas)
            {
                VisitSchema(schema, SpecDocument.Pointer("components", "schemas", name));
            }
        }
    }

    private void VisitComponents(string type, Action<JsonObject, string, string> visit)
    {
        if (_spec.Section(type) is not { } section)
        {
            return;
        }

        foreach (var (name, node) in section)
        {
            if (node is JsonObject obj)
            {
                var (resolved, pointer) = _spec.Resolve(obj, SpecDocument.Pointer("components", type, name));
                visit(resolved, pointer, $"components/{type}/{name}");
            }
        }
    }

    /// <summary>A label for a holder: the usage label when it is inline, the component name when it was reached through a $ref.</summary>
    private static string LabelFor(string resolvedPointer, string inlineLabel, string usage) =>
        resolvedPointer.StartsWith("/components/", StringComparison.Ordinal) && !inlineLabel.StartsWith("components/", StringComparison.Ordinal)
            ? $"{resolvedPointer.TrimStart('/').Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)} (first used by {usage})"
            : inlineLabel;

    private void VisitResponse(JsonObject response, string pointer, string label, string usage)
    {
        label = LabelFor(pointer, label, usage);
        VisitContent(response, pointer, label, usage);
        if (response["headers"] is JsonObject headers)
        {
            foreach (var (name, headerNode) in headers)
            {
                if (headerNode is JsonObject header)
                {
                    var (resolved, resolvedPointer) = _spec.Resolve(header, SpecDocument.Append(pointer, "headers", name));
                    VisitParameterOrHeader(resolved, resolvedPointer, $"{label} > header {name}", usage);
                }
            }
        }
    }

    private void VisitContent(JsonObject holder, string pointer, string label, string usage)
    {
        if (holder["content"] is not JsonObject content)
        {
            return;
        }

        foreach (var (mediaType, mediaNode) in content)
        {
            if (mediaNode is JsonObject media)
            {
                var mediaPointer = SpecDocument.Append(pointer, "content", mediaType);
                VisitExampleHolder(media, mediaPointer, $"{LabelFor(pointer, label, usage)} > {mediaType}");
            }
        }
    }

    private void VisitParameterOrHeader(JsonObject holder, string pointer, string label, string usage)
    {
        label = LabelFor(pointer, label, usage);
        VisitExampleHolder(holder, pointer, label);
        VisitContent(holder, pointer, label, usage);
    }

    /// <summary>A media type, parameter or header: validates its <c>example</c>/<c>examples</c> against its <c>schema</c>.</summary>
    private void VisitExampleHolder(JsonObject holder, string pointer, string label)
    {
        if (!_visitedHolders.Add(pointer))
        {
            return;
        }

        var hasSchema = holder.ContainsKey("schema");
        var schemaPointer = SpecDocument.Append(pointer, "schema");
        if (hasSchema)
        {
            VisitSchema(holder["schema"], schemaPointer);
        }

        if (holder.ContainsKey("example"))
        {
            Add($"{label} > example", SpecDocument.Append(pointer, "example"), holder["example"], hasSchema ? schemaPointer : null);
        }

        if (holder["examples"] is JsonObject examples)
        {
            foreach (var (name, exampleNode) in examples)
            {
                if (exampleNode is not JsonObject example)
                {
                    _problems.Add($"{label} > examples/{name}: not an Example Object");
                    continue;
                }

                var (resolved, resolvedPointer) = _spec.Resolve(example, SpecDocument.Append(pointer, "examples", name));
                var via = resolvedPointer.StartsWith("/components/examples/", StringComparison.Ordinal)
                    ? $" ($ref {resolvedPointer.TrimStart('/')})"
                    : string.Empty;
                if (resolved.ContainsKey("value"))
                {
                    Add($"{label} > examples/{name}{via}", SpecDocument.Append(resolvedPointer, "value"), resolved["value"], hasSchema ? schemaPointer : null);
                }
                else if (resolved.ContainsKey("externalValue"))
                {
                    _problems.Add($"{label} > examples/{name}{via}: externalValue examples cannot be validated");
                }
                else
                {
                    _problems.Add($"{label} > examples/{name}{via}: Example Object has no value");
                }
            }
        }
        else if (holder.ContainsKey("examples"))
        {
            _problems.Add($"{label} > examples: must be a map of Example Objects");
        }
    }

    private void Add(string id, string examplePointer, JsonNode? value, string? schemaPointer)
    {
        if (schemaPointer is null)
        {
            _problems.Add($"{id}: example has no schema to be validated against");
            return;
        }

        var unique = id;
        for (var n = 2; _cases.ContainsKey(unique); n++)
        {
            unique = $"{id} #{n}";
        }

        _cases.Add(unique, new ExampleCase(unique, examplePointer, value, schemaPointer));
    }

    /// <summary>Walks a schema and its subschemas, adding its <c>examples</c> items (and deprecated <c>example</c>).</summary>
    private void VisitSchema(JsonNode? node, string pointer)
    {
        if (node is not JsonObject schema || !_visitedSchemas.Add(pointer))
        {
            return;
        }

        var label = $"schema {pointer.TrimStart('/').Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)}";
        if (schema["examples"] is JsonArray examples)
        {
            for (var i = 0; i < examples.Count; i++)
            {
                var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Add($"{label} > examples[{index}]", SpecDocument.Append(pointer, "examples", index), examples[i], pointer);
            }
        }
        else if (schema.ContainsKey("examples"))
        {
            _problems.Add($"{label} > examples: must be an array in a schema (JSON Schema 2020-12)");
        }

        if (schema.ContainsKey("example"))
        {
            Add($"{label} > example", SpecDocument.Append(pointer, "example"), schema["example"], pointer);
        }

        foreach (var keyword in SchemaKeywords)
        {
            VisitSchema(schema[keyword], SpecDocument.Append(pointer, keyword));
        }

        foreach (var keyword in SchemaArrayKeywords)
        {
            if (schema[keyword] is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    VisitSchema(array[i], SpecDocument.Append(pointer, keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        foreach (var keyword in SchemaMapKeywords)
        {
            if (schema[keyword] is JsonObject map)
            {
                foreach (var (name, sub) in map)
                {
                    VisitSchema(sub, SpecDocument.Append(pointer, keyword, name));
                }
            }
        }
    }
}
