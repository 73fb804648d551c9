using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

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

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
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

    private static IEnumerable<string> FormatsUsedIn(JsonNode? node)
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

    /// <summary>The formats of the OpenAPI Format Registry that JSON Schema itself does not define.</summary>
    private static IEnumerable<Format> OpenApiFormats()
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

    private static bool IsBase64(string value)
    {
        var buffer = new byte[((value.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    internal static string Describe(IEnumerable<string> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
