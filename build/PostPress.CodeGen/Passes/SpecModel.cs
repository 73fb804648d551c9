using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// The normalised model: the canonical document (after inline schemas are named) plus what the spec → model passes
/// learnt about it (enums, unions, reference kinds, variant renames). The NSwag dialect passes and the emitters read it;
/// only the passes listed in <see cref="Transformer"/> write it.
/// </summary>
internal sealed class SpecModel
{
    public SpecModel(JsonObject document)
    {
        Document = document;
        Schemas = (document["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
        Flattener = new AllOfFlattener(this);
    }

    /// <summary>The canonical (OpenAPI 3.1) document; the inline-schema pass adds the components it names.</summary>
    public JsonObject Document { get; }

    /// <summary><c>#/components/schemas</c> of <see cref="Document"/>.</summary>
    public JsonObject Schemas { get; private set; }

    public Dictionary<string, EnumModel> Enums { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UnionModel> Unions { get; } = new(StringComparer.Ordinal);

    /// <summary>Components referenced by a plain <c>$ref</c> somewhere (not only as a union branch or allOf member).</summary>
    public HashSet<string> DirectRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Components referenced as allOf members (mixins).</summary>
    public HashSet<string> AllOfRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Component → union variant C# name, for variants used by exactly one union under another name.</summary>
    public Dictionary<string, string> RefRedirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Variant source components that must also be emitted stand-alone (shared, renamed everywhere, referenced directly).</summary>
    public HashSet<string> StandaloneVariantSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Components that are the source of at least one union variant.</summary>
    public HashSet<string> VariantSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Names given to inline schemas, by the JSON pointer of the inline schema's original location.</summary>
    public Dictionary<string, string> InlineNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Object components only reachable from error (non-2xx) responses: generated <c>internal</c>.</summary>
    public HashSet<string> InternalTypes { get; } = new(StringComparer.Ordinal);

    public AllOfFlattener Flattener { get; }

    /// <summary>The allOf-merged form of an object component (cached, do not mutate).</summary>
    public JsonObject GetFlat(string name) => Flattener.GetFlat(name);

    /// <summary>The component enums and the synthesized discriminator enums.</summary>
    public List<EnumModel> AllEnums()
    {
        var enums = Enums.Values.ToList();
        foreach (var union in Unions.Values)
        {
            if (union.DiscriminatorEnum is { Synthesized: true } synthesized)
            {
                enums.Add(synthesized);
            }
        }

        return enums;
    }

    /// <summary>
    /// The C# type (in the models' namespace, without a nullable annotation) that the generated code uses for the
    /// schema at a JSON pointer of the canonical document, e.g. <c>#/paths/~1accounts/get/responses/200/content/application~1json/schema</c>
    /// → <c>ListAccountsResponse</c>, <c>.../parameters/0/schema</c> → <c>LabelChatMode</c>, <c>#/components/schemas/Account</c>
    /// → <c>Account</c>. Pointers into inline schemas that <see cref="InlineSchemaNamingPass"/> named are followed into
    /// their component. Scalars map as NSwag maps them (<c>string</c>, <c>int</c>/<c>long</c>, <c>double</c>, <c>bool</c>,
    /// <c>System.DateTimeOffset</c> for date/date-time), arrays to <c>System.Collections.Generic.IList&lt;T&gt;</c>
    /// (NSwag's parameters use <c>IEnumerable&lt;T&gt;</c>), maps to <c>IDictionary&lt;string, T&gt;</c>, anything else to <c>object</c>.
    /// Whether the value may be null is <see cref="IsNullableAt"/>. For a single enum-typed parameter this is the
    /// extensible enum (what a public method should take); the internal NSwag client takes its <c>string</c> <c>Value</c>.
    /// </summary>
    /// <exception cref="SpecException">The pointer does not resolve to a schema.</exception>
    public string TypeNameAt(string pointer) => TypeOf(Resolve(pointer), pointer);

    /// <summary>Whether the schema at <paramref name="pointer"/> allows null (<c>type: [X, 'null']</c>, a null branch, a nullable enum or union).</summary>
    public bool IsNullableAt(string pointer)
    {
        var schema = Resolve(pointer);
        if (TypeIncludesNull(schema))
        {
            return true;
        }

        var target = StripNullBranch(schema);
        if (target != schema)
        {
            return true;
        }

        if (RefName(target) is string name)
        {
            return (Enums.TryGetValue(name, out var e) && e.Nullable) || (Unions.TryGetValue(name, out var u) && u.Nullable)
                || (Schemas[name] is JsonObject component && TypeIncludesNull(component));
        }

        return false;
    }

    /// <summary>The JSON pointer of the operation with this <c>operationId</c> (<c>#/paths/~1users~1me/get</c>).</summary>
    public string OperationPointer(string operationId)
    {
        foreach (var (path, item) in Document["paths"] as JsonObject ?? new JsonObject())
        {
            foreach (var (method, node) in item as JsonObject ?? new JsonObject())
            {
                if (node is JsonObject op && op["operationId"] is JsonValue v && v.TryGetValue(out string? id) && id == operationId)
                {
                    return $"#/paths/{InlineSchemaNamingPass.Escape(path)}/{method}";
                }
            }
        }

        throw new SpecException($"no operation has operationId '{operationId}'.");
    }

    /// <summary>The C# type of the first 2xx JSON response body of an operation, or null when it has none.</summary>
    public string? ResponseTypeName(string operationId) =>
        MediaSchemaPointer(OperationPointer(operationId), "responses", status => status.StartsWith('2')) is string p ? TypeNameAt(p) : null;

    /// <summary>The C# type of the JSON request body of an operation, or null when it has none.</summary>
    public string? RequestTypeName(string operationId) =>
        MediaSchemaPointer(OperationPointer(operationId), "requestBody", null) is string p ? TypeNameAt(p) : null;

    /// <summary>The C# type of an operation's parameter (operation-level or path-level) by its wire name.</summary>
    public string ParameterTypeName(string operationId, string parameterName)
    {
        string op = OperationPointer(operationId);
        foreach (string parametersPtr in new[] { op + "/parameters", op.Substring(0, op.LastIndexOf('/')) + "/parameters" })
        {
            if (TryResolve(parametersPtr) is JsonArray parameters)
            {
                for (int i = 0; i < parameters.Count; i++)
                {
                    var parameter = parameters[i] is JsonObject p && p["$ref"] is JsonValue r ? TryResolve(r.GetValue<string>()) as JsonObject : parameters[i] as JsonObject;
                    if (parameter?["name"]?.GetValue<string>() == parameterName)
                    {
                        return parameters[i]?["$ref"] is JsonValue pr ? TypeNameAt(pr.GetValue<string>() + "/schema") : TypeNameAt($"{parametersPtr}/{i}/schema");
                    }
                }
            }
        }

        throw new SpecException($"{op}: operation '{operationId}' has no parameter '{parameterName}'.");
    }

    private string? MediaSchemaPointer(string op, string section, Func<string, bool>? status)
    {
        if (section == "requestBody")
        {
            return FirstJson(op + "/requestBody");
        }

        foreach (var (code, _) in TryResolve(op + "/responses") as JsonObject ?? new JsonObject())
        {
            if (status!(code) && FirstJson($"{op}/responses/{code}") is string p)
            {
                return p;
            }
        }

        return null;

        string? FirstJson(string owner)
        {
            if (TryResolve(owner) is JsonObject o && o["$ref"] is JsonValue r)
            {
                owner = r.GetValue<string>();
            }

            foreach (var (mediaType, media) in TryResolve(owner + "/content") as JsonObject ?? new JsonObject())
            {
                if (mediaType.Contains("json", StringComparison.Ordinal) && media?["schema"] is not null)
                {
                    return $"{owner}/content/{InlineSchemaNamingPass.Escape(mediaType)}/schema";
                }
            }

            return null;
        }
    }

    private JsonObject Resolve(string pointer)
    {
        // A pointer into an inline schema that was moved to the components: follow it there (longest prefix first).
        foreach (var (origin, name) in InlineNames.OrderByDescending(p => p.Key.Length))
        {
            if (pointer == origin || pointer.StartsWith(origin + "/", StringComparison.Ordinal))
            {
                pointer = SchemaRefPrefix + name + pointer.Substring(origin.Length);
                break;
            }
        }

        string rest = pointer.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) ? pointer.Substring(SchemaRefPrefix.Length) : "/";
        if (!rest.Contains('/', StringComparison.Ordinal) && Schemas.ContainsKey(rest))
        {
            // A component itself: typed as a reference to it (a class, enum or union by its name).
            return new JsonObject { ["$ref"] = pointer };
        }

        return TryResolve(pointer) as JsonObject
            ?? (TryResolve(pointer) is JsonValue b && b.GetValueKind() == System.Text.Json.JsonValueKind.True ? new JsonObject() : null)
            ?? throw new SpecException($"{pointer}: no schema at this location.");
    }

    private JsonNode? TryResolve(string pointer)
    {
        if (!pointer.StartsWith('#'))
        {
            return null;
        }

        JsonNode? node = Document;
        foreach (string raw in pointer.Substring(1).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out int i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private string TypeOf(JsonObject schema, string ptr)
    {
        schema = StripNullBranch(schema);
        if (RefName(schema) is string name)
        {
            if (!Schemas.ContainsKey(name))
            {
                throw new SpecException($"{ptr}: $ref target '{name}' does not exist.");
            }

            name = RefRedirects.TryGetValue(name, out string? redirected) ? redirected : name;
            if (Enums.ContainsKey(name) || Unions.ContainsKey(name) || Schemas[name] is not JsonObject component)
            {
                return name;
            }

            // A component that is itself a scalar or an array (not generated as a class) is typed like its schema.
            bool isClass = component.ContainsKey("properties") || component.ContainsKey("allOf") || HasTypeName(component) is null or "object";
            return isClass ? name : TypeOf(component, SchemaRefPrefix + name);
        }

        if (schema["allOf"] is JsonArray { Count: 1 } single && single[0] is JsonObject only)
        {
            return TypeOf(only, ptr + "/allOf/0");
        }

        if (schema["enum"] is JsonArray || schema.ContainsKey("const"))
        {
            // Constants and enums that stayed inline (discriminators) travel as their scalar type.
            return HasTypeName(schema) switch { "integer" => "int", "number" => "double", "boolean" => "bool", _ => "string" };
        }

        string? format = schema["format"]?.GetValue<string>();
        return HasTypeName(schema) switch
        {
            // As build/nswag.json maps them (build/README.md, "Formats").
            "string" => format switch
            {
                "date-time" => "System.DateTimeOffset",
                "date" => "System.DateTime",
                "time" or "duration" => "System.TimeSpan",
                "uuid" => "System.Guid",
                "uri" => "System.Uri",
                "byte" => "byte[]",
                "binary" => "FileParameter",
                _ => "string",
            },
            "integer" => format == "int64" ? "long" : "int",
            "number" => format == "float" ? "float" : format == "decimal" ? "decimal" : "double",
            "boolean" => "bool",
            "array" => $"System.Collections.Generic.IList<{(schema["items"] is JsonObject items ? TypeOf(items, ptr + "/items") : "object")}>",
            _ when schema["additionalProperties"] is JsonObject values && !schema.ContainsKey("properties")
                => $"System.Collections.Generic.IDictionary<string, {TypeOf(values, ptr + "/additionalProperties")}>",
            _ => "object",
        };
    }

    private static string? RefName(JsonObject schema) =>
        schema["$ref"] is JsonValue v && v.TryGetValue(out string? r) && r.StartsWith(SchemaRefPrefix, StringComparison.Ordinal) ? r.Substring(SchemaRefPrefix.Length) : null;

    private static JsonObject StripNullBranch(JsonObject schema)
    {
        var branches = schema["oneOf"] as JsonArray ?? schema["anyOf"] as JsonArray;
        if (branches is not null)
        {
            var nonNull = branches.OfType<JsonObject>().Where(b => !IsNullSchema(b)).ToList();
            if (nonNull.Count == 1 && nonNull.Count != branches.Count)
            {
                return nonNull[0];
            }
        }

        return schema;
    }

    private static string? HasTypeName(JsonObject schema) => schema["type"] switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not null and not "null"),
        _ => null,
    };

    private static bool TypeIncludesNull(JsonObject schema) =>
        schema["type"] is JsonArray a && a.Any(t => t?.GetValue<string>() == "null") || schema["nullable"]?.GetValue<bool>() == true
        || (schema["enum"] is JsonArray values && values.Any(v => v is null));

    /// <summary>Re-reads <c>#/components/schemas</c> (after a pass created it).</summary>
    public void RefreshSchemas() =>
        Schemas = (Document["components"] as JsonObject)?["schemas"] as JsonObject ?? new JsonObject();
}
