using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
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

    /// <summary>
    /// The formats whose wire form the SDK defines more narrowly than JSON Schema (README, "Adding an operation"), checked
    /// the SDK's way so the sandbox accepts exactly what the SDK writes: <c>time</c> is a time of day without offset
    /// (<c>HH:MM:SS[.f…]</c>, RFC 3339 partial-time, as <c>TimeSpan</c>), <c>duration</c> has no years, months or weeks
    /// (<c>[-]PnDTnHnMn[.f…]S</c>, as <c>TimeSpan</c>).
    /// </summary>
    public static IEnumerable<Format> SdkFormats()
    {
        yield return new PredicateFormat("time", e => e.ValueKind != JsonValueKind.String || TimeOfDay.IsMatch(e.GetString()!));
        yield return new PredicateFormat("duration", e => e.ValueKind != JsonValueKind.String || Duration.IsMatch(e.GetString()!));
    }

    private static readonly System.Text.RegularExpressions.Regex TimeOfDay = new(
        @"^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,7})?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex Duration = new(
        @"^-?P(?=[0-9T])(?:[0-9]{1,18}D)?(?:T(?=[0-9])(?:[0-9]{1,18}H)?(?:[0-9]{1,18}M)?(?:[0-9]{1,18}(?:\.[0-9]{1,7})?S)?)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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

/// <summary>
/// Validates JSON instances against schemas of an OpenAPI document with JsonSchema.Net (draft 2020-12, OpenAPI 3.1's
/// dialect). The document is registered as a base document, so a schema is built as
/// <c>{"$ref": "&lt;base&gt;#/pointer"}</c> and its <c>#/components/...</c> references resolve against the document itself.
/// Unknown keywords (<c>discriminator</c>, <c>example</c>, <c>x-*</c>) are ignored by the dialect; <c>format</c> is
/// asserted, with the OpenAPI formats registered and formats nobody defines accepted (<see cref="UnvalidatedFormats"/>).
/// One implementation for the sandbox's request validation and the spec tests (this file is linked into
/// tests/PostPress.OpenApi.Tests). Reflection-free, like the rest of the sandbox.
/// </summary>
internal sealed class DocumentSchemaValidator
{
    private readonly Uri _baseUri;
    private readonly BuildOptions _buildOptions;
    private readonly EvaluationOptions _evaluationOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly object _buildLock = new();

    /// <summary>Initializes a new instance of the <see cref="DocumentSchemaValidator"/> class.</summary>
    /// <param name="root">The document.</param>
    /// <param name="rootElement">The same document as a <see cref="JsonElement"/>.</param>
    /// <param name="baseUri">The URI the document is registered under (unique per validator).</param>
    public DocumentSchemaValidator(JsonNode root, JsonElement rootElement, Uri baseUri)
    {
        _baseUri = baseUri;
        var registry = new SchemaRegistry();
        registry.Register(baseUri, new JsonElementBaseDocument(rootElement, baseUri));
        _buildOptions = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft202012 };

        var formats = new FormatRegistry();
        foreach (var format in JsonSchemaSupport.OpenApiFormats().Concat(JsonSchemaSupport.SdkFormats()))
        {
            formats.Register(format);
        }

        var unvalidated = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in JsonSchemaSupport.FormatsUsedIn(root))
        {
            if (FormatRegistry.Global.Get(name) is UnknownFormat && JsonSchemaSupport.OpenApiFormats().All(f => f.Key != name))
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

    /// <summary>Gets the formats used in the document that neither JSON Schema nor the OpenAPI format registry define.</summary>
    public IReadOnlyCollection<string> UnvalidatedFormats { get; }

    /// <summary>The URI fragment of a JSON Pointer (each segment URI-escaped).</summary>
    /// <param name="pointer">The pointer (<c>/components/schemas/Account</c>).</param>
    /// <returns>The fragment (<c>#/components/schemas/Account</c>).</returns>
    public static string ToUriFragment(string pointer) => "#" + string.Join("/", pointer.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Validates <paramref name="instance"/> against the schema at <paramref name="schemaPointer"/>.</summary>
    /// <param name="instance">The instance (null for JSON <c>null</c>).</param>
    /// <param name="schemaPointer">The schema's JSON Pointer in the document.</param>
    /// <returns>The errors, empty when valid.</returns>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance, string schemaPointer)
    {
        var schema = _schemas.GetOrAdd(schemaPointer, Build);
        var results = schema.Evaluate(ToElement(instance), _evaluationOptions);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<SchemaError>();
        foreach (var detail in JsonSchemaSupport.Flatten(results))
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                errors.Add(new SchemaError(detail.InstanceLocation.ToString(), detail.EvaluationPath.ToString(), keyword, message));
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new SchemaError(string.Empty, string.Empty, string.Empty, "does not match the schema"));
        }

        return errors;
    }

    private static JsonElement ToElement(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private JsonSchema Build(string schemaPointer)
    {
        var reference = JsonDocument.Parse("{\"$ref\":\"" + JsonEncodedText.Encode(_baseUri + ToUriFragment(schemaPointer)) + "\"}").RootElement;
        var wrapperUri = new Uri($"{_baseUri.GetLeftPart(UriPartial.Authority)}/validation/{Guid.NewGuid():N}");

        // JsonSchema.Net registers every built schema in the registry: building is serialized.
        lock (_buildLock)
        {
            return JsonSchema.Build(reference, _buildOptions, wrapperUri);
        }
    }
}

/// <summary>One validation failure: where in the instance, where in the schema, which keyword, and JsonSchema.Net's message.</summary>
/// <param name="InstanceLocation">The failing value's JSON Pointer in the instance.</param>
/// <param name="EvaluationPath">The path through the schema that failed.</param>
/// <param name="Keyword">The failing keyword.</param>
/// <param name="Message">JsonSchema.Net's message.</param>
internal sealed record SchemaError(string InstanceLocation, string EvaluationPath, string Keyword, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => (InstanceLocation.Length == 0 ? "(root)" : InstanceLocation) + ": " + Message;
}
