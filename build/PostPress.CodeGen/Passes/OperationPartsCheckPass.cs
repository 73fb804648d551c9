using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PostPress.CodeGen.SchemaFacts;

namespace PostPress.CodeGen;

/// <summary>
/// Checks <c>paths</c> and the operation parts of <c>components</c> (parameters, request bodies, responses, headers):
/// every key is one the generator understands and every schema written there passes <see cref="SchemaNormalizer"/>, so
/// nothing in an operation is silently dropped. It writes nothing: NSwag generates only the models, from
/// <c>components.schemas</c>, and its output is the same with or without the operations (this pass was
/// <c>PathsDialectPass</c>, which rewrote them into the NSwag document; see build/README.md, "The passes"). The
/// operations themselves are read by <see cref="OperationSurfaceBuilder"/>.
/// </summary>
internal sealed class OperationPartsCheckPass
{
    private readonly SpecModel _m;
    private readonly SchemaNormalizer _n;

    public OperationPartsCheckPass(SpecModel model, SchemaNormalizer normalizer)
    {
        _m = model;
        _n = normalizer;
    }

    public void CheckPaths(JsonObject paths)
    {
        foreach (var (path, node) in paths)
        {
            string ptr = "#/paths/" + path.Replace("~", "~0").Replace("/", "~1");
            var item = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
            foreach (var (key, value) in item)
            {
                if (HttpMethods.Contains(key))
                {
                    CheckOperation(value as JsonObject ?? throw new SpecException($"{ptr}/{key}: expected an object."), $"{ptr}/{key}");
                }
                else if (key == "parameters")
                {
                    CheckParameters(value, $"{ptr}/parameters");
                }
                else if (key is not ("summary" or "description" or "servers") && !key.StartsWith("x-", StringComparison.Ordinal))
                {
                    throw new SpecException($"{ptr}: '{key}' is not supported on a path item.");
                }
            }
        }
    }

    private void CheckOperation(JsonObject operation, string ptr)
    {
        foreach (var (key, value) in operation)
        {
            switch (key)
            {
                case "parameters":
                    CheckParameters(value, ptr + "/parameters");
                    break;
                case "requestBody":
                    CheckRequestBody(value, ptr + "/requestBody");
                    break;
                case "responses":
                    foreach (var (status, response) in value as JsonObject ?? throw new SpecException($"{ptr}/responses must be an object."))
                    {
                        CheckResponse(response, $"{ptr}/responses/{status}");
                    }

                    break;
                case "tags" or "summary" or "description" or "operationId" or "externalDocs" or "deprecated" or "security" or "servers":
                    break;
                default:
                    if (!key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        throw new SpecException($"{ptr}: '{key}' is not supported on an operation.");
                    }

                    break;
            }
        }
    }

    private void CheckParameters(JsonNode? parameters, string ptr)
    {
        var array = parameters as JsonArray ?? throw new SpecException($"{ptr} must be an array.");
        for (int i = 0; i < array.Count; i++)
        {
            CheckParameter(array[i], $"{ptr}/{i}");
        }
    }

    public void CheckParameter(JsonNode? node, string ptr)
    {
        var parameter = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (parameter.ContainsKey("$ref"))
        {
            return;
        }

        if (parameter.ContainsKey("content"))
        {
            throw new SpecException($"{ptr}: parameters with 'content' are not supported; use 'schema'.");
        }

        if (parameter.TryGetPropertyValue("schema", out var schema))
        {
            CheckParameterSchema(schema, ptr + "/schema");
        }
    }

    private void CheckParameterSchema(JsonNode? schema, string ptr)
    {
        // A reference to an extensible enum is typed by the operations pass (the enum, its Value on the wire).
        if (schema is JsonObject obj && obj["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference)
            && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            && _m.Enums.ContainsKey(reference.Substring(SchemaRefPrefix.Length)))
        {
            return;
        }

        _n.Normalize(schema, ptr, inSchema: false);
    }

    public void CheckRequestBody(JsonNode? node, string ptr)
    {
        var body = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (!body.ContainsKey("$ref") && body.TryGetPropertyValue("content", out var content))
        {
            CheckContent(content, ptr + "/content");
        }
    }

    public void CheckResponse(JsonNode? node, string ptr)
    {
        var response = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (response.ContainsKey("$ref"))
        {
            return;
        }

        if (response.TryGetPropertyValue("content", out var content))
        {
            CheckContent(content, ptr + "/content");
        }

        if (response.TryGetPropertyValue("headers", out var headers))
        {
            foreach (var (name, header) in headers as JsonObject ?? throw new SpecException($"{ptr}/headers must be an object."))
            {
                CheckHeader(header, $"{ptr}/headers/{name}");
            }
        }
    }

    public void CheckHeader(JsonNode? node, string ptr)
    {
        var header = node as JsonObject ?? throw new SpecException($"{ptr}: expected an object.");
        if (!header.ContainsKey("$ref") && header.TryGetPropertyValue("schema", out var schema))
        {
            CheckParameterSchema(schema, ptr + "/schema");
        }
    }

    private void CheckContent(JsonNode? node, string ptr)
    {
        var content = node as JsonObject ?? throw new SpecException($"{ptr} must be an object.");
        foreach (var (mediaType, value) in content)
        {
            string mptr = $"{ptr}/{mediaType.Replace("/", "~1")}";
            var media = value as JsonObject ?? throw new SpecException($"{mptr}: expected an object.");

            // Multipart, form, binary and text bodies and responses are the operations pass's (fields, files, streams),
            // which checks them itself.
            if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) && media.TryGetPropertyValue("schema", out var schema))
            {
                CheckMediaSchema(schema, mptr + "/schema");
            }
        }
    }

    /// <summary>
    /// Top-level body schema. <c>allOf: [{$ref: X}, {properties: {p: narrowing}}]</c> (used by error responses to list
    /// their problem type codes) is read as <c>$ref: X</c>: the narrowing only restricts values of X's own properties.
    /// </summary>
    private void CheckMediaSchema(JsonNode? node, string ptr)
    {
        if (node is JsonObject obj && obj["allOf"] is JsonArray members && members.Count >= 2
            && members[0] is JsonObject first && first.Count == 1 && first["$ref"] is JsonValue rv && rv.TryGetValue(out string? reference)
            && reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            && obj.All(p => p.Key == "allOf" || DocKeywords.Contains(p.Key)))
        {
            string baseName = reference.Substring(SchemaRefPrefix.Length);
            if (!_m.Enums.ContainsKey(baseName) && !_m.Unions.ContainsKey(baseName) && _m.Schemas.ContainsKey(baseName))
            {
                var baseProperties = _m.GetFlat(baseName)["properties"] as JsonObject ?? new JsonObject();
                bool narrowingOnly = members.Skip(1).All(m => m is JsonObject narrowing
                    && narrowing.All(p => p.Key is "properties" or "description" or "title" or "$comment"
                        || (p.Key == "type" && p.Value?.GetValueKind() == JsonValueKind.String && p.Value.GetValue<string>() == "object"))
                    && (narrowing["properties"] as JsonObject ?? new JsonObject()).All(p => baseProperties.ContainsKey(p.Key)));
                if (narrowingOnly)
                {
                    _n.NormalizeRef(new JsonObject { ["$ref"] = reference }, ptr, inSchema: false);
                    return;
                }
            }
        }

        _n.Normalize(node, ptr, inSchema: false);
    }
}
