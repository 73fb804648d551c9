using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using static PostPress.Testing.Internal.JsonSchemaSupport;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// Validates JSON instances against schemas of the OpenAPI document with JsonSchema.Net (draft 2020-12, the dialect of
/// OpenAPI 3.1). The whole document is registered as a base document under <see cref="SpecDocument.BaseUri"/>, so a
/// schema is addressed as <c>{ "$ref": "&lt;uri&gt;#/json/pointer" }</c> and every <c>#/components/schemas/...</c> reference
/// inside it resolves against the document itself. Unknown keywords (<c>discriminator</c>, <c>example</c>, <c>x-*</c>, ...)
/// are ignored by the 2020-12 dialect, <c>format</c> is asserted (OpenAPI's own formats are registered; formats nobody
/// knows are accepted and listed in <see cref="UnvalidatedFormats"/>).
/// </summary>
public sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> LazyInstance = new(() => new SchemaValidator(SpecDocument.Instance));

    private readonly SpecDocument _spec;
    private readonly BuildOptions _buildOptions;
    private readonly EvaluationOptions _evaluationOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly object _buildLock = new();

    public SchemaValidator(SpecDocument spec)
    {
        _spec = spec;
        var registry = new SchemaRegistry();
        registry.Register(SpecDocument.BaseUri, new JsonElementBaseDocument(spec.RootElement, SpecDocument.BaseUri));
        _buildOptions = new BuildOptions
        {
            SchemaRegistry = registry,
            Dialect = Dialect.Draft202012,
        };

        var formats = new FormatRegistry();
        foreach (var format in OpenApiFormats())
        {
            formats.Register(format);
        }

        var unvalidated = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in FormatsUsedIn(spec.Root))
        {
            if (FormatRegistry.Global.Get(name) is UnknownFormat && OpenApiFormats().All(f => f.Key != name))
            {
                formats.Register(new PredicateFormat(name, _ => true));
                unvalidated.Add(name);
            }
        }

        UnvalidatedFormats = unvalidated;
        _evaluationOptions = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
            FormatRegistry = formats,
        };
    }

    public static SchemaValidator Instance => LazyInstance.Value;

    /// <summary>Formats used in the document that neither JSON Schema nor the OpenAPI format registry define.</summary>
    public IReadOnlyCollection<string> UnvalidatedFormats { get; }

    /// <summary>Validates <paramref name="instance"/> against the schema at <paramref name="schemaPointer"/>; returns the errors (empty when valid).</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance, string schemaPointer)
    {
        var schema = _schemas.GetOrAdd(schemaPointer, Build);
        var element = JsonSerializer.SerializeToElement(instance);
        var results = schema.Evaluate(element, _evaluationOptions);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var detail in Flatten(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                errors.Add($"instance '{detail.InstanceLocation}' (schema path '{detail.EvaluationPath}', keyword '{keyword}'): {message}");
            }
        }

        if (errors.Count == 0)
        {
            errors.Add("invalid (JsonSchema.Net gave no detail)");
        }

        return errors;
    }

    private JsonSchema Build(string schemaPointer)
    {
        if (!_spec.TryAt(schemaPointer, out var target) || target is not (JsonObject or JsonValue))
        {
            throw new InvalidOperationException($"No schema at '{schemaPointer}'.");
        }

        var reference = new JsonObject { ["$ref"] = SpecDocument.BaseUri + SpecDocument.ToUriFragment(schemaPointer) };
        var wrapperUri = new Uri($"https://postpress.invalid/validation/{Guid.NewGuid():N}");

        // JsonSchema.Net registers every built schema in the registry; serialize building.
        lock (_buildLock)
        {
            return JsonSchema.Build(JsonSerializer.SerializeToElement(reference), _buildOptions, wrapperUri);
        }
    }

    internal static string Describe(IEnumerable<string> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
