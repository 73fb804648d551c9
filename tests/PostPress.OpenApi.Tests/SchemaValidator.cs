using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PostPress.Testing.Internal;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// The spec tests' view of <see cref="DocumentSchemaValidator"/> (the sandbox's validator, linked from
/// src/PostPress.Testing/Internal/JsonSchemaSupport.cs, so both judge a value the same way) over the document under
/// <see cref="SpecDocument.BaseUri"/>: errors as readable lines, an unknown pointer refused.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> LazyInstance = new(() => new SchemaValidator(SpecDocument.Instance));

    private readonly SpecDocument _spec;
    private readonly DocumentSchemaValidator _validator;

    public SchemaValidator(SpecDocument spec)
    {
        _spec = spec;
        _validator = new DocumentSchemaValidator(spec.Root, spec.RootElement, SpecDocument.BaseUri);
    }

    public static SchemaValidator Instance => LazyInstance.Value;

    /// <summary>Formats used in the document that neither JSON Schema nor the OpenAPI format registry define.</summary>
    public IReadOnlyCollection<string> UnvalidatedFormats => _validator.UnvalidatedFormats;

    /// <summary>Validates <paramref name="instance"/> against the schema at <paramref name="schemaPointer"/>; returns the errors (empty when valid).</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance, string schemaPointer)
    {
        if (!_spec.TryAt(schemaPointer, out var target) || target is not (JsonObject or JsonValue))
        {
            throw new InvalidOperationException($"No schema at '{schemaPointer}'.");
        }

        return _validator.Validate(instance, schemaPointer)
            .Select(e => $"instance '{e.InstanceLocation}' (schema path '{e.EvaluationPath}', keyword '{e.Keyword}'): {e.Message}")
            .ToList();
    }

    internal static string Describe(IEnumerable<string> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => "  - " + e));
}
