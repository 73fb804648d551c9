using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using static PostPress.Testing.Internal.JsonSchemaSupport;

namespace PostPress.Testing.Internal;

/// <summary>
/// Validates JSON instances against schemas of the OpenAPI document with JsonSchema.Net (draft 2020-12, OpenAPI 3.1's
/// dialect). The document is registered as a base document, so a schema is built as <c>{"$ref": "&lt;base&gt;#/pointer"}</c>
/// and its <c>#/components/...</c> references resolve against the document itself.
/// </summary>
internal sealed class SpecSchemaValidator
{
    private readonly Uri _baseUri = new($"https://sandbox.postpress.invalid/{Guid.NewGuid():N}/openapi.json");
    private readonly BuildOptions _buildOptions;
    private readonly EvaluationOptions _evaluationOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly object _buildLock = new();

    public SpecSchemaValidator(OpenApiModel model)
    {
        var rootElement = JsonSerializer.SerializeToElement(model.Root, SandboxJsonContext.Default.JsonObject);
        var registry = new SchemaRegistry();
        registry.Register(_baseUri, new JsonElementBaseDocument(rootElement, _baseUri));
        _buildOptions = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft202012 };

        var formats = new FormatRegistry();
        foreach (var format in OpenApiFormats())
        {
            formats.Register(format);
        }

        foreach (var name in FormatsUsedIn(model.Root).Distinct(StringComparer.Ordinal))
        {
            if (FormatRegistry.Global.Get(name) is UnknownFormat && OpenApiFormats().All(f => f.Key != name))
            {
                formats.Register(new PredicateFormat(name, _ => true));
            }
        }

        _evaluationOptions = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
            FormatRegistry = formats,
        };
    }

    /// <summary>Validates <paramref name="instance"/> against the schema at <paramref name="schemaPointer"/>; returns the errors (empty when valid).</summary>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance, string schemaPointer)
    {
        var schema = _schemas.GetOrAdd(schemaPointer, Build);
        var element = instance is null
            ? JsonDocument.Parse("null").RootElement
            : JsonSerializer.SerializeToElement(instance, SandboxJsonContext.Default.JsonNode);
        var results = schema.Evaluate(element, _evaluationOptions);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<SchemaError>();
        foreach (var detail in Flatten(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                errors.Add(new SchemaError(detail.InstanceLocation.ToString(), keyword, message));
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new SchemaError(string.Empty, string.Empty, "does not match the schema"));
        }

        return errors;
    }

    private JsonSchema Build(string schemaPointer)
    {
        var reference = new JsonObject { ["$ref"] = _baseUri + OpenApiModel.ToUriFragment(schemaPointer) };
        var wrapperUri = new Uri($"https://sandbox.postpress.invalid/validation/{Guid.NewGuid():N}");
        lock (_buildLock)
        {
            return JsonSchema.Build(JsonSerializer.SerializeToElement(reference, SandboxJsonContext.Default.JsonObject), _buildOptions, wrapperUri);
        }
    }
}

/// <summary>One validation failure: where in the instance, which keyword, and JsonSchema.Net's message.</summary>
internal sealed record SchemaError(string InstanceLocation, string Keyword, string Message)
{
    public override string ToString() => (InstanceLocation.Length == 0 ? "(root)" : InstanceLocation) + ": " + Message;
}
